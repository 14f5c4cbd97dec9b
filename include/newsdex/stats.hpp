// What a collection reports about itself (`newsdex stats`, Searcher::stats).
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/export.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace newsdex {

/// How a collection analyzes text, as it records it (its manifest): every reader and writer uses
/// these unless told otherwise.
struct CollectionSettings {
  bool recorded = false; ///< false: a collection built before manifests (defaults assumed)
  std::string language{};
  bool stem = true;
  bool fold_variants = true;
  bool stopwords = true;
  /// Names of the files whose contents the collection recorded.
  std::vector<std::string> variant_files{}, stopword_files{}, entity_files{};
};

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
  CollectionSettings settings{};
};

/// The analyzer options the collection at `path` records (its manifest), its recorded files
/// written back under PATH.d/analysis/; std::nullopt when it records none (missing, or built
/// before manifests). For changing one setting of a collection's while keeping the others, as the
/// CLI does when given some of --language, --variants and --entities.
NEWSDEX_EXPORT std::optional<AnalyzerOptions> recorded_analyzer_options(const std::string& path);

} // namespace newsdex
