// Time partitions' router (storage/partitions.hpp): the period of a date, undated and bad dates,
// the shard within a period, the days a query's date ranges allow, and the stub's layout.
#include "query/query_parser.hpp"
#include "storage/collection.hpp"
#include "storage/partitions.hpp"
#include "unit/make_article.hpp"

#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>
#include <unistd.h>

namespace newsdex::detail {
namespace {

using Q = Xapian::Query;
constexpr auto month = PartitionScheme::month;
constexpr auto year = PartitionScheme::year;

// The day number of an ISO date, through the router's own period arithmetic (the first day of
// the month; DaysAndDates checks it against known days).
long day(const std::string& iso) {
  return period_days(iso.substr(0, 7), month)->first + std::stol(iso.substr(8, 2)) - 1;
}

Q range(const std::string& from, const std::string& to) {
  return Q(Q::OP_VALUE_RANGE, schema::date_slot,
           Xapian::sortable_serialise(static_cast<double>(day(from))),
           Xapian::sortable_serialise(static_cast<double>(day(to))));
}

TEST(Partition, DaysAndDates) {
  EXPECT_EQ(date_of_day(0), "1970-01-01");
  EXPECT_EQ(date_of_day(-1), "1969-12-31");
  EXPECT_EQ(date_of_day(6271), "1987-03-04");
  EXPECT_EQ(date_of_day(19782), "2024-02-29");
  EXPECT_EQ(day("1987-03-04"), 6271);
  EXPECT_EQ(day("2024-02-29"), 19782);
  for (long d = -1000; d < 30000; d += 7) EXPECT_EQ(day(date_of_day(d)), d) << d;
}

TEST(Partition, PeriodOfADate) {
  EXPECT_EQ(period_of_date("1987-03-04", month), "1987-03");
  EXPECT_EQ(period_of_date("1987-03-04", year), "1987");
  EXPECT_EQ(period_of_date("1987-12-31", month), "1987-12");
  EXPECT_EQ(period_of_date("1988-01-01", month), "1988-01");
  EXPECT_EQ(period_of_date("2024-02-29", month), "2024-02");
  EXPECT_EQ(period_of_date("1969-12-31", year), "1969");
  EXPECT_EQ(period_of_day(0, month), "1970-01");
  EXPECT_EQ(period_of_day(-1, month), "1969-12");
}

TEST(Partition, UndatedAndBadDatesGoToTheUndatedPeriod) {
  EXPECT_EQ(period_of_day(std::nullopt, month), undated_period);
  for (const char* bad : {"", "1987", "1987-03", "1987-3-04", "1987-02-30", "1987-13-01",
                          "1987-00-10", "2023-02-29", "87-03-04xx", "abcd-ef-gh", "1987-03-00"})
    EXPECT_EQ(period_of_date(bad, month), undated_period) << bad;
  // A date value that is no whole day (not what the indexer writes) counts as no date.
  EXPECT_EQ(day_of_date_value(""), std::nullopt);
  EXPECT_EQ(day_of_date_value(Xapian::sortable_serialise(6272.5)), std::nullopt);
  EXPECT_EQ(day_of_date_value(Xapian::sortable_serialise(1e12)), std::nullopt);
  EXPECT_EQ(day_of_date_value(Xapian::sortable_serialise(6272)), 6272);
  EXPECT_EQ(day_of_date_value(Xapian::sortable_serialise(-1)), -1);
}

TEST(Partition, ShardsWithinAPeriodByIdHash) {
  const PartitionKey one = partition_of("reuters-1", 6272, month, 1);
  EXPECT_EQ(one, (PartitionKey{"1987-03", 0}));
  // With --shards N: the period first, then fnv1a64(id) mod N, the hash unpartitioned shards use.
  unsigned seen = 0;
  for (int i = 0; i < 64; ++i) {
    const std::string id = "reuters-" + std::to_string(i);
    const PartitionKey k = partition_of(id, 6272, month, 4);
    EXPECT_EQ(k.period, "1987-03");
    EXPECT_EQ(k.shard, shard_of(id, 4));
    EXPECT_EQ(partition_of(id, std::nullopt, month, 4), (PartitionKey{"undated", k.shard}));
    seen |= 1u << k.shard;
  }
  EXPECT_EQ(seen, 0xfu); // every shard of the period gets articles
}

TEST(Partition, PeriodsKnowTheirDaysAndOrder) {
  EXPECT_EQ(period_days("1987-02", month),
            (std::pair<long, long>{day("1987-02-01"), day("1987-02-28")}));
  EXPECT_EQ(period_days("2024-02", month)->second - period_days("2024-02", month)->first, 28);
  EXPECT_EQ(period_days("1987-12", month)->second, day("1987-12-31"));
  EXPECT_EQ(period_days("2024", year)->second - period_days("2024", year)->first, 365);
  EXPECT_EQ(period_days("undated", month), std::nullopt);
  EXPECT_EQ(period_days("1987-13", month), std::nullopt);
  EXPECT_EQ(period_days("1987", month), std::nullopt); // a year is no period of a monthly scheme
  EXPECT_TRUE(valid_period("undated", year));
  EXPECT_FALSE(valid_period("1987-03", year));
  EXPECT_TRUE(period_before("undated", "0001-01"));
  EXPECT_TRUE(period_before("1987-09", "1987-10"));
  EXPECT_FALSE(period_before("1987-10", "1987-10"));
  EXPECT_FALSE(period_before("1988", "undated"));
}

TEST(Partition, DateBoundsOfQueries) {
  const Q march = range("1987-03-01", "1987-03-31");
  DateBounds b = date_bounds(Q(Q::OP_FILTER, Q("nato"), march));
  ASSERT_TRUE(b.limited);
  EXPECT_EQ(b.first, day("1987-03-01"));
  EXPECT_EQ(b.last, day("1987-03-31"));
  EXPECT_TRUE(period_can_match("1987-03", month, b));
  EXPECT_FALSE(period_can_match("1987-04", month, b));
  EXPECT_FALSE(period_can_match("1987-02", month, b));
  EXPECT_FALSE(period_can_match("undated", month, b)); // a date range never matches no date
  EXPECT_TRUE(period_can_match("1987", year, b));

  // Words alone, or a range only one side of an OR has, or one that is excluded: every period.
  EXPECT_FALSE(date_bounds(Q("nato")).limited);
  EXPECT_FALSE(date_bounds(Q(Q::OP_OR, Q("nato"), march)).limited);
  EXPECT_FALSE(date_bounds(Q(Q::OP_AND_NOT, Q("nato"), march)).limited);
  EXPECT_TRUE(period_can_match("undated", month, date_bounds(Q("nato"))));
  // A range on another value slot says nothing about dates.
  EXPECT_FALSE(date_bounds(Q(Q::OP_VALUE_RANGE, schema::year_slot, "1987", "1987")).limited);

  // Both sides of an OR limited: their hull; AND: the overlap; boosts and scaling keep the first.
  const Q may = range("1987-05-01", "1987-05-31");
  b = date_bounds(Q(Q::OP_OR, march, may));
  EXPECT_TRUE(period_can_match("1987-04", month, b)); // the hull, conservatively
  EXPECT_FALSE(period_can_match("1987-06", month, b));
  b = date_bounds(
      Q(Q::OP_AND, range("1987-03-01", "1987-04-30"), range("1987-04-10", "1987-06-30")));
  EXPECT_FALSE(period_can_match("1987-03", month, b));
  EXPECT_TRUE(period_can_match("1987-04", month, b));
  EXPECT_FALSE(period_can_match("1987-05", month, b));
  b = date_bounds(Q(Q::OP_AND, march, may)); // disjoint: nothing
  EXPECT_TRUE(b.limited);
  EXPECT_FALSE(period_can_match("1987-03", month, b));
  EXPECT_FALSE(period_can_match("1987-05", month, b));
  b = date_bounds(
      Q(Q::OP_AND_MAYBE, Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_FILTER, Q("x"), may), 2.0), Q("boost")));
  EXPECT_TRUE(period_can_match("1987-05", month, b));
  EXPECT_FALSE(period_can_match("1987-03", month, b));

  // Open-ended ranges.
  b = date_bounds(
      Q(Q::OP_VALUE_GE, schema::date_slot, Xapian::sortable_serialise(day("1987-04-15"))));
  EXPECT_FALSE(period_can_match("1987-03", month, b));
  EXPECT_TRUE(period_can_match("2030-01", month, b));
  b = date_bounds(
      Q(Q::OP_VALUE_LE, schema::date_slot, Xapian::sortable_serialise(day("1987-04-15"))));
  EXPECT_TRUE(period_can_match("1900-01", month, b));
  EXPECT_FALSE(period_can_match("1987-05", month, b));
}

TEST(Partition, DateBoundsOfParsedQueries) {
  // What the query language's date: and year: fields become, read back by the router.
  Analyzer analyzer;
  const auto bounds = [&](const std::string& text) {
    return date_bounds(parse_query(text, analyzer, {}).query);
  };
  DateBounds b = bounds("nato date:1987-03");
  EXPECT_TRUE(period_can_match("1987-03", month, b));
  EXPECT_FALSE(period_can_match("1987-04", month, b));
  EXPECT_FALSE(period_can_match("1987-02", month, b));
  b = bounds("nato date:1987-03-10..1987-04-02");
  EXPECT_TRUE(period_can_match("1987-04", month, b));
  EXPECT_FALSE(period_can_match("1987-05", month, b));
  b = bounds("year:1987 oil");
  EXPECT_TRUE(period_can_match("1987-12", month, b));
  EXPECT_FALSE(period_can_match("1988-01", month, b));
  b = bounds("oil date:1987..");
  EXPECT_FALSE(period_can_match("1986-12", month, b));
  EXPECT_TRUE(period_can_match("1999-01", month, b));
  EXPECT_FALSE(bounds("oil").limited);
  EXPECT_FALSE(bounds("oil -date:1987-03").limited);
}

TEST(Partition, RunningOutOfOpenFilesIsSaidPlainly) {
  try {
    throw_if_out_of_files(Xapian::DatabaseOpeningError("cannot open", EMFILE), "c.db", 240);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::database);
    EXPECT_NE(std::string(e.what()).find("too many open files"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("240 shards"), std::string::npos) << e.what();
  }
  // Anything else is left to the usual translation.
  EXPECT_NO_THROW(
      throw_if_out_of_files(Xapian::DatabaseOpeningError("cannot open", ENOENT), "c.db", 240));
  EXPECT_NO_THROW(throw_if_out_of_files(Xapian::DatabaseCorruptError("bad block"), "c.db", 240));
}

TEST(Partition, TheLibraryPartitionsANewCollectionAndRoutesAddedArticles) {
  // Without `newsdex init`: IndexOptions::partition on a new path, articles added one by one.
  const auto dir = std::filesystem::temp_directory_path() /
                   ("newsdex-partition-add-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "c.db").string();
  const auto dated = [](std::string id, std::string date) {
    Article a = test::make_article(std::move(id), "Harbour strike", "Dockers struck at the port.");
    a.date = std::move(date);
    return a;
  };
  {
    IndexOptions options;
    options.partition = TimePartition::year;
    options.shards = 2;
    Indexer indexer(path, options);
    EXPECT_TRUE(indexer.add(dated("a", "1987-03-01")));
    EXPECT_TRUE(indexer.add(dated("b", "1988-07-01")));
    EXPECT_TRUE(indexer.add(dated("c", "")));
    EXPECT_FALSE(indexer.add(dated("a", "1987-03-01"))); // unchanged
    EXPECT_TRUE(indexer.add(dated("b", "1989-01-02")));  // moved to another year
    EXPECT_TRUE(indexer.contains("b"));
    indexer.close();
  }
  const CollectionLayout layout = read_layout(path);
  EXPECT_EQ(layout.partition, year);
  EXPECT_EQ(layout.periods, (std::vector<std::string>{"undated", "undated", "1987", "1987", "1988",
                                                      "1988", "1989", "1989"}));
  Searcher searcher(path);
  SearchRequest r;
  r.query = "harbour";
  EXPECT_EQ(searcher.search(r).hits.size(), 3u);
  r.query = "harbour year:1988";
  EXPECT_TRUE(searcher.search(r).hits.empty());
  r.query = "harbour year:1989";
  ASSERT_EQ(searcher.search(r).hits.size(), 1u);
  EXPECT_EQ(searcher.search(r).hits[0].id, "b");
  {
    // Opened again without the option: as it is; with another scheme: refused.
    Indexer again(path);
    EXPECT_TRUE(again.remove("b"));
    again.close();
    IndexOptions monthly;
    monthly.partition = TimePartition::month;
    EXPECT_THROW(Indexer(path, monthly), Error);
  }
  r.query = "harbour";
  EXPECT_EQ(searcher.search(r).hits.size(), 2u);
  std::filesystem::remove_all(dir);
}

TEST(Partition, TheStubNamesSchemeAndPeriods) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("newsdex-partition-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "c.db").string();
  const auto shards = [&](std::vector<std::pair<unsigned, std::string>> where, unsigned n) {
    std::vector<std::string> out;
    for (const auto& [generation, period] : where)
      for (unsigned k = 0; k < n; ++k)
        out.push_back(partition_shard_path(path, generation, period, k));
    return out;
  };
  // A closed period left in the generation that compacted it, beside newer ones.
  publish_partitioned_stub(path, month, 2,
                           shards({{3, "undated"}, {2, "1987-03"}, {3, "1987-04"}}, 2));
  CollectionLayout layout = read_layout(path);
  EXPECT_EQ(layout.partition, month);
  EXPECT_EQ(layout.shards_per_period, 2u);
  EXPECT_EQ(layout.generation, 3u); // the newest named
  ASSERT_EQ(layout.shards.size(), 6u);
  EXPECT_EQ(layout.shards[3], partition_shard_path(path, 2, "1987-03", 1));
  EXPECT_EQ(layout.periods, (std::vector<std::string>{"undated", "undated", "1987-03", "1987-03",
                                                      "1987-04", "1987-04"}));
  // Periods out of order, or a shard not where the scheme puts it: the stub is damaged.
  publish_partitioned_stub(path, month, 2,
                           shards({{3, "undated"}, {3, "1987-04"}, {3, "1987-03"}}, 2));
  EXPECT_THROW(read_layout(path), Error);
  publish_partitioned_stub(path, month, 1, shards({{3, "undated"}, {3, "1987"}}, 1));
  EXPECT_THROW(read_layout(path), Error);
  std::filesystem::remove_all(dir);
}

} // namespace
} // namespace newsdex::detail
