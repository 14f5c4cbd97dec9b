/// \file
/// The query language's vocabulary, shared by everything that parses a query: how bare words
/// combine, and what the parser reports about a query (problems it recovered from, how it
/// understood each word). The language itself is in docs/QUERY.md.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace newsdex {

/// How bare words combine when the query names no operator.
enum class MatchMode {
  any, ///< OR: every word adds evidence; ranking sorts it out
  all, ///< AND: every word must match
};

/// Bounds on one query string, so that no query costs unbounded time, memory or stack, whatever
/// a user types (docs/RELIABILITY.md, "Query limits"). Beyond a bound, a strict parse throws
/// Error(query_syntax) naming the column; a lenient one recovers as each field says and adds a
/// QueryWarning with the column.
struct QueryLimits {
  /// Longest query, in bytes. Lenient: the rest (from the last whole UTF-8 character that fits)
  /// is ignored. Default 65,536 (a pasted article fits).
  std::size_t max_length = 65536;
  /// Deepest nesting of parentheses (the parser recurses once a level). Lenient: deeper groups
  /// are flattened into the group around them. Default 64.
  std::size_t max_depth = 64;
  /// Most terms a query searches (each a posting list Xapian opens, with its buffers): each
  /// word, phrase word, field value and wildcard counts one (stopwords none). The other names
  /// of an entity the query names, and the further combinations of NEAR, ADJ and phrases over
  /// them, are added while the budget lasts and otherwise left out, with a warning (in strict
  /// mode too). Lenient: the words from the first one over are ignored. Default 1,024.
  std::size_t max_terms = 1024;
  /// Most wildcards (`defen*`) in one query. Lenient: a further one is searched as the word
  /// without its star. Default 16.
  std::size_t max_wildcards = 16;
  /// Most indexed terms one wildcard stands for (the most frequent ones). Default 100.
  std::size_t max_wildcard_terms = 100;
  /// Largest window of NEAR/n and ADJ/n, and the most positions a quoted phrase may span
  /// (stopwords included). Lenient: a larger n becomes this; a longer phrase keeps the words
  /// that fit. Default 1,000.
  std::size_t max_window = 1000;
  /// Most combinations of multi-word alternatives (an entity's other names) one NEAR, ADJ or
  /// phrase is distributed over (fewer when max_terms runs low); further names are left out,
  /// with a warning (in strict mode too: the query itself is fine). Default 32.
  std::size_t max_positional_combinations = 32;
};

/// A problem the lenient parser recovered from.
struct QueryWarning {
  std::size_t column = 0; ///< 1-based byte column in the query
  std::string message{};  ///< what was wrong and what the parser did instead
};

/// One word (or phrase, or field value) of the query and the terms it became.
struct ExplainedWord {
  std::size_t column = 0;           ///< 1-based byte column in the query
  std::string text{};               ///< as written
  std::string field{};              ///< "title", "source", ... or empty for plain text
  std::vector<std::string> terms{}; ///< Xapian terms (prefix included); empty: a stopword
  std::string note{};               ///< "phrase", "wildcard", "excluded", "date range", ...
};

/// How the query was understood.
struct QueryExplanation {
  std::string tree{};                 ///< the parsed query as an indented tree, one node a line
  std::vector<ExplainedWord> words{}; ///< each word, phrase and field value, in query order
};

} // namespace newsdex
