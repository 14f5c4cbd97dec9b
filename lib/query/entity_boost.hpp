// Entity- and phrase-aware ranking of plain queries (docs/QUERY.md, "Entity-aware ranking"):
// the entity names and the multi-word spans of a run of plain words, recognised with the tables
// the index side uses, become evidence that adds to the score of what the words already match.
//
// Only Xapian's built-in operators (OP_SYNONYM, OP_PHRASE, OP_NEAR, OP_OR, OP_SCALE_WEIGHT), so
// a boosted query runs on remote shards as it does locally.
#pragma once

#include <newsdex/entities.hpp>

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace newsdex::detail {

struct EntityTables;

/// One word of a run of plain query words, as the analyzer saw it.
struct BoostWord {
  std::string text;      ///< as written in the query
  std::string term;      ///< the unprefixed term it became (a stopword's is not indexed)
  std::size_t begin = 0; ///< byte range in the query
  std::size_t end = 0;
  std::uint32_t position = 0;
  bool stopword = false;
};

/// A span of words that names something: an entity of the tables (by any of its names), a
/// run of two or more capitalised words the index side would also have recognised as a name, or
/// a multi-word expression of the phrase table (phrases-en.txt).
struct RecognisedSpan {
  std::size_t first = 0, last = 0; ///< indices into the words, both included
  bool known = false;              ///< named in the entity tables
  std::string name; ///< the canonical name, as the index stores it; an expression's key
  std::string term; ///< the XE term of that name; empty for an expression
  EntityType type = EntityType::unknown;
};

/// The spans of `words` that name an entity, left to right, the longest at each start; a span
/// inside an earlier one is left out, spans that only overlap are both kept. Where no entity
/// starts, the longest multi-word expression starting there, if any (with `expressions`). As on the
/// index side, a lone lower-case word names nothing unless its table writes it in lower case, and
/// an acronym that needs capitals (WHO) is no name in a shouted query. At most `max_spans`.
std::vector<RecognisedSpan> recognise_spans(const std::string& query,
                                            const std::vector<BoostWord>& words,
                                            const EntityTables& tables, bool shouted,
                                            std::size_t max_spans, bool expressions);

/// What the boost of one run is made of, for the query and for --explain.
struct BoostPart {
  std::size_t begin = 0, end = 0;  ///< byte range in the query
  std::size_t first = 0, last = 0; ///< the words it covers: indices into the run's, both included
  std::string note;                ///< "entity UN", "name carl icahn"
  Xapian::Query query;
};

/// The parts of the boost of one run: for each recognised name its XE term or the phrase of its
/// words (one OP_SYNONYM, so an article naming it several ways scores like one naming it once);
/// for each expression the phrase of its words, filtered by its XP term when the collection
/// indexes them (`expression_terms`: every shard was created by a newsdex that writes them), so
/// that only the articles using it have their positions read.
/// Stops before `term_budget` terms are used; `used` says how many were. Adjacent words that
/// name nothing add no evidence: searched NEAR each other they added 0.004 MAP on the judged
/// news sets and made a ranked query about five times slower (docs/EVALUATION.md).
std::vector<BoostPart> boost_parts(const std::vector<BoostWord>& words,
                                   const std::vector<RecognisedSpan>& spans,
                                   std::size_t term_budget, std::size_t& used,
                                   bool expression_terms = false);

/// How much of a run its parts cover, in words other than stopwords.
struct BoostCover {
  std::size_t covered = 0; ///< words inside some part (a word inside two counts once)
  std::size_t words = 0;   ///< all the run's words
};
BoostCover boost_cover(const std::vector<BoostWord>& words, const std::vector<BoostPart>& parts);

/// The weight of the evidence of a query's names: `weight` times the share of its plain words they
/// cover (the sum of `BoostCover` over its runs). A name that is the whole query ("United
/// Nations") counts fully: articles about it are what is asked for. A name that is one facet of a
/// longer query ("US" in "US dollar exchange rate") counts for its share, so the evidence of the
/// name does not outweigh the query's other words, which score only once.
double boost_weight(double weight, BoostCover cover);

/// `query` with the boost as optional evidence: OP_AND_MAYBE(query, OP_SCALE_WEIGHT(OR of the
/// parts, weight)), so exactly the same articles match. `query` itself when there are no parts.
Xapian::Query with_boost(const Xapian::Query& query, const std::vector<BoostPart>& parts,
                         double weight);

} // namespace newsdex::detail
