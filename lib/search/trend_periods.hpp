// The calendar of a trend: which period a day falls in, where a period begins and ends, and its
// label. Days are counted from 1970-01-01, as the date value slot stores them, so a trend counts
// matches by that value and never parses a date per match.
#pragma once

#include <newsdex/searcher.hpp>

#include <string>

namespace newsdex::detail {

/// A period as one number, consecutive periods consecutive numbers: the day itself, the Monday of
/// an ISO week divided by seven, year * 12 + month - 1, or the year.
long period_of(long day, TrendBucket bucket);
/// The first day of period `period`.
long period_first_day(long period, TrendBucket bucket);
/// The last day of period `period`.
long period_last_day(long period, TrendBucket bucket);
/// "2025-02-13", "2025-W07" (ISO week-year and week), "2025-02" or "2025".
std::string period_label(long period, TrendBucket bucket);
/// "YYYY-MM-DD" of a day.
std::string iso_day(long day);

/// The days a `from` and a `to` of a trend stand for: the first day of what `text` names for
/// `from`, its last for `to` ("2025-02" from 2025-02-01 to 2025-02-28). Takes the forms the query
/// language's `date:` takes (ingest's date parser). Throws Error(usage) naming `what` when `text`
/// is no date.
long first_day_named(const std::string& text, const char* what);
long last_day_named(const std::string& text, const char* what);

} // namespace newsdex::detail
