#include "query/date_query.hpp"

#include <newsdex/schema.hpp>

#include "ingest/date_parser.hpp"

#include <optional>

namespace newsdex::detail {

DateRangeQuery date_range_query(const std::string& value) {
  using Q = Xapian::Query;
  auto dots = value.find("..");
  std::string lo = dots == std::string::npos ? value : value.substr(0, dots);
  std::string hi = dots == std::string::npos ? value : value.substr(dots + 2);
  // The days a side names: a month or a year at the upper end stands for its last day.
  const auto days_of = [](const std::string& text) -> std::optional<DaySpan> {
    const auto d = parse_date(text);
    return d ? day_span(*d) : std::nullopt;
  };
  std::optional<long> from, to;
  if (!lo.empty()) {
    const auto span = days_of(lo);
    if (!span) return {{}, "bad date '" + lo + "'"};
    from = span->first;
  }
  if (!hi.empty()) {
    const auto span = days_of(hi);
    if (!span) return {{}, "bad date '" + hi + "'"};
    to = span->last;
  }
  const auto day = [](long d) { return Xapian::sortable_serialise(static_cast<double>(d)); };
  if (from && to) return {Q(Q::OP_VALUE_RANGE, schema::date_slot, day(*from), day(*to)), {}};
  if (from) return {Q(Q::OP_VALUE_GE, schema::date_slot, day(*from)), {}};
  if (to) return {Q(Q::OP_VALUE_LE, schema::date_slot, day(*to)), {}};
  return {{}, "empty date range"};
}

} // namespace newsdex::detail
