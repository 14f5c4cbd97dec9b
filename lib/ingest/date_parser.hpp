// Publication dates in article metadata: the ISO 8601, RFC 2822 and English prose forms feeds and
// HTML pages use, normalised to a UTC calendar date.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsdex::detail {

/// How much of the date the text gave.
enum class DatePrecision { day, month, year };

struct ParsedDate {
  std::string iso; ///< "YYYY-MM-DD"; month and year precision fill in 01 for what is missing.
  DatePrecision precision;

  bool operator==(const ParsedDate&) const = default;
};

/// Parses the date forms news metadata uses and returns the UTC calendar date as "YYYY-MM-DD".
/// Month-only dates ("2025-02", "February 2025") return "YYYY-MM-01" with `precision` month;
/// year-only "YYYY-01-01" with precision year. Returns std::nullopt when unparseable.
///
/// Accepted, with surrounding whitespace ignored and English month and weekday names in any case
/// (full, three-letter, or any longer prefix such as "Sept", optionally followed by '.'):
///  - ISO 8601: 2025-02-13, 2025/02/13, 20250213, 2025-02, 2025, and a day followed by 'T' or a
///    space and a time: 2025-02-13T14:05:00Z, 2025-02-13T23:30:00.5-05:00, 2025-02-13 14:05:00,
///    20250213T140500Z.
///  - RFC 2822: [Thu, ]13 Feb 2025 14:05[:00] +0000, zone names UT/UTC/GMT/Z/EST/EDT/CST/CDT/MST/
///    MDT/PST/PDT, and a trailing "(comment)".
///  - Prose: [Monday, ]February 24[th][,] 2022, 24 Feb. 2022, February 2025; either may be followed
///    by [,] and a time of day, which may use am/pm and a zone.
///  - Reuters: 26-FEB-1987 15:01:01.79.
/// A time with a zone is converted to UTC, which may move the date; a time without one is taken
/// as UTC. The calendar is validated (2025-02-30 is rejected), years must lie in 1000-2999, and
/// the whole text must be consumed. A weekday name is not checked against the date. Numeric
/// day-month forms such as 24/02/2022 are rejected as ambiguous.
std::optional<ParsedDate> parse_date(std::string_view text);

/// Days since 1970-01-01 for a "YYYY-MM-DD" string (for sortable values); nullopt if invalid:
/// not exactly that shape, not a real calendar date, or a year outside 1000-2999.
std::optional<long> days_since_epoch(std::string_view iso);

/// The days a parsed date stands for, counted as days_since_epoch counts them: the day itself, or
/// the whole month or year its precision names ("2025-02": 2025-02-01 to 2025-02-28). What a
/// `date:` range and a trend's `from`/`to` read. Nullopt when its ISO form is no valid day.
struct DaySpan {
  long first = 0, last = 0;
};
std::optional<DaySpan> day_span(const ParsedDate& date);

} // namespace newsdex::detail
