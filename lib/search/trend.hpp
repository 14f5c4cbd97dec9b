// Trends (Searcher::trend): how many matches of a query fall on each day, counted exactly over the
// whole matching set, then grouped into periods. Counting reads the date value slot with Xapian's
// built-in ValueCountMatchSpy in a weightless pass, so it works on remote shards too; grouping is
// plain calendar arithmetic (trend_periods.hpp).
#pragma once

#include <newsdex/searcher.hpp>

#include <xapian.h>

#include <cstdint>
#include <map>
#include <vector>

namespace newsdex::detail {

/// The matches of one query (or of every article) by day.
struct DayCounts {
  std::uint64_t matches = 0;          ///< every match, dated or not (exact)
  std::map<long, std::uint64_t> days; ///< days since 1970-01-01 -> matches dated that day
};

/// Counts the matches of `query` by the day of their date value. An empty query counts nothing.
DayCounts count_by_day(const Xapian::Database& db, const Xapian::Query& query);

/// Refuses what no trend can answer before anything is counted: no query, too many, a
/// `from`/`to` that is no date or one after the other (Error(usage)).
void check_trend_request(const TrendRequest& request);

/// The trend of `request` from the day counts of each query (in order) and, with
/// `request.share`, of every article (`all`). Throws Error(usage) when the series would have more
/// than `request.max_buckets` periods.
TrendResults assemble_trend(const TrendRequest& request, const std::vector<DayCounts>& queries,
                            const DayCounts* all);

} // namespace newsdex::detail
