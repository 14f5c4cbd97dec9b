// newsdex's query language: the user's query string into a Xapian::Query, every word through the
// shared analyzer. See docs/QUERY.md for the language.
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/query.hpp>

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsdex::detail {

/// A positive word of free text, for spelling suggestions: where it is in the query, its folded
/// unstemmed form (what the spelling data holds) and the unprefixed term it became.
struct QueryWord {
  std::size_t begin = 0, end = 0; ///< byte range in the query
  std::string folded;
  std::string term;
};

struct ParsedQuery {
  Xapian::Query query;             ///< MatchNothing for an empty query
  std::set<std::string> highlight; ///< terms a snippet should mark (positive words only)
  std::vector<QueryWarning> warnings;
  QueryExplanation explanation; ///< the parsed tree and the terms each word became
  std::vector<QueryWord> words; ///< positive free-text words, in query order
};

struct EntityTables;

/// What a searcher keeps from one query to the next because no query changes it: the entity
/// tables and the terms each alias name analyzes to. Bound to one analyzer (the names are analyzed
/// with it); like the analyzer, not for two threads at once.
struct QueryCache {
  std::shared_ptr<const EntityTables> tables;
  struct Name {
    std::vector<std::string> terms; ///< without stopwords
    std::uint32_t width = 0;        ///< positions the name spans, stopwords included
  };
  std::unordered_map<std::string, Name> names;
};

struct QueryParserOptions {
  bool syntax = true;
  bool strict = false;
  MatchMode match = MatchMode::any;
  /// Fill ParsedQuery::explanation; a search that prints none saves the work.
  bool explain = true;
  /// Fill ParsedQuery::highlight (snippets need it) and ParsedQuery::words (the spelling
  /// suggestion does); a ranked list without either saves the work.
  bool highlight = true;
  bool words = true;
  /// Kept between queries when given (a Searcher's); otherwise the parse builds its own.
  QueryCache* cache = nullptr;
  /// Expands wildcards into the indexed terms they stand for, from the whole collection: inside
  /// NEAR, ADJ or a phrase (Xapian's positional operators take no OP_WILDCARD; without a database
  /// such a wildcard is a query problem) and alone, so that remote shards, which would each
  /// expand an OP_WILDCARD over their own terms, score it as a local collection does (without a
  /// database a plain wildcard stays Xapian's OP_WILDCARD).
  const Xapian::Database* database = nullptr;
  /// Length, nesting, words, wildcards and windows (QueryLimits in <newsdex/query.hpp>).
  QueryLimits limits{};
  /// Entity-aware ranking (query/entity_boost.hpp): the entity names of each run of plain words
  /// add to the score, scaled by `entity_boost_weight` times the share of the plain words they
  /// cover (query/entity_boost.hpp, boost_weight).
  bool entity_boost = false;
  double entity_boost_weight = 1.0;
  /// With `entity_boost`: the multi-word expressions of the phrase table add their evidence too.
  bool phrase_boost = false;
  /// The collection indexes the expressions as terms (schema::expression_prefix): their phrase
  /// is read only in the articles holding that term.
  bool expression_terms = false;
};

/// Parses `query`. Lenient by default: malformed syntax, or a query beyond `options.limits`,
/// becomes what can be searched plus a warning with the column; with `strict` it throws
/// Error(query_syntax) naming the column instead. Never recurses deeper than the nesting limit.
ParsedQuery parse_query(const std::string& query, Analyzer& analyzer,
                        const QueryParserOptions& options);

} // namespace newsdex::detail
