// Searcher::trend: exact counts per day, ISO week, month and year over a small collection built
// here, the calendar of the periods (ISO weeks at year ends), from/to, share, undated matches and
// the request's limits.
#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/searcher.hpp>

#include "ingest/date_parser.hpp"
#include "make_article.hpp"
#include "search/trend_periods.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

struct Dated {
  const char* id;
  const char* date; // empty: undated
  const char* body;
};

// "nato" is dated on both sides of the 2024/2025 year end (one ISO week), skips February, and has
// one undated article; "budget" falls in January and March; "weather" matches only the totals.
const std::vector<Dated> articles = {
    {"a1", "2024-12-30", "nato summit opens"},   {"a2", "2025-01-05", "nato ministers meet"},
    {"a3", "2025-01-06", "nato budget talks"},   {"a4", "2025-03-15", "nato exercise ends"},
    {"a5", "2021-01-03", "archive photographs"}, {"a6", "", "nato history without a date"},
    {"a7", "2025-01-20", "weather turns cold"},  {"a8", "2025-03-31", "budget vote passes"},
};

class TrendTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("newsdex-trend-" + std::to_string(std::random_device{}())));
    fs::create_directories(*dir_);
    Indexer ix((*dir_ / "db").string());
    for (const Dated& d : articles) {
      Article a = test::make_article(d.id, std::string("Article ") + d.id, d.body);
      a.date = d.date;
      ix.add(a);
    }
    ix.close();
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string db() { return (*dir_ / "db").string(); }

  static std::vector<std::string> labels(const TrendResults& r) {
    std::vector<std::string> out;
    for (const TrendPeriod& p : r.periods) out.push_back(p.label);
    return out;
  }
  static std::vector<std::uint64_t> counts(const TrendResults& r, std::size_t k = 0) {
    return r.series.at(k).counts;
  }

  static fs::path* dir_;
};

fs::path* TrendTest::dir_ = nullptr;

using Counts = std::vector<std::uint64_t>;
using Labels = std::vector<std::string>;

TEST_F(TrendTest, CountsByMonthWithZeroMonthsAndUndatedApart) {
  Searcher s(db());
  TrendResults r = s.trend({.queries = {"nato"}});
  EXPECT_EQ(r.bucket, TrendBucket::month);
  EXPECT_EQ(labels(r), (Labels{"2024-12", "2025-01", "2025-02", "2025-03"}));
  EXPECT_EQ(counts(r), (Counts{1, 2, 0, 1}));
  EXPECT_EQ(r.series[0].undated, 1u);
  EXPECT_EQ(r.series[0].outside, 0u);
  EXPECT_EQ(r.series[0].query, "nato");
  EXPECT_TRUE(r.series[0].shares.empty());
  EXPECT_EQ(r.periods[0].first_day, "2024-12-01"); // whole periods, from the first match's
  EXPECT_EQ(r.periods[1].first_day, "2025-01-01");
  EXPECT_EQ(r.periods[1].last_day, "2025-01-31");
  EXPECT_EQ(r.periods[3].last_day, "2025-03-31"); // to the last match's
  EXPECT_TRUE(r.any_match());
}

TEST_F(TrendTest, CountsByIsoWeek) {
  Searcher s(db());
  TrendResults r = s.trend({.queries = {"nato"}, .bucket = TrendBucket::week});
  // 2024-12-30 (a Monday) and 2025-01-05 (the Sunday after) are both in 2025-W01.
  ASSERT_EQ(r.periods.size(), 11u);
  EXPECT_EQ(r.periods.front().label, "2025-W01");
  EXPECT_EQ(r.periods[1].label, "2025-W02");
  EXPECT_EQ(r.periods.back().label, "2025-W11");
  EXPECT_EQ(r.periods[1].first_day, "2025-01-06");
  EXPECT_EQ(r.periods[1].last_day, "2025-01-12");
  EXPECT_EQ(counts(r), (Counts{2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1}));

  TrendResults archive = s.trend({.queries = {"archive"}, .bucket = TrendBucket::week});
  EXPECT_EQ(labels(archive), (Labels{"2020-W53"})); // 2021-01-03, a Sunday
  EXPECT_EQ(counts(archive), (Counts{1}));
}

TEST_F(TrendTest, CountsByDayAndYear) {
  Searcher s(db());
  TrendResults days = s.trend(
      {.queries = {"nato"}, .bucket = TrendBucket::day, .from = "2025-01-05", .to = "2025-01-07"});
  EXPECT_EQ(labels(days), (Labels{"2025-01-05", "2025-01-06", "2025-01-07"}));
  EXPECT_EQ(counts(days), (Counts{1, 1, 0}));
  EXPECT_EQ(days.series[0].outside, 2u); // 2024-12-30 and 2025-03-15
  EXPECT_EQ(days.series[0].undated, 1u);

  TrendResults years = s.trend({.queries = {"nato"}, .bucket = TrendBucket::year});
  EXPECT_EQ(labels(years), (Labels{"2024", "2025"}));
  EXPECT_EQ(counts(years), (Counts{1, 3}));
}

TEST_F(TrendTest, FromAndToAreInclusiveAndFixTheSpan) {
  Searcher s(db());
  // Both ends are days with a match: each counted.
  TrendResults both = s.trend(
      {.queries = {"nato"}, .bucket = TrendBucket::day, .from = "2024-12-30", .to = "2025-03-15"});
  ASSERT_EQ(both.periods.size(), 76u); // 2 days of 2024, 31 + 28 + 15 of 2025
  EXPECT_EQ(both.series[0].counts.front(), 1u);
  EXPECT_EQ(both.series[0].counts.back(), 1u);
  EXPECT_EQ(both.series[0].dated(), 4u);
  EXPECT_EQ(both.series[0].outside, 0u);

  // A month as `to` stands for its last day; the span is exactly from..to, empty months included.
  TrendResults months = s.trend({.queries = {"nato"}, .from = "2025-01", .to = "2025-06"});
  EXPECT_EQ(labels(months),
            (Labels{"2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"}));
  EXPECT_EQ(counts(months), (Counts{2, 0, 1, 0, 0, 0}));
  EXPECT_EQ(months.periods.back().last_day, "2025-06-30");
  EXPECT_EQ(months.series[0].outside, 1u);

  // One day after the first match and one before the last: both left out.
  TrendResults inner = s.trend({.queries = {"nato"}, .from = "2024-12-31", .to = "2025-03-14"});
  EXPECT_EQ(counts(inner), (Counts{0, 2, 0, 0}));
  EXPECT_EQ(inner.periods.front().first_day, "2024-12-31");
  EXPECT_EQ(inner.periods.back().last_day, "2025-03-14");
  EXPECT_EQ(inner.series[0].outside, 2u);

  // The query language's other date forms.
  TrendResults prose =
      s.trend({.queries = {"nato"}, .from = "30 December 2024", .to = "January 2025"});
  EXPECT_EQ(counts(prose), (Counts{1, 2}));
}

TEST_F(TrendTest, ShareDividesByEveryArticleOfThePeriod) {
  Searcher s(db());
  TrendResults r = s.trend({.queries = {"nato"}, .share = true});
  ASSERT_TRUE(r.share);
  ASSERT_EQ(r.periods.size(), 4u);
  std::vector<std::uint64_t> totals;
  for (const TrendPeriod& p : r.periods) totals.push_back(p.total);
  EXPECT_EQ(totals, (Counts{1, 3, 0, 2}));
  ASSERT_EQ(r.series[0].shares.size(), 4u);
  EXPECT_DOUBLE_EQ(r.series[0].shares[0], 1.0);
  EXPECT_DOUBLE_EQ(r.series[0].shares[1], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.series[0].shares[2], 0.0); // no article at all that month
  EXPECT_DOUBLE_EQ(r.series[0].shares[3], 0.5);
}

TEST_F(TrendTest, ComparesQueriesOverOneSpan) {
  Searcher s(db());
  TrendResults r = s.trend({.queries = {"nato", "budget"}});
  ASSERT_EQ(r.series.size(), 2u);
  EXPECT_EQ(labels(r), (Labels{"2024-12", "2025-01", "2025-02", "2025-03"}));
  EXPECT_EQ(counts(r, 0), (Counts{1, 2, 0, 1}));
  EXPECT_EQ(counts(r, 1), (Counts{0, 1, 0, 1}));
  EXPECT_EQ(r.series[1].query, "budget");
  EXPECT_EQ(r.series[1].undated, 0u);
}

TEST_F(TrendTest, NothingMatching) {
  Searcher s(db());
  TrendResults r = s.trend({.queries = {"zeppelin"}});
  EXPECT_TRUE(r.periods.empty());
  ASSERT_EQ(r.series.size(), 1u);
  EXPECT_TRUE(r.series[0].counts.empty());
  EXPECT_FALSE(r.any_match());

  // With from/to the periods are there, every count zero.
  TrendResults spanned =
      s.trend({.queries = {"zeppelin"}, .bucket = TrendBucket::year, .from = "2025", .to = "2025"});
  EXPECT_EQ(counts(spanned), (Counts{0}));
  EXPECT_FALSE(spanned.any_match());
}

TEST_F(TrendTest, WarningsAndStrictSyntax) {
  Searcher s(db());
  TrendResults lenient = s.trend({.queries = {"nato", "\"budget talks"}});
  EXPECT_TRUE(lenient.series[0].warnings.empty());
  EXPECT_FALSE(lenient.series[1].warnings.empty());
  EXPECT_EQ(lenient.series[1].dated(), 1u);
  try {
    s.trend({.queries = {"nato", "\"budget talks"}, .strict = true});
    FAIL() << "a malformed strict query was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::query_syntax);
  }
}

std::optional<long> days(const std::string& iso) {
  return detail::days_since_epoch(iso);
}

Error::Code code_of(Searcher& s, const TrendRequest& r) {
  try {
    s.trend(r);
  } catch (const Error& e) {
    return e.code();
  }
  ADD_FAILURE() << "no error";
  return Error::Code::internal;
}

TEST_F(TrendTest, RefusesWhatNoTrendAnswers) {
  Searcher s(db());
  EXPECT_EQ(code_of(s, {}), Error::Code::usage); // no query
  EXPECT_EQ(code_of(s, {.queries = {"nato"}, .from = "yesterday"}), Error::Code::usage);
  EXPECT_EQ(code_of(s, {.queries = {"nato"}, .to = "2025-02-30"}), Error::Code::usage);
  EXPECT_EQ(code_of(s, {.queries = {"nato"}, .from = "2025-03", .to = "2025-02"}),
            Error::Code::usage);
  EXPECT_EQ(code_of(s, {.queries = {"a", "b"}, .max_queries = 1}), Error::Code::usage);
  // A century of days is beyond the default limit; the same span by month is not.
  EXPECT_EQ(
      code_of(s, {.queries = {"nato"}, .bucket = TrendBucket::day, .from = "1925", .to = "2025"}),
      Error::Code::usage);
  EXPECT_EQ(s.trend({.queries = {"nato"}, .from = "1925", .to = "2025"}).periods.size(), 1212u);
  // The limit also holds when the matches, not from/to, make the span.
  EXPECT_EQ(code_of(s, {.queries = {"nato"}, .max_buckets = 3}), Error::Code::usage);
  EXPECT_EQ(s.trend({.queries = {"nato"}, .max_buckets = 4}).periods.size(), 4u);
}

// Exact over the whole matching set, where Xapian's own estimate is not: a query whose estimate
// is approximate (an OR with an AND_NOT) over enough documents.
TEST(TrendExactness, CountsEveryMatch) {
  const fs::path dir =
      fs::temp_directory_path() / ("newsdex-trend-exact-" + std::to_string(std::random_device{}()));
  {
    Indexer ix((dir / "db").string());
    for (int i = 0; i < 3000; ++i) {
      std::string body = i % 3 == 0 ? "alpha" : i % 3 == 1 ? "beta" : "gamma";
      if (i % 7 == 0) body += " delta";
      std::string id = "d";
      id += std::to_string(i); // not "d" + ...: GCC 12 warns falsely (-Wrestrict) on that form
      Article a = test::make_article(id, "t", body);
      a.date = i % 2 == 0 ? "2025-01-10" : "2025-02-10";
      ix.add(a);
    }
    ix.close();
  }
  std::uint64_t expected_jan = 0, expected_feb = 0;
  for (int i = 0; i < 3000; ++i)
    if (i % 3 != 2 && i % 7 != 0) ++(i % 2 == 0 ? expected_jan : expected_feb);
  Searcher s((dir / "db").string());
  TrendResults r = s.trend({.queries = {"(alpha OR beta) -delta"}});
  EXPECT_EQ(r.series.at(0).counts, (Counts{expected_jan, expected_feb}));
  fs::remove_all(dir);
}

// The calendar itself, against the C library's ISO 8601 week-year and week (%G-W%V) for every
// day from 1900 to 2100, and the year ends the issue names.
TEST(TrendPeriods, IsoWeeksAgreeWithStrftime) {
  EXPECT_EQ(detail::period_label(detail::period_of(*days("2024-12-30"), TrendBucket::week),
                                 TrendBucket::week),
            "2025-W01");
  EXPECT_EQ(detail::period_label(detail::period_of(*days("2021-01-03"), TrendBucket::week),
                                 TrendBucket::week),
            "2020-W53");
  EXPECT_EQ(detail::period_label(detail::period_of(*days("1969-12-29"), TrendBucket::week),
                                 TrendBucket::week),
            "1970-W01");
  for (long day = *days("1900-01-01"); day <= *days("2100-12-31"); ++day) {
    std::time_t t = static_cast<std::time_t>(day) * 86400;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char expected[32];
    std::strftime(expected, sizeof expected, "%G-W%V", &tm);
    const long week = detail::period_of(day, TrendBucket::week);
    ASSERT_EQ(detail::period_label(week, TrendBucket::week), expected) << detail::iso_day(day);
    ASSERT_LE(detail::period_first_day(week, TrendBucket::week), day);
    ASSERT_GE(detail::period_last_day(week, TrendBucket::week), day);
    std::strftime(expected, sizeof expected, "%Y-%m-%d", &tm);
    ASSERT_EQ(detail::iso_day(day), expected);
    ASSERT_EQ(detail::period_label(detail::period_of(day, TrendBucket::month), TrendBucket::month),
              std::string(expected).substr(0, 7));
  }
}

TEST(TrendPeriods, PeriodsAreConsecutiveNumbers) {
  for (TrendBucket b :
       {TrendBucket::day, TrendBucket::week, TrendBucket::month, TrendBucket::year}) {
    long previous = detail::period_of(*days("1899-12-31"), b);
    for (long day = *days("1900-01-01"); day <= *days("2030-12-31"); ++day) {
      const long p = detail::period_of(day, b);
      ASSERT_TRUE(p == previous || p == previous + 1) << detail::iso_day(day);
      if (p == previous + 1) {
        ASSERT_EQ(detail::period_first_day(p, b), day);
      }
      previous = p;
    }
  }
  EXPECT_EQ(detail::last_day_named("2024-02", "to"), *days("2024-02-29"));
  EXPECT_EQ(detail::last_day_named("2025", "to"), *days("2025-12-31"));
  EXPECT_EQ(detail::first_day_named("2025", "from"), *days("2025-01-01"));
}

} // namespace
} // namespace newsdex
