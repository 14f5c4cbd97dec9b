// The recency boost (`--recent`): news loses interest with age, so newer articles get a bonus
// that halves every half-life. It is an additive weight, not a re-sort, so a much better old
// article still beats a slightly newer one; and it is scaled to the query's own best score, so one
// setting means the same for queries whose BM25 scores differ by orders of magnitude. Built from
// Xapian's ValueMapPostingSource (a built-in, serialisable class) so it works on remote shards.
#pragma once

#include <newsdex/searcher.hpp>

#include <xapian.h>

namespace newsdex::detail {

/// `query` with the boost of `r` (recency_half_life_days, recency_weight, recency_reference; k1
/// and b for the probe that finds the best score) added as OP_AND_MAYBE over the date slot, one
/// mapping a day within ten half-lives. `query` unchanged when the boost is off, the query is
/// empty or matches nothing by weight, or no article is dated. Throws Error(usage) for a bad
/// reference date.
Xapian::Query with_recency(const Xapian::Database& db, const Xapian::Query& query,
                           const SearchRequest& r);

} // namespace newsdex::detail
