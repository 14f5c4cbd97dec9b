#include "query/date_query.hpp"

#include <newsdex/schema.hpp>

#include "ingest/date_parser.hpp"

#include <cstdio>
#include <optional>

namespace newsdex::detail {

DateRangeQuery date_range_query(const std::string& value) {
  using Q = Xapian::Query;
  auto dots = value.find("..");
  std::string lo = dots == std::string::npos ? value : value.substr(0, dots);
  std::string hi = dots == std::string::npos ? value : value.substr(dots + 2);
  std::optional<long> from, to;
  if (!lo.empty()) {
    auto d = parse_date(lo);
    if (!d) return {{}, "bad date '" + lo + "'"};
    from = days_since_epoch(d->iso);
  }
  if (!hi.empty()) {
    auto d = parse_date(hi);
    if (!d) return {{}, "bad date '" + hi + "'"};
    // The upper end of a month or a year is its last day.
    auto first = days_since_epoch(d->iso);
    if (first && d->precision != DatePrecision::day) {
      std::string next = d->iso;
      int y = std::stoi(next.substr(0, 4)), m = std::stoi(next.substr(5, 2));
      if (d->precision == DatePrecision::year)
        ++y;
      else if (++m == 13) {
        m = 1;
        ++y;
      }
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-01", y, m);
      auto after = days_since_epoch(buf);
      to = after ? std::optional<long>(*after - 1) : first;
    } else {
      to = first;
    }
  }
  const auto day = [](long d) { return Xapian::sortable_serialise(static_cast<double>(d)); };
  if (from && to) return {Q(Q::OP_VALUE_RANGE, schema::date_slot, day(*from), day(*to)), {}};
  if (from) return {Q(Q::OP_VALUE_GE, schema::date_slot, day(*from)), {}};
  if (to) return {Q(Q::OP_VALUE_LE, schema::date_slot, day(*to)), {}};
  return {{}, "empty date range"};
}

} // namespace newsdex::detail
