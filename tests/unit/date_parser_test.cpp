#include "ingest/date_parser.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string_view>

namespace newsdex::detail {
namespace {

constexpr DatePrecision kDay = DatePrecision::day;
constexpr DatePrecision kMonth = DatePrecision::month;
constexpr DatePrecision kYear = DatePrecision::year;

struct Case {
  std::string_view input;
  const char* iso; // nullptr: unparseable
  DatePrecision precision = kDay;
};

std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << '"' << c.input << '"';
}

const Case kCases[] = {
    // ISO 8601
    {"2025-02-13", "2025-02-13"},
    {"2025-02-13T14:05:00Z", "2025-02-13"},
    {"2025-02-13t14:05:00z", "2025-02-13"},
    {"2025-02-13T14:05Z", "2025-02-13"},
    {"2025-02-13T14:05:00.123Z", "2025-02-13"},
    {"2025-02-13T14:05:00,5+01:00", "2025-02-13"},
    {"2025-02-13T23:30:00-05:00", "2025-02-14"},
    {"2025-02-13T23:30:00-0500", "2025-02-14"},
    {"2025-02-13T23:30:00-05", "2025-02-14"},
    {"2025-02-13T19:00:00-05:00", "2025-02-14"},
    {"2025-02-13T18:59:59-05:00", "2025-02-13"},
    {"2025-02-14T01:00:00+02:00", "2025-02-13"},
    {"2025-02-14T02:00:00+02:00", "2025-02-14"},
    {"2025-02-13T14:05:00+05:30", "2025-02-13"},
    {"2025-02-13T14:05:00", "2025-02-13"},
    {"2025-02-13 14:05:00", "2025-02-13"},
    {"2025-02-13 14:05:00 UTC", "2025-02-13"},
    {"2025-02-13 22:05:00 PST", "2025-02-14"},
    {"2025-02-13T24:00:00Z", "2025-02-14"},
    {"2025-02-13T23:59:60Z", "2025-02-13"},
    {"20250213", "2025-02-13"},
    {"20250213T140500Z", "2025-02-13"},
    {"20250213T2330-0500", "2025-02-14"},
    {"2025/02/13", "2025-02-13"},
    {"2025/2/3", "2025-02-03"},
    {"2025-02", "2025-02-01", kMonth},
    {"2025", "2025-01-01", kYear},
    {"  2025-02-13 \n", "2025-02-13"},
    {"\xC2\xA0"
     "2025-02-13\xC2\xA0",
     "2025-02-13"},
    // RFC 2822
    {"Thu, 13 Feb 2025 14:05:00 +0000", "2025-02-13"},
    {"Thu, 13 Feb 2025 14:05:00 GMT", "2025-02-13"},
    {"Thu, 13 Feb 2025 14:05 +0000", "2025-02-13"},
    {"Thu, 13 Feb 2025 14:05:00 +0000 (UTC)", "2025-02-13"},
    {"Thu,13 Feb 2025 14:05:00 +0000", "2025-02-13"},
    {"13 Feb 2025 23:30:00 -0500", "2025-02-14"},
    {"13 Feb 2025 23:30:00 EST", "2025-02-14"},
    {"13 Feb 2025 20:30:00 EDT", "2025-02-14"},
    {"13 Feb 2025 19:30:00 EDT", "2025-02-13"},
    {"13 Feb 2025 18:00:00 CST", "2025-02-14"},
    {"13 Feb 2025 19:00:00 CDT", "2025-02-14"},
    {"13 Feb 2025 17:00:00 MST", "2025-02-14"},
    {"13 Feb 2025 18:00:00 MDT", "2025-02-14"},
    {"13 Feb 2025 16:00:00 PST", "2025-02-14"},
    {"13 Feb 2025 17:00:00 PDT", "2025-02-14"},
    {"13 Feb 2025 16:59:59 PDT", "2025-02-13"},
    {"14 Feb 2025 00:30:00 +0100", "2025-02-13"},
    {"1 Jan 2025 00:30:00 +0100", "2024-12-31"},
    {"31 Dec 2024 23:30:00 -0100", "2025-01-01"},
    {"1 Mar 2024 00:30:00 +0100", "2024-02-29"},
    {"1 Mar 2025 00:30:00 +0100", "2025-02-28"},
    {"13 Feb 2025 14:05:00 UT", "2025-02-13"},
    {"13 Feb 2025 14:05:00 utc", "2025-02-13"},
    {"THU, 13 FEB 2025 14:05:00 +0000", "2025-02-13"},
    // Prose
    {"February 24, 2022", "2022-02-24"},
    {"february 24, 2022", "2022-02-24"},
    {"FEBRUARY 24, 2022", "2022-02-24"},
    {"Feb 24, 2022", "2022-02-24"},
    {"Feb. 24, 2022", "2022-02-24"},
    {"Sept. 3, 2024", "2024-09-03"},
    {"Sep 3, 2024", "2024-09-03"},
    {"Sept 3, 2024", "2024-09-03"},
    {"24 February 2022", "2022-02-24"},
    {"24 Feb. 2022", "2022-02-24"},
    {"24 Feb, 2022", "2022-02-24"},
    {"Monday, February 24, 2022", "2022-02-24"},
    {"Mon., Feb. 24, 2022", "2022-02-24"},
    {"Monday 24 February 2022", "2022-02-24"},
    {"February 24 2022", "2022-02-24"},
    {"February 24,2022", "2022-02-24"},
    {"February 24th, 2022", "2022-02-24"},
    {"1st May 2023", "2023-05-01"},
    {"May 1, 2023", "2023-05-01"},
    {"February 2025", "2025-02-01", kMonth},
    {"Feb. 2025", "2025-02-01", kMonth},
    {"december 1999", "1999-12-01", kMonth},
    {"February 24, 2022 11:30 PM EST", "2022-02-25"},
    {"February 24, 2022, 11:30 p.m. EST", "2022-02-25"},
    {"February 24, 2022 11:30 a.m. EST", "2022-02-24"},
    {"February 24, 2022 12:30 am +0100", "2022-02-23"},
    {"February 24, 2022 12:30 PM", "2022-02-24"},
    {"February 24, 2022 11:30pm", "2022-02-24"},
    // Reuters
    {"26-FEB-1987 15:01:01.79", "1987-02-26"},
    {"26-FEB-1987", "1987-02-26"},
    {"5-MAR-1987 09:13:16.36", "1987-03-05"},
    {" 5-MAR-1987 09:13:16.36", "1987-03-05"},
    {"26-feb-1987 15:01:01", "1987-02-26"},
    // Calendar validation
    {"2024-02-29", "2024-02-29"},
    {"2000-02-29", "2000-02-29"},
    {"1900-02-29", nullptr},
    {"2025-02-29", nullptr},
    {"2025-02-30", nullptr},
    {"2025-04-31", nullptr},
    {"2025-13-01", nullptr},
    {"2025-00-10", nullptr},
    {"2025-01-00", nullptr},
    {"2025-13", nullptr},
    {"20250230", nullptr},
    {"February 30, 2025", nullptr},
    {"29 Feb 2023", nullptr},
    {"31-APR-1987", nullptr},
    // Year range
    {"1000-01-01", "1000-01-01"},
    {"2999-12-31", "2999-12-31"},
    {"0999-12-31", nullptr},
    {"3000-01-01", nullptr},
    {"999", nullptr},
    {"3000", nullptr},
    {"1000-01-01T00:30:00+01:00", nullptr},
    {"2999-12-31T23:30:00-01:00", nullptr},
    // Bad times and zones
    {"2025-02-13T25:00:00Z", nullptr},
    {"2025-02-13T24:30:00Z", nullptr},
    {"2025-02-13T14:60:00Z", nullptr},
    {"2025-02-13T14:05:61Z", nullptr},
    {"2025-02-13T14:05:00+24:00", nullptr},
    {"2025-02-13T14:05:00+05:60", nullptr},
    {"2025-02-13T14:05:00 XYZ", nullptr},
    {"2025-02-13T14:05:00.Z", nullptr},
    {"2025-02-13T", nullptr},
    {"2025-02-13T14", nullptr},
    {"13 Feb 2025 14:05:00 +0000 (UTC", nullptr},
    {"February 24, 2022 13:30 PM", nullptr},
    {"February 24, 2022 0:30 AM", nullptr},
    // Ambiguous or unsupported forms
    {"24/02/2022", nullptr},
    {"02/24/2022", nullptr},
    {"24.02.2022", nullptr},
    {"13 Feb 25", nullptr},
    {"Feb 24", nullptr},
    {"24 February", nullptr},
    {"Monday, February 2022", nullptr},
    {"2025-044", nullptr},
    {"2025-02/13", nullptr},
    {"202502", nullptr},
    {"12025-02-13", nullptr},
    // Garbage
    {"", nullptr},
    {"   ", nullptr},
    {"yesterday", nullptr},
    {"Monday", nullptr},
    {"Feb", nullptr},
    {"Febuary 24, 2022", nullptr},
    {"Ma 24, 2022", nullptr},
    {"2025-02-13foo", nullptr},
    {"2025-02-13 foo", nullptr},
    {"February 24, 2022 and more", nullptr},
    {"February 24, 2022,", nullptr},
    {"-2025-02-13", nullptr},
    {"2025-02-13\xC3\xA9", nullptr},
};

class ParseDateTest : public testing::TestWithParam<Case> {};

TEST_P(ParseDateTest, Parses) {
  const Case& c = GetParam();
  const auto parsed = parse_date(c.input);
  if (c.iso == nullptr) {
    EXPECT_EQ(parsed, std::nullopt) << "got " << parsed->iso;
  } else {
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->iso, c.iso);
    EXPECT_EQ(parsed->precision, c.precision);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, ParseDateTest, testing::ValuesIn(kCases));

TEST(DaysSinceEpoch, CountsFromUnixEpoch) {
  EXPECT_EQ(days_since_epoch("1970-01-01"), 0);
  EXPECT_EQ(days_since_epoch("1970-01-02"), 1);
  EXPECT_EQ(days_since_epoch("1969-12-31"), -1);
  EXPECT_EQ(days_since_epoch("2000-03-01"), 11017);
  EXPECT_EQ(days_since_epoch("2025-02-13"), 20132);
  EXPECT_EQ(days_since_epoch("1000-01-01"), -354285);
  EXPECT_EQ(days_since_epoch("2999-12-31"), 376199);
}

TEST(DaysSinceEpoch, OrdersLikeTheDates) {
  EXPECT_LT(*days_since_epoch("2024-02-28"), *days_since_epoch("2024-02-29"));
  EXPECT_EQ(*days_since_epoch("2024-03-01") - *days_since_epoch("2024-02-28"), 2);
  EXPECT_EQ(*days_since_epoch("2025-03-01") - *days_since_epoch("2025-02-28"), 1);
}

TEST(DaysSinceEpoch, RejectsInvalid) {
  for (std::string_view bad : {"", "2025-02-30", "2025-13-01", "2025-00-01", "2025-01-00",
                               "2025-2-13", "2025/02/13", "20250213", "2025-02-13T00:00:00Z",
                               " 2025-02-13", "0999-12-31", "3000-01-01", "2025-0a-13"}) {
    EXPECT_EQ(days_since_epoch(bad), std::nullopt) << '"' << bad << '"';
  }
}

TEST(DaysSinceEpoch, AcceptsEveryParsedDate) {
  for (const Case& c : kCases) {
    if (c.iso != nullptr) {
      EXPECT_TRUE(days_since_epoch(c.iso).has_value()) << c.iso;
    }
  }
}

// The days a date stands for: a day itself, a month or a year whole (the last day of February in
// a leap year, and of the last year the parser takes).
TEST(DaySpan, CoversWhatThePrecisionNames) {
  const auto span = [](std::string_view text) { return day_span(*parse_date(text)); };
  EXPECT_EQ(span("2025-02-13")->first, 20132);
  EXPECT_EQ(span("2025-02-13")->last, 20132);
  EXPECT_EQ(span("2024-02")->first, *days_since_epoch("2024-02-01"));
  EXPECT_EQ(span("2024-02")->last, *days_since_epoch("2024-02-29"));
  EXPECT_EQ(span("2025-02")->last, *days_since_epoch("2025-02-28"));
  EXPECT_EQ(span("2024")->last, *days_since_epoch("2024-12-31"));
  EXPECT_EQ(span("2999")->last, 376199);
  EXPECT_FALSE(day_span(ParsedDate{"2025-13-01", DatePrecision::month}));
}

} // namespace
} // namespace newsdex::detail
