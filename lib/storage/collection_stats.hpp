// What `newsdex stats` reports about a collection.
#pragma once

#include <newsdex/stats.hpp>

#include <xapian.h>

#include <string>

namespace newsdex::detail {

CollectionStats compute_stats(const Xapian::Database& db, const std::string& path);

} // namespace newsdex::detail
