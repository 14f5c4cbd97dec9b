// newsdex's query language: the user's query string into a Xapian::Query, every word through the
// shared analyzer. See docs/QUERY.md for the language.
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/searcher.hpp>

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

namespace newsdex::detail {

struct ParsedQuery {
  Xapian::Query query;             ///< MatchNothing for an empty query
  std::set<std::string> highlight; ///< terms a snippet should mark (positive words only)
  std::vector<QueryWarning> warnings;
  std::string explanation; ///< how the query was understood, one line per clause
};

struct QueryParserOptions {
  bool syntax = true;
  bool strict = false;
  MatchMode match = MatchMode::any;
  std::size_t wildcard_limit = 100; ///< most terms a `prefix*` expands to
};

/// Parses `query`. Lenient by default: malformed syntax becomes words plus a warning with the
/// column; with `strict` it throws Error(query_syntax) naming the column instead.
ParsedQuery parse_query(const std::string& query, Analyzer& analyzer,
                        const QueryParserOptions& options);

} // namespace newsdex::detail
