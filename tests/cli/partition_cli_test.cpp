// Time partitions (#16 item 5): `newsdex init --partition month|year [--shards N]`, routing by
// date, an id whose date moves, late articles for a compacted period, date-restricted searches
// over the matching periods only (and what that does to scores), and the commands that keep or
// refuse the layout. The real binary against real collections in a temporary directory.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace newsdex::test {
namespace {

using nlohmann::json;

struct Doc {
  std::string id, title, body, date;
};

std::string jsonl(const std::vector<Doc>& docs) {
  std::string out;
  for (const auto& d : docs) {
    json j = {{"id", d.id}, {"title", d.title}, {"body", d.body}};
    if (!d.date.empty()) j["date"] = d.date;
    out += j.dump() + "\n";
  }
  return out;
}

// Articles of three months and two undated ones; "tanker" is in every period, with different
// frequencies, so its statistics differ between one period and the whole collection.
std::vector<Doc> articles() {
  return {
      {"m1", "Tanker attacked in the Gulf", "A tanker was hit by a missile near Kuwait.",
       "1987-03-02"},
      {"m2", "Grain exports rise", "Wheat and grain exports rose in March.", "1987-03-15"},
      {"m3", "Tanker rates climb", "Tanker rates climbed as insurers worried about the Gulf.",
       "1987-03-28"},
      {"a1", "Oil prices fall", "Crude oil prices fell as a tanker glut grew.", "1987-04-03"},
      {"a2", "Tanker convoy planned", "A tanker convoy with naval escort was planned.",
       "1987-04-20"},
      {"a3", "Coffee talks stall", "Coffee quota talks stalled in London.", "1987-04-21"},
      {"y1", "Tanker sold", "A tanker changed hands.", "1987-05-09"},
      {"u1", "Tanker note", "A note about a tanker, undated.", ""},
      {"u2", "Cocoa note", "A note about cocoa prices, undated.", ""},
  };
}

// The documents of each shard, keyed "PERIOD/sK", from `newsdex check`.
std::map<std::string, int> documents_by_shard(const std::string& db) {
  CliResult r = run_cli({"check", "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::map<std::string, int> out;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    // shard DB.d/gG/PERIOD/sK: ok, N documents
    if (line.rfind("shard ", 0) != 0) continue;
    const auto colon = line.find(": ok, ");
    if (colon == std::string::npos) continue;
    const std::string path = line.substr(6, colon - 6);
    const auto slash = path.rfind('/', path.rfind('/') - 1);
    out[path.substr(slash + 1)] = std::stoi(line.substr(colon + 6));
  }
  return out;
}

std::string stub_of(const std::string& db) {
  std::ifstream in(db);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

json search(const std::string& db, const std::string& query) {
  CliResult r = run_cli({"search", "--db", db, "--format", "json", "--limit", "50", query});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  return json::parse(r.out);
}

std::vector<std::string> ids(const json& results) {
  std::vector<std::string> out;
  for (const auto& h : results["hits"]) out.push_back(h["id"]);
  std::sort(out.begin(), out.end());
  return out;
}

double score_of(const json& results, const std::string& id) {
  for (const auto& h : results["hits"])
    if (h["id"] == id) return h["score"];
  ADD_FAILURE() << id << " not among the hits";
  return -1;
}

// init --partition, then index: each article in its period's shard, by id hash within it.
struct Partitioned {
  TempDir dir;
  std::string db = dir / "news.db";
  explicit Partitioned(const std::string& scheme = "month", const std::string& shards = "1") {
    CliResult init = run_cli(
        {"init", "--db", db, "--partition", scheme, "--shards", shards, "--format", "json"});
    EXPECT_EQ(init.exit_code, 0) << init.err;
    const json j = json::parse(init.out);
    EXPECT_EQ(j["partition"], scheme);
    EXPECT_EQ(j["shards"], std::stoi(shards));
    write_file(dir / "in.jsonl", jsonl(articles()));
    CliResult index = run_cli({"index", "--db", db, dir / "in.jsonl"});
    EXPECT_EQ(index.exit_code, 0) << index.err;
  }
  void index(const std::vector<Doc>& docs) {
    write_file(dir / "more.jsonl", jsonl(docs));
    CliResult r = run_cli({"index", "--db", db, dir / "more.jsonl"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
};

TEST(PartitionCli, ArticlesAreRoutedToTheirPeriodsShards) {
  Partitioned c;
  const std::string stub = stub_of(c.db);
  EXPECT_NE(stub.find("# newsdex.partition month 1\n"), std::string::npos) << stub;
  // Undated first (the shard a multi-database reads metadata from), then oldest to newest.
  const auto undated = stub.find("/g1/undated/s0"), march = stub.find("/g1/1987-03/s0"),
             april = stub.find("/g1/1987-04/s0"), may = stub.find("/g1/1987-05/s0");
  ASSERT_NE(may, std::string::npos) << stub;
  EXPECT_LT(undated, march);
  EXPECT_LT(march, april);
  EXPECT_LT(april, may);
  EXPECT_EQ(documents_by_shard(c.db),
            (std::map<std::string, int>{
                {"undated/s0", 2}, {"1987-03/s0", 3}, {"1987-04/s0", 3}, {"1987-05/s0", 1}}));
  EXPECT_EQ(ids(search(c.db, "tanker")),
            (std::vector<std::string>{"a1", "a2", "m1", "m3", "u1", "y1"}));
}

TEST(PartitionCli, WithShardsEachPeriodIsSplitByIdHash) {
  Partitioned c("year", "2");
  const auto counts = documents_by_shard(c.db);
  ASSERT_EQ(counts.size(), 4u) << stub_of(c.db); // undated s0 s1, 1987 s0 s1
  EXPECT_EQ(counts.at("undated/s0") + counts.at("undated/s1"), 2);
  EXPECT_EQ(counts.at("1987/s0") + counts.at("1987/s1"), 7);
  EXPECT_GT(counts.at("1987/s0"), 0);
  EXPECT_GT(counts.at("1987/s1"), 0);
  EXPECT_EQ(ids(search(c.db, "tanker date:1987")),
            (std::vector<std::string>{"a1", "a2", "m1", "m3", "y1"}));
}

TEST(PartitionCli, AnIdWhoseDateMovesExistsOnceInItsNewPeriod) {
  Partitioned c;
  // m1's date corrected from March to May, and u2 given a date: each moves period.
  c.index({{"m1", "Tanker attacked in the Gulf", "A tanker was hit by a missile near Kuwait.",
            "1987-05-30"},
           {"u2", "Cocoa note", "A note about cocoa prices, undated.", "1987-04-01"}});
  json hit = search(c.db, "id:m1");
  ASSERT_EQ(hit["hits"].size(), 1u) << hit.dump();
  EXPECT_EQ(hit["hits"][0]["date"], "1987-05-30");
  EXPECT_EQ(search(c.db, "id:u2")["hits"].size(), 1u);
  EXPECT_EQ(ids(search(c.db, "tanker date:1987-03")), (std::vector<std::string>{"m3"}));
  EXPECT_EQ(ids(search(c.db, "tanker date:1987-05")), (std::vector<std::string>{"m1", "y1"}));
  EXPECT_EQ(documents_by_shard(c.db),
            (std::map<std::string, int>{
                {"undated/s0", 1}, {"1987-03/s0", 2}, {"1987-04/s0", 4}, {"1987-05/s0", 2}}));
  // Moved back again, and unchanged articles stay where they are.
  c.index({{"m1", "Tanker attacked in the Gulf", "A tanker was hit by a missile near Kuwait.",
            "1987-03-02"}});
  EXPECT_EQ(search(c.db, "id:m1")["hits"].size(), 1u);
  EXPECT_EQ(documents_by_shard(c.db).at("1987-03/s0"), 3);
  EXPECT_EQ(documents_by_shard(c.db).at("1987-05/s0"), 1);
}

TEST(PartitionCli, LateArticlesForACompactedPeriodGoToThatPeriodsShard) {
  Partitioned c;
  ASSERT_EQ(run_cli({"compact", "--db", c.db}).exit_code, 0);
  EXPECT_NE(stub_of(c.db).find("/g2/1987-03/s0"), std::string::npos);
  // A late March article and the first of a new period, after the compaction.
  c.index({{"m4", "Late tanker report", "A late report on a tanker.", "1987-03-31"},
           {"j1", "Tanker in June", "A June tanker story.", "1987-06-02"}});
  const std::string stub = stub_of(c.db);
  EXPECT_NE(stub.find("/g2/1987-06/s0"), std::string::npos) << stub; // created in place
  EXPECT_EQ(stub.find("/g3/"), std::string::npos) << stub;           // nothing else rewritten
  const auto counts = documents_by_shard(c.db);
  EXPECT_EQ(counts.at("1987-03/s0"), 4);
  EXPECT_EQ(counts.at("1987-06/s0"), 1);
  EXPECT_EQ(ids(search(c.db, "tanker date:1987-03")), (std::vector<std::string>{"m1", "m3", "m4"}));
  EXPECT_EQ(ids(search(c.db, "tanker date:1987-06")), (std::vector<std::string>{"j1"}));
}

TEST(PartitionCli, ACompactionRewritesOnlyThePeriodsChangedSinceTheLast) {
  Partitioned c;
  ASSERT_EQ(run_cli({"compact", "--db", c.db}).exit_code, 0); // g1 -> g2: every shard
  EXPECT_EQ(stub_of(c.db).find("/g1/"), std::string::npos);
  c.index({{"a4", "Late tanker news", "A late April tanker story.", "1987-04-30"}});
  ASSERT_EQ(run_cli({"compact", "--db", c.db}).exit_code, 0); // only April's shard into g3
  std::string stub = stub_of(c.db);
  EXPECT_NE(stub.find("/g3/1987-04/s0"), std::string::npos) << stub;
  for (const char* kept : {"/g2/undated/s0", "/g2/1987-03/s0", "/g2/1987-05/s0"})
    EXPECT_NE(stub.find(kept), std::string::npos) << kept << "\n" << stub;
  EXPECT_FALSE(std::filesystem::exists(c.db + ".d/g1"));
  EXPECT_TRUE(std::filesystem::exists(c.db + ".d/g2/1987-04/s0")); // the replaced stub's, kept
  // Nothing changed: nothing rewritten, and the copy only the stub before last named goes.
  ASSERT_EQ(run_cli({"compact", "--db", c.db}).exit_code, 0);
  EXPECT_EQ(stub_of(c.db), stub);
  EXPECT_FALSE(std::filesystem::exists(c.db + ".d/g4"));
  EXPECT_TRUE(std::filesystem::exists(c.db + ".d/g2/1987-03/s0"));
  EXPECT_FALSE(std::filesystem::exists(c.db + ".d/g2/1987-04"));
  // An article moved from March to May changes both closed periods: both are rewritten.
  c.index({{"m2", "Grain exports rise", "Wheat and grain exports rose in March.", "1987-05-15"}});
  ASSERT_EQ(run_cli({"compact", "--db", c.db}).exit_code, 0);
  stub = stub_of(c.db);
  EXPECT_NE(stub.find("/g4/1987-03/s0"), std::string::npos) << stub;
  EXPECT_NE(stub.find("/g4/1987-05/s0"), std::string::npos) << stub;
  EXPECT_NE(stub.find("/g2/undated/s0"), std::string::npos) << stub;
  EXPECT_NE(stub.find("/g3/1987-04/s0"), std::string::npos) << stub;
  CliResult check = run_cli({"check", "--db", c.db});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(ids(search(c.db, "tanker date:1987-04")), (std::vector<std::string>{"a1", "a2", "a4"}));
  EXPECT_EQ(ids(search(c.db, "grain date:1987-05")), (std::vector<std::string>{"m2"}));
}

TEST(PartitionCli, ADateRestrictedSearchIsRankedByTheOpenedPeriodsStatistics) {
  Partitioned c;
  // The same articles without partitions, and March's alone.
  TempDir other;
  const std::string whole = other / "whole.db", march = other / "march.db";
  write_file(other / "all.jsonl", jsonl(articles()));
  std::vector<Doc> march_docs;
  for (const auto& d : articles())
    if (d.date.rfind("1987-03", 0) == 0) march_docs.push_back(d);
  write_file(other / "march.jsonl", jsonl(march_docs));
  ASSERT_EQ(run_cli({"index", "--db", whole, other / "all.jsonl"}).exit_code, 0);
  ASSERT_EQ(run_cli({"index", "--db", march, other / "march.jsonl"}).exit_code, 0);

  // Unrestricted: the same hits and scores as the unpartitioned collection.
  const json all_p = search(c.db, "tanker"), all_w = search(whole, "tanker");
  EXPECT_EQ(ids(all_p), ids(all_w));
  EXPECT_NEAR(score_of(all_p, "m1"), score_of(all_w, "m1"), 1e-9);

  // Restricted to March: the same hits, but only March's shards are searched, so m1 is scored
  // with March's statistics: as in a collection of March's articles alone, not as in the whole.
  const json in_p = search(c.db, "tanker date:1987-03"),
             in_w = search(whole, "tanker date:1987-03");
  EXPECT_EQ(ids(in_p), ids(in_w));
  EXPECT_EQ(ids(in_p), (std::vector<std::string>{"m1", "m3"}));
  EXPECT_NEAR(score_of(in_p, "m1"), score_of(search(march, "tanker"), "m1"), 1e-9);
  EXPECT_GT(std::abs(score_of(in_p, "m1") - score_of(in_w, "m1")), 1e-6);
  // Unpartitioned, a date range filters without changing scores.
  EXPECT_NEAR(score_of(in_w, "m1"), score_of(all_w, "m1"), 1e-9);
}

TEST(PartitionCli, ARangeNoPeriodHasFindsNothingAndUndatedArticlesOnlyWithoutOne) {
  Partitioned c;
  CliResult none = run_cli({"search", "--db", c.db, "--format", "ids", "tanker date:1999"});
  EXPECT_EQ(none.exit_code, 1) << none.err; // no hits, not an error
  EXPECT_EQ(none.out, "");
  EXPECT_EQ(ids(search(c.db, "note")), (std::vector<std::string>{"u1", "u2"}));
  EXPECT_TRUE(ids(search(c.db, "note date:..1987-12")).empty());
  // A range across periods, and an OR whose one side has no range: every period it can match.
  EXPECT_EQ(ids(search(c.db, "tanker date:1987-03-20..1987-04-10")),
            (std::vector<std::string>{"a1", "m3"}));
  EXPECT_EQ(ids(search(c.db, "note OR (tanker date:1987-05)")),
            (std::vector<std::string>{"u1", "u2", "y1"}));
}

TEST(PartitionCli, BackupDeleteAndStatsKeepTheLayout) {
  Partitioned c;
  const std::string copy = c.dir / "copy.db";
  ASSERT_EQ(run_cli({"backup", "--db", c.db, copy}).exit_code, 0);
  EXPECT_NE(stub_of(copy).find("# newsdex.partition month 1"), std::string::npos);
  EXPECT_EQ(ids(search(copy, "tanker date:1987-04")), (std::vector<std::string>{"a1", "a2"}));

  CliResult del = run_cli({"delete", "--db", c.db, "a2"});
  EXPECT_EQ(del.exit_code, 0) << del.err;
  EXPECT_EQ(ids(search(c.db, "tanker date:1987-04")), (std::vector<std::string>{"a1"}));
  CliResult q = run_cli({"delete", "--db", c.db, "--query", "cocoa"});
  EXPECT_EQ(q.exit_code, 0) << q.err;
  EXPECT_EQ(ids(search(c.db, "note")), (std::vector<std::string>{"u1"}));

  CliResult stats = run_cli({"stats", "--db", c.db, "--format", "json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(json::parse(stats.out)["documents"], 7);
  EXPECT_EQ(json::parse(stats.out)["shards"], 4);
}

TEST(PartitionCli, ReindexRoutesEveryArticleIntoTheNextGenerationsPeriods) {
  Partitioned c;
  ASSERT_EQ(run_cli({"compact", "--db", c.db}).exit_code, 0); // g2
  CliResult reindex = run_cli({"reindex", "--db", c.db, "--format", "json"});
  ASSERT_EQ(reindex.exit_code, 0) << reindex.err;
  EXPECT_EQ(json::parse(reindex.out)["documents"], 9);
  const std::string stub = stub_of(c.db);
  EXPECT_NE(stub.find("# newsdex.partition month 1"), std::string::npos) << stub;
  for (const char* shard : {"/g3/undated/s0", "/g3/1987-03/s0", "/g3/1987-04/s0", "/g3/1987-05/s0"})
    EXPECT_NE(stub.find(shard), std::string::npos) << shard << "\n" << stub;
  EXPECT_FALSE(std::filesystem::exists(c.db + ".d/g3/unpublished"));
  EXPECT_TRUE(std::filesystem::exists(c.db + ".d/g2")); // the replaced one, for its readers
  EXPECT_EQ(documents_by_shard(c.db),
            (std::map<std::string, int>{
                {"undated/s0", 2}, {"1987-03/s0", 3}, {"1987-04/s0", 3}, {"1987-05/s0", 1}}));
  EXPECT_EQ(ids(search(c.db, "tanker date:1987-04")), (std::vector<std::string>{"a1", "a2"}));
  // The next compaction rewrites what the reindex wrote, and the old generation goes.
  ASSERT_EQ(run_cli({"compact", "--db", c.db}).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(c.db + ".d/g2"));
  EXPECT_EQ(run_cli({"check", "--db", c.db}).exit_code, 0);
}

TEST(PartitionCli, BadSchemesAndRemoteShardsAreUsageErrors) {
  TempDir dir;
  CliResult week = run_cli({"init", "--db", dir / "a.db", "--partition", "week"});
  EXPECT_EQ(week.exit_code, 2);
  EXPECT_NE(week.err.find("week"), std::string::npos) << week.err;
  CliResult remote =
      run_cli({"init", "--db", dir / "b.db", "--partition", "month", "--shard", "tcp:127.0.0.1:9"});
  EXPECT_EQ(remote.exit_code, 2);
  EXPECT_NE(remote.err.find("--partition"), std::string::npos) << remote.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "a.db"));
  EXPECT_FALSE(std::filesystem::exists(dir / "b.db"));
}

TEST(PartitionCli, CheckFindsAnArticleOutsideItsShardsPeriod) {
  Partitioned c;
  // A shard's files swapped for another period's: the stub still names it March's.
  const std::string gens = c.db + ".d/g1/";
  std::filesystem::rename(gens + "1987-03/s0", gens + "tmp");
  std::filesystem::rename(gens + "1987-04/s0", gens + "1987-03/s0");
  std::filesystem::rename(gens + "tmp", gens + "1987-04/s0");
  CliResult r = run_cli({"check", "--db", c.db});
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE((r.out + r.err).find("outside its period 1987-03"), std::string::npos)
      << r.out << r.err;
}

// The soft limit on open files lowered for one test, and put back.
class OpenFilesLimit {
public:
  explicit OpenFilesLimit(rlim_t soft) {
    ::getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit lowered = saved_;
    lowered.rlim_cur = std::min(soft, saved_.rlim_cur);
    ::setrlimit(RLIMIT_NOFILE, &lowered);
  }
  ~OpenFilesLimit() { ::setrlimit(RLIMIT_NOFILE, &saved_); }

private:
  rlimit saved_{};
};

TEST(PartitionCli, ManyPeriodsRaiseTheOpenFilesLimitTheyNeed) {
  // 12 years by month: 145 shards, about 6 open files each once searched, far over a soft
  // limit of 256, which the children inherit; newsdex raises it towards the hard limit.
  rlimit hard{};
  ::getrlimit(RLIMIT_NOFILE, &hard);
  if (hard.rlim_max != RLIM_INFINITY && hard.rlim_max < 1024)
    GTEST_SKIP() << "the hard limit on open files (" << hard.rlim_max << ") is below 1024";
  TempDir dir;
  const std::string db = dir / "many.db";
  std::vector<Doc> docs;
  for (int i = 0; i < 144; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-15", 1990 + i / 12, i % 12 + 1);
    std::string id = "d"; // appended: g++ 12 -Wrestrict (PR105329)
    id += std::to_string(i);
    docs.push_back({id, "Tanker " + id, "A tanker story.", date});
  }
  write_file(dir / "many.jsonl", jsonl(docs));
  OpenFilesLimit low(256);
  ASSERT_EQ(run_cli({"init", "--db", db, "--partition", "month"}).exit_code, 0);
  CliResult index = run_cli({"index", "--db", db, dir / "many.jsonl"});
  ASSERT_EQ(index.exit_code, 0) << index.err;
  EXPECT_EQ(search(db, "tanker")["hits"].size(), 50u); // every shard opened (--limit 50)
  EXPECT_EQ(ids(search(db, "tanker date:1995-03")), (std::vector<std::string>{"d62"}));
  CliResult compact = run_cli({"compact", "--db", db}); // both generations open at once
  EXPECT_EQ(compact.exit_code, 0) << compact.err;
  CliResult check = run_cli({"check", "--db", db});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_NE(check.out.find("145 local shard(s), 144 documents"), std::string::npos) << check.out;
}

} // namespace
} // namespace newsdex::test
