/// \file
/// A collection's articles out again: JSON Lines that `newsdex index` reads back. Rebuilding a
/// collection in place is Indexer::reindex; a consistent copy is backup() (backup.hpp).
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/article.hpp>
#include <newsdex/export.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace newsdex {

/// Calls `sink` with every stored article of `collection` that `query` matches (every article
/// when `query` is empty), in document id order, and returns how many. The query is parsed
/// strictly (Error(query_syntax) with its column) and analyzed as the collection records, unless
/// `analyzer` is given. Write each with article_to_json (reader.hpp) for a file `newsdex index`
/// reads back into an identical collection.
NEWSDEX_EXPORT std::uint64_t
export_articles(const std::string& collection, const std::string& query,
                const std::function<void(const Article&)>& sink,
                const std::optional<AnalyzerOptions>& analyzer = std::nullopt);

} // namespace newsdex
