// Pseudo-relevance feedback (RM3-style): the top documents of a first pass lend their most
// telling terms to a second, expanded query.
#pragma once

#include <xapian.h>

namespace newsdex::detail {

struct ExpansionSettings {
  unsigned documents = 10; ///< top documents taken as relevant
  unsigned terms = 30;     ///< expansion terms added
  double weight = 0.5;     ///< share of the score given to the expansion terms (RM3's 1 - lambda)
};

/// The original query OR'ed with the expansion terms, each scaled by its ESet weight. Only
/// unprefixed (text) terms are used. Returns `query` unchanged when the first pass finds nothing.
/// Built-in Xapian classes only, so it works over remote shards.
Xapian::Query expand_query(const Xapian::Query& query, Xapian::Enquire& enquire,
                           const ExpansionSettings& settings);

} // namespace newsdex::detail
