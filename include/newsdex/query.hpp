// The query language's vocabulary, shared by everything that parses a query: how bare words
// combine, and what the parser reports about a query (problems it recovered from, how it
// understood each word). The language itself is in docs/QUERY.md.
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

/// A problem the lenient parser recovered from.
struct QueryWarning {
  std::size_t column = 0; ///< 1-based byte column in the query
  std::string message{};
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
  std::string tree{}; ///< the parsed query as an indented tree, one node a line
  std::vector<ExplainedWord> words{};
};

} // namespace newsdex
