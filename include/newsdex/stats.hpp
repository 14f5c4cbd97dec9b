// What a collection reports about itself (`newsdex stats`, Searcher::stats).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace newsdex {

/// Facts about a collection.
struct CollectionStats {
  std::uint64_t documents = 0;
  std::uint64_t terms = 0;           ///< distinct terms
  std::uint64_t size_bytes = 0;      ///< on disk
  std::string first_date, last_date; ///< YYYY-MM-DD or empty
  std::string last_commit{};         ///< ISO 8601 UTC or empty
  int schema_version = 0;
  std::string analyzer{}; ///< analyzer fingerprint recorded in the database
  unsigned shards = 1;    ///< databases the collection is made of (local and remote)
  /// Fields present (the XF terms: title, body, date, source, url) and how many articles have each.
  std::vector<std::pair<std::string, std::uint64_t>> fields{};
};

} // namespace newsdex
