// Facet counting: how many matches of a query have each source, year, month or entity. A facet
// must count the whole matching set, not just the page of hits, so it is a pass of its own, apart
// from ranking: a weightless one over the query's matching set (matching_set.hpp). Weighing every
// match in the ranked pass instead would forgo the pruning that keeps the top-k pass cheap.
#pragma once

#include <newsdex/searcher.hpp>

#include <xapian.h>

#include <cstddef>
#include <vector>

namespace newsdex::detail {

struct FacetCounts {
  Xapian::doccount matches = 0; ///< every match of the query, counted exactly
  std::vector<Facet> facets;    ///< one per requested kind, in the order requested
};

/// Counts the matches of `query` by each of `kinds`, keeping the `limit` most frequent values of
/// each (ties by value). Every facet works on remote shards: source, year and month are Xapian's
/// ValueCountMatchSpy over their slots; the entity facet is one over the entity-list slot when
/// the collection has `remote` shards (the server counts each distinct list, newsdex splits the
/// lists and adds their counts: the same counts, at the memory cost of one entry per distinct
/// list), and otherwise newsdex's own MatchSpy, which splits each list as it goes (a custom
/// MatchSpy cannot be sent to a remote server).
FacetCounts count_facets(const Xapian::Database& db, const Xapian::Query& query,
                         const std::vector<FacetKind>& kinds, std::size_t limit,
                         bool remote_shards = false);

} // namespace newsdex::detail
