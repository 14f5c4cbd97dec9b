// The date: and year: fields' ranges (query/date_query.hpp), read back as the days they cover.
#include "query/date_query.hpp"

#include <newsdex/schema.hpp>

#include <gtest/gtest.h>

namespace newsdex::detail {
namespace {

using Q = Xapian::Query;

std::string day_range(double from, double to) {
  return Q(Q::OP_VALUE_RANGE, schema::date_slot, Xapian::sortable_serialise(from),
           Xapian::sortable_serialise(to))
      .get_description();
}

// Days since 1970-01-01: 2024-02-01 is 19754, 2024-12-31 is 20088, 2025-01-01 is 20089.
TEST(DateQuery, AMonthOrAYearAtTheUpperEndIsItsLastDay) {
  EXPECT_EQ(date_range_query("2024-02").query.get_description(), day_range(19754, 19782))
      << "February of a leap year has 29 days";
  EXPECT_EQ(date_range_query("2024").query.get_description(), day_range(19723, 20088));
  EXPECT_EQ(date_range_query("2024-02-01..2024-12").query.get_description(),
            day_range(19754, 20088));
  EXPECT_EQ(date_range_query("2024-12-31..2024-12-31").query.get_description(),
            day_range(20088, 20088));
}

TEST(DateQuery, AnOpenEndIsOneSidedRange) {
  EXPECT_EQ(
      date_range_query("2025..").query.get_description(),
      Q(Q::OP_VALUE_GE, schema::date_slot, Xapian::sortable_serialise(20089)).get_description());
  EXPECT_EQ(
      date_range_query("..2024").query.get_description(),
      Q(Q::OP_VALUE_LE, schema::date_slot, Xapian::sortable_serialise(20088)).get_description());
}

TEST(DateQuery, WhatIsNoRangeSaysWhy) {
  const DateRangeQuery bad = date_range_query("2025-13");
  EXPECT_TRUE(bad.query.empty());
  EXPECT_EQ(bad.problem, "bad date '2025-13'");
  EXPECT_EQ(date_range_query("2024..later").problem, "bad date 'later'");
  const DateRangeQuery none = date_range_query("..");
  EXPECT_TRUE(none.query.empty());
  EXPECT_EQ(none.problem, "empty date range");
  EXPECT_TRUE(date_range_query("2024-06-24").problem.empty());
}

} // namespace
} // namespace newsdex::detail
