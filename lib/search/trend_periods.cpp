#include "search/trend_periods.hpp"

#include <newsdex/error.hpp>

#include "ingest/date_parser.hpp"

#include <chrono>
#include <cstdio>

namespace newsdex::detail {
namespace {

std::chrono::year_month_day civil(long day) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
}
long day_of(const std::chrono::year_month_day& ymd) {
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

// Floor division: weeks before 1970 must round down, not toward zero.
long floor_div(long a, long b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// 1970-01-01 was a Thursday: Monday of the week of `day`.
long monday_of(long day) {
  return day - (((day + 3) % 7) + 7) % 7;
}

// ISO 8601: a week belongs to the year of its Thursday, and week 1 holds the year's first
// Thursday.
std::string iso_week_label(long monday) {
  const long thursday = monday + 3;
  const int year = static_cast<int>(civil(thursday).year());
  const long jan1 = day_of(std::chrono::year{year} / std::chrono::January / 1);
  const int week = static_cast<int>((thursday - jan1) / 7 + 1); // 1..53
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
  return buf;
}

ParsedDate parse_named(const std::string& text, const char* what) {
  auto d = parse_date(text);
  if (!d || !days_since_epoch(d->iso))
    throw Error(Error::Code::usage, std::string("trend: ") + what + " '" + text +
                                        "' is not a date (2025-02-13, 2025-02, 2025, "
                                        "\"24 June 2025\"; docs/QUERY.md)");
  return *d;
}

} // namespace

long period_of(long day, TrendBucket bucket) {
  switch (bucket) {
  case TrendBucket::day:
    return day;
  case TrendBucket::week:
    return floor_div(monday_of(day), 7);
  case TrendBucket::month: {
    const auto ymd = civil(day);
    return static_cast<int>(ymd.year()) * 12L + static_cast<long>(unsigned(ymd.month())) - 1;
  }
  case TrendBucket::year:
    return static_cast<int>(civil(day).year());
  }
  return day;
}

long period_first_day(long period, TrendBucket bucket) {
  switch (bucket) {
  case TrendBucket::day:
    return period;
  case TrendBucket::week:
    return period * 7 + 4; // period_of divides a Monday (day ≡ 4 mod 7) by seven
  case TrendBucket::month:
    return day_of(
        std::chrono::year{static_cast<int>(floor_div(period, 12))} /
        std::chrono::month{static_cast<unsigned>(period - floor_div(period, 12) * 12 + 1)} / 1);
  case TrendBucket::year:
    return day_of(std::chrono::year{static_cast<int>(period)} / std::chrono::January / 1);
  }
  return period;
}

long period_last_day(long period, TrendBucket bucket) {
  return period_first_day(period + 1, bucket) - 1;
}

std::string period_label(long period, TrendBucket bucket) {
  const long first = period_first_day(period, bucket);
  switch (bucket) {
  case TrendBucket::day:
    return iso_day(first);
  case TrendBucket::week:
    return iso_week_label(first);
  case TrendBucket::month:
    return iso_day(first).substr(0, 7);
  case TrendBucket::year:
    return iso_day(first).substr(0, 4);
  }
  return iso_day(first);
}

std::string iso_day(long day) {
  const auto ymd = civil(day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

long first_day_named(const std::string& text, const char* what) {
  return day_span(parse_named(text, what))->first;
}

// The upper end of a month or a year is its last day, as `date:..2025-02` reads it.
long last_day_named(const std::string& text, const char* what) {
  return day_span(parse_named(text, what))->last;
}

} // namespace newsdex::detail
