// Ranked search over a collection.
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/article.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace newsdex {

/// How bare words combine when the query names no operator.
enum class MatchMode {
  any, ///< OR: every word adds evidence; ranking sorts it out
  all, ///< AND: every word must match
};

struct SearchRequest {
  /// The query in newsdex's query language (see docs/QUERY.md).
  std::string query;
  /// Hits to return. Default 10.
  std::size_t limit = 10;
  /// Hits to skip before the first returned. Default 0.
  std::size_t offset = 0;
  /// false: every character is text and the words are simply ranked. Default true.
  bool syntax = true;
  /// Default any (chosen by evaluation, see docs/EVALUATION.md).
  MatchMode match = MatchMode::any;
  /// Fail with Error(query_syntax) on a malformed query instead of recovering. Default false.
  bool strict = false;
  /// BM25 parameters. Defaults chosen by evaluation.
  double k1 = 1.2;
  double b = 0.75;
  /// Compute snippets for the returned hits. Default true.
  bool snippets = true;
  /// Maximum snippet length in bytes. Default 240.
  std::size_t snippet_bytes = 240;
};

/// A `[begin, end)` byte range of the snippet to highlight.
struct Highlight {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool operator==(const Highlight&) const = default;
};

struct Hit {
  std::string id;
  std::size_t rank = 0; ///< 1 for the first hit of the whole result list (offset included)
  double score = 0;     ///< raw weight
  std::string title;
  std::string date; ///< YYYY-MM-DD or empty
  std::string source;
  std::string url;
  std::string snippet; ///< plain text
  std::vector<Highlight> highlights;
};

/// A problem the lenient parser recovered from.
struct QueryWarning {
  std::size_t column = 0; ///< 1-based byte column in the query
  std::string message;
};

struct SearchResults {
  std::string query;
  std::uint64_t total_estimate = 0;
  std::vector<Hit> hits;
  std::vector<QueryWarning> warnings;
};

/// Facts about a collection.
struct CollectionStats {
  std::uint64_t documents = 0;
  std::uint64_t terms = 0;           ///< distinct terms
  std::uint64_t size_bytes = 0;      ///< on disk
  std::string first_date, last_date; ///< YYYY-MM-DD or empty
  std::string last_commit;           ///< ISO 8601 UTC or empty
  int schema_version = 0;
  std::string analyzer; ///< analyzer fingerprint recorded in the database
};

/// Reads a collection (one database, or a stub listing shards). Opens on construction.
///
/// Thread-safety: a Searcher must not be used by two threads at once (Xapian database handles are
/// not thread-safe); open one Searcher per thread.
class Searcher {
public:
  /// Throws Error(database_missing) when nothing is at `path`, Error(database_mismatch) when the
  /// collection was built with another schema or analyzer.
  explicit Searcher(const std::string& path, AnalyzerOptions analyzer = {});
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  SearchResults search(const SearchRequest& request);
  CollectionStats stats();
  /// The stored article with this id, if any.
  std::optional<Article> article(const std::string& id);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace newsdex
