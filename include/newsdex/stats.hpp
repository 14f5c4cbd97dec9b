/// \file
/// What a collection reports about itself (`newsdex stats`, Searcher::stats).
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
/// these unless told otherwise. The collection records the files' contents, not only their
/// names (recorded_analyzer_options writes them back).
struct CollectionSettings {
  bool recorded = false;     ///< false: a collection built before manifests (defaults assumed)
  std::string language{};    ///< AnalyzerOptions::language
  bool stem = true;          ///< AnalyzerOptions::stem
  bool fold_variants = true; ///< AnalyzerOptions::fold_variants
  bool stopwords = true;     ///< AnalyzerOptions::stopwords
  std::vector<std::string> variant_files{}, ///< names of the AnalyzerOptions::variant_files
      stopword_files{},                     ///< names of the AnalyzerOptions::stopword_files
      entity_files{};                       ///< names of the AnalyzerOptions::entity_files
};

/// Facts about a collection.
struct CollectionStats {
  std::uint64_t documents = 0;  ///< articles, all shards together
  std::uint64_t terms = 0;      ///< distinct terms
  std::uint64_t size_bytes = 0; ///< on disk
  std::string first_date,       ///< the oldest article's date, YYYY-MM-DD; empty when none is dated
      last_date;                ///< the newest article's date, YYYY-MM-DD; empty when none is dated
  std::string last_commit{};    ///< ISO 8601 UTC or empty
  int schema_version = 0;       ///< schema::version it was written with (0: not recorded)
  std::string analyzer{};       ///< analyzer fingerprint recorded in the database
  unsigned shards = 1;          ///< databases the collection is made of (local and remote)
  /// Fields present (the XF terms: title, body, date, source, url) and how many articles have each.
  std::vector<std::pair<std::string, std::uint64_t>> fields{};
  CollectionSettings settings{}; ///< how it analyzes text, as recorded
};

/// The analyzer options the collection at `path` records (its manifest), its recorded files
/// written back under PATH.d/analysis/; std::nullopt when it records none (missing, or built
/// before manifests). For changing one setting of a collection's while keeping the others, as the
/// CLI does when given some of --language, --variants and --entities.
NEWSDEX_EXPORT std::optional<AnalyzerOptions> recorded_analyzer_options(const std::string& path);

} // namespace newsdex
