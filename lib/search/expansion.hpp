// Pseudo-relevance feedback: the top documents of a first pass lend their most telling terms to a
// second, expanded query.
#pragma once

#include <cstddef>
#include <xapian.h>

namespace newsdex::detail {

struct ExpansionSettings {
  unsigned documents = 20; ///< top documents of the first pass taken as relevant
  unsigned terms = 40;     ///< expansion terms added
  /// Share of the score given to the expansion terms for a query of `pivot_query_terms` text
  /// terms (RM3's 1 - lambda); see expansion_share() for other lengths.
  double weight = 0.3;
  double k1 = 1.8; ///< BM25 k1 and b of the term frequencies in the feedback documents
  double b = 0.5;
};

/// Query length at which the expansion gets exactly `weight` of the score.
inline constexpr std::size_t pivot_query_terms = 10;

/// The expansion's share of the score for a query of `query_terms` text terms: `weight` at the
/// pivot length, less for longer queries and more for shorter ones (the expansion-to-query odds
/// scale with 1/sqrt(length)). 0 for an empty query.
double expansion_share(double weight, std::size_t query_terms);

/// The original query OR'ed with the expansion terms. The terms come from the first pass's best
/// `documents` (a Rocchio centroid of BM25 term frequencies, each document weighted by the cube
/// of its first-pass score, times idf); only unprefixed (text) terms not in the query are used.
/// Returns `query` unchanged when the first pass finds nothing. `enquire` runs the first pass
/// (its weighting scheme is kept). Built-in Xapian classes only, so it works over remote shards.
Xapian::Query expand_query(const Xapian::Query& query, const Xapian::Database& db,
                           Xapian::Enquire& enquire, const ExpansionSettings& settings);

} // namespace newsdex::detail
