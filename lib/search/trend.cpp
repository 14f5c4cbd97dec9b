#include "search/trend.hpp"

#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include "query/matcher.hpp"
#include "search/matching_set.hpp"
#include "search/trend_periods.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

namespace newsdex {

std::optional<TrendBucket> trend_bucket_from_string(std::string_view name) {
  if (name == "day") return TrendBucket::day;
  if (name == "week") return TrendBucket::week;
  if (name == "month") return TrendBucket::month;
  if (name == "year") return TrendBucket::year;
  return std::nullopt;
}

std::string_view to_string(TrendBucket bucket) {
  switch (bucket) {
  case TrendBucket::day:
    return "day";
  case TrendBucket::week:
    return "week";
  case TrendBucket::month:
    return "month";
  case TrendBucket::year:
    return "year";
  }
  return "month";
}

namespace detail {

DayCounts count_by_day(const Xapian::Database& db, const Xapian::Query& query) {
  DayCounts out;
  if (query.empty() || db.get_doccount() == 0) return out;
  Xapian::Enquire counting(db);
  counting.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::ValueCountMatchSpy spy(schema::date_slot);
  counting.add_matchspy(&spy);
  counting.set_query(unweighted(matching_set_query(query)));
  // check_at_least = every document: the spy sees every match, and the count is exact.
  Xapian::MSet all = counting.get_mset(0, 0, db.get_doccount());
  out.matches = all.get_matches_estimated();
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
    if ((*v).empty()) continue; // undated: no value
    const double day = Xapian::sortable_unserialise(*v);
    out.days[static_cast<long>(std::floor(day))] += v.get_termfreq();
  }
  return out;
}

namespace {

// Day numbers; no bound is the extreme value, so "inside" is two comparisons. Plain longs rather
// than std::optional<long>: g++ 12 with -fsanitize=thread warns (-Wmaybe-uninitialized) on the
// optional's payload, falsely.
constexpr long no_lower_bound = std::numeric_limits<long>::min();
constexpr long no_upper_bound = std::numeric_limits<long>::max();

struct DayBounds {
  long from = no_lower_bound;
  long to = no_upper_bound;
};

DayBounds day_bounds(const TrendRequest& r) {
  DayBounds b;
  if (!r.from.empty()) b.from = first_day_named(r.from, "from");
  if (!r.to.empty()) b.to = last_day_named(r.to, "to");
  return b;
}

} // namespace

void check_trend_request(const TrendRequest& r) {
  if (r.queries.empty()) throw Error(Error::Code::usage, "trend: a query is required");
  if (r.queries.size() > r.max_queries)
    throw Error(Error::Code::usage, "trend: " + std::to_string(r.queries.size()) +
                                        " queries, more than the " + std::to_string(r.max_queries) +
                                        " one trend compares");
  const DayBounds bounds = day_bounds(r);
  if (bounds.from > bounds.to)
    throw Error(Error::Code::usage, "trend: from '" + r.from + "' is after to '" + r.to + "'");
}

TrendResults assemble_trend(const TrendRequest& r, const std::vector<DayCounts>& queries,
                            const DayCounts* all) {
  TrendResults out;
  out.bucket = r.bucket;
  out.share = r.share && all != nullptr;
  const DayBounds bounds = day_bounds(r);
  const bool has_from = !r.from.empty(), has_to = !r.to.empty();

  // The span: from..to where given, else the first and last matching day of any query (an
  // empty span, first_day > last_day, when nothing dated matched inside the bounds).
  long first_day = has_from ? bounds.from : no_upper_bound;
  long last_day = has_to ? bounds.to : no_lower_bound;
  for (const DayCounts& q : queries)
    for (const auto& [day, n] : q.days) {
      if (day < bounds.from || day > bounds.to) continue;
      if (!has_from) first_day = std::min(first_day, day);
      if (!has_to) last_day = std::max(last_day, day);
    }

  if (first_day <= last_day) {
    const long first = period_of(first_day, r.bucket), last = period_of(last_day, r.bucket);
    // Where from/to do not cut them, the first and last periods are whole: a share of March is
    // of all of March, not of March up to the last match.
    if (!has_from) first_day = period_first_day(first, r.bucket);
    if (!has_to) last_day = period_last_day(last, r.bucket);
    const auto periods = static_cast<unsigned long>(last - first + 1);
    if (periods > r.max_buckets)
      throw Error(Error::Code::usage,
                  "trend: " + std::to_string(periods) + " periods by " +
                      std::string(to_string(r.bucket)) + " from " + iso_day(first_day) + " to " +
                      iso_day(last_day) + ", more than the " + std::to_string(r.max_buckets) +
                      " one trend may have: count by a longer period or narrow from/to");
    for (long p = first; p <= last; ++p) {
      TrendPeriod period;
      period.label = period_label(p, r.bucket);
      period.first_day = iso_day(std::max(period_first_day(p, r.bucket), first_day));
      period.last_day = iso_day(std::min(period_last_day(p, r.bucket), last_day));
      out.periods.push_back(std::move(period));
    }
    const auto index_of = [&](long day) -> std::optional<std::size_t> {
      if (day < first_day || day > last_day) return std::nullopt;
      return static_cast<std::size_t>(period_of(day, r.bucket) - first);
    };
    if (out.share)
      for (const auto& [day, n] : all->days)
        if (auto i = index_of(day)) out.periods[*i].total += n;
    for (std::size_t k = 0; k < queries.size(); ++k) {
      TrendSeries s;
      s.counts.assign(out.periods.size(), 0);
      for (const auto& [day, n] : queries[k].days) {
        if (auto i = index_of(day))
          s.counts[*i] += n;
        else
          s.outside += n;
      }
      out.series.push_back(std::move(s));
    }
  } else {
    // Nothing dated matched in the span (or from/to leave no day): no periods.
    for (const DayCounts& q : queries) {
      TrendSeries s;
      for (const auto& [day, n] : q.days) s.outside += n;
      out.series.push_back(std::move(s));
    }
  }

  for (std::size_t k = 0; k < queries.size(); ++k) {
    TrendSeries& s = out.series[k];
    s.query = r.queries[k];
    std::uint64_t dated = 0;
    for (const auto& [day, n] : queries[k].days) dated += n;
    s.undated = queries[k].matches - std::min(queries[k].matches, dated);
    if (out.share) {
      s.shares.reserve(s.counts.size());
      for (std::size_t i = 0; i < s.counts.size(); ++i)
        s.shares.push_back(out.periods[i].total == 0
                               ? 0.0
                               : static_cast<double>(s.counts[i]) /
                                     static_cast<double>(out.periods[i].total));
    }
  }
  return out;
}

} // namespace detail
} // namespace newsdex
