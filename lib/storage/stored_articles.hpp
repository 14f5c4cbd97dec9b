// Reading a collection's stored articles one after another: what export and reindex are built on.
#pragma once

#include <newsdex/article.hpp>

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace newsdex::detail {

/// Calls `sink` with the stored article of each document of `db` in `documents` (every document
/// when null), in document id order. Returns how many were read. A document that holds no stored
/// article (Error(database_corrupt)) stops the walk.
std::uint64_t for_each_stored_article(const Xapian::Database& db,
                                      const std::vector<Xapian::docid>* documents,
                                      const std::function<void(const Article&)>& sink);

} // namespace newsdex::detail
