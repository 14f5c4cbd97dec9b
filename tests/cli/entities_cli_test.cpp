// `newsdex entities` and the entity side of `newsdex search` (issue 7), on the sample articles
// and, when ../shared/data is present, on the BBC collection.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace newsdex::test {
namespace {

class EntitySamples : public ::testing::Test {
protected:
  static void SetUpTestSuite() { db_ = sample_db(); }

  static nlohmann::json json(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--db", db_, "--format", "json"});
    CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

  // The sample file number ("002") of every hit of a search.
  static std::set<std::string> hits(const std::string& query) {
    CliResult r =
        run_cli({"search", "--db", db_, "--format", "json", "--limit", "50", "--", query});
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    std::set<std::string> out;
    const nlohmann::json j = nlohmann::json::parse(r.out); // not a temporary in the loop
    for (const auto& h : j["hits"]) {
      std::string id = h["id"];
      id = sample_file_of(id);
      out.insert(id.substr(0, 3));
    }
    return out;
  }

  static std::map<std::string, std::uint64_t> counts(const nlohmann::json& j) {
    std::map<std::string, std::uint64_t> out;
    for (const auto& e : j["entities"]) out[e["name"]] = e["articles"];
    return out;
  }

  static std::string db_;
};

std::string EntitySamples::db_;

TEST_F(EntitySamples, TopEntitiesOfTheCollection) {
  auto j = json({"entities", "--limit", "200"});
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["articles"], 30);
  EXPECT_TRUE(j["query"].is_null());
  auto c = counts(j);
  EXPECT_EQ(c["NATO"], 11u); // the 11 files that name it (one spells it out)
  EXPECT_EQ(c["Pete Hegseth"], 3u);
  EXPECT_EQ(c["United States"], 9u);
  EXPECT_GE(c["Kyiv"], 5u);
  EXPECT_EQ(c.count("Hegseth"), 0u); // linked to the full name
  // Most articles first.
  std::uint64_t last = ~0ull;
  for (const auto& e : j["entities"]) {
    EXPECT_LE(e["articles"].get<std::uint64_t>(), last);
    last = e["articles"];
  }
  for (const auto& e : j["entities"])
    if (e["name"] == "NATO") {
      EXPECT_EQ(e["type"], "organization");
    }
}

TEST_F(EntitySamples, TextOutput) {
  CliResult r = run_cli({"entities", "--db", db_, "--limit", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("top entities in 30 articles"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NATO"), std::string::npos) << r.out;
}

TEST_F(EntitySamples, TopEntitiesOfAQuery) {
  auto j = json({"entities", "Hegseth"});
  EXPECT_EQ(j["query"], "Hegseth");
  EXPECT_EQ(j["articles"], 3);
  auto c = counts(j);
  EXPECT_EQ(c["Pete Hegseth"], 3u);
  EXPECT_EQ(c["United States"], 3u);
  for (const auto& [name, n] : c) EXPECT_LE(n, 3u) << name;
}

TEST_F(EntitySamples, Related) {
  auto j = json({"entities", "--related", "pete hegseth", "--min-count", "2"});
  EXPECT_EQ(j["entity"], "Pete Hegseth"); // as the recognizer wrote it
  EXPECT_EQ(j["with_entity"], 3);
  ASSERT_FALSE(j["related"].empty());
  double last = 1e300;
  for (const auto& e : j["related"]) {
    EXPECT_GE(e["together"].get<int>(), 2);
    EXPECT_GT(e["score"].get<double>(), 0);
    EXPECT_LE(e["score"].get<double>(), last);
    last = e["score"];
    EXPECT_NE(e["name"], "Pete Hegseth");
  }
  auto by_alias = json({"entities", "--related", "North Atlantic Treaty Organization"});
  EXPECT_EQ(by_alias["entity"], "NATO");
  EXPECT_EQ(by_alias["with_entity"], 11);
  CliResult text = run_cli({"entities", "--db", db_, "--related", "NATO"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("log-likelihood"), std::string::npos);
}

TEST_F(EntitySamples, EntityField) {
  EXPECT_EQ(hits("entity:\"Pete Hegseth\""), (std::set<std::string>{"002", "004", "021"}));
  EXPECT_EQ(hits("entity:NATO"), hits("entity:\"North Atlantic Treaty Organization\""));
  EXPECT_EQ(hits("entity:NATO").size(), 11u);
  auto kyiv = hits("entity:Kiev");
  for (const char* f : {"002", "003", "017", "018", "027"}) EXPECT_EQ(kyiv.count(f), 1u) << f;
  EXPECT_EQ(kyiv.count("015"), 0u); // "Dynamo Kiev" is a club, not the city
}

TEST_F(EntitySamples, PlainQueriesMatchOtherNames) {
  auto us = hits("\"United States\"");
  // 024 writes "United States"; the others only "U.S." or "US".
  for (const char* f : {"001", "002", "004", "007", "012", "014", "021", "024", "025"})
    EXPECT_EQ(us.count(f), 1u) << f;
  EXPECT_EQ(us.count("005"), 0u); // "tell us"
  EXPECT_EQ(us.count("010"), 0u); // "gave us a chance"
}

TEST_F(EntitySamples, HitsAndFacets) {
  CliResult r = run_cli({"search", "--db", db_, "--format", "json", "--facet", "entity", "--",
                         "entity:\"Pete Hegseth\""});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Pete Hegseth"), std::string::npos);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.contains("facets")) << r.out;
  EXPECT_NE(j["facets"].dump().find("Pete Hegseth"), std::string::npos) << j["facets"].dump();
}

// The BBC collection (../shared/data/bbc): skipped when the shared data is absent.
TEST(EntityBbc, CommandsAndFacets) {
  std::string docs = std::string(NEWSDEX_SHARED_DATA) + "/bbc/docs.jsonl";
  if (!std::filesystem::exists(docs)) GTEST_SKIP() << "no " << docs << " (shared data absent)";
  TempDir dir;
  std::string db = dir / "bbc.db";
  CliResult r = run_cli({"index", "--db", db, docs});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_cli({"entities", "--db", db, "--format", "json", "--limit", "30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["articles"], 2225);
  ASSERT_EQ(j["entities"].size(), 30u);
  std::set<std::string> top;
  for (const auto& e : j["entities"]) top.insert(e["name"]);
  EXPECT_EQ(top.count("United Kingdom"), 1u);
  EXPECT_EQ(top.count("United States"), 1u);
  EXPECT_GT(j["entities"][0]["articles"].get<int>(), 300);
  r = run_cli({"entities", "--db", db, "--format", "json", "--related", "Tony Blair"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["with_entity"].get<int>(), 50);
  std::set<std::string> related;
  for (const auto& e : j["related"]) related.insert(e["name"]);
  EXPECT_TRUE(related.count("Gordon Brown") || related.count("Labour Party")) << j.dump();
  r = run_cli({"search", "--db", db, "--format", "json", "--facet", "entity", "--",
               "entity:\"Tony Blair\""});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(nlohmann::json::parse(r.out)["facets"].dump().find("Tony Blair"), std::string::npos);
}

TEST(EntityFiles, AUserAliasFileExtendsTheTableOnBothSides) {
  TempDir dir;
  write_file(dir / "aliases.txt", "organization: Harbour Defence Forum = HDF\n");
  write_file(dir / "in/a.txt", "Forum meets\nThe HDF met in Oslo on Monday to discuss frigates.\n");
  CliResult r =
      run_cli({"index", "--db", dir / "db", "--entities", dir / "aliases.txt", dir / "in"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CliResult found = run_cli({"search", "--db", dir / "db", "--entities", dir / "aliases.txt",
                             "--format", "ids", "--", "entity:\"Harbour Defence Forum\""});
  EXPECT_EQ(found.exit_code, 0) << found.err;
  EXPECT_EQ(found.out, "a.txt\n");
  // Without the file the collection's recorded copy of it is used (its manifest).
  CliResult recorded = run_cli(
      {"search", "--db", dir / "db", "--format", "ids", "--", "entity:\"Harbour Defence Forum\""});
  EXPECT_EQ(recorded.exit_code, 0) << recorded.err;
  EXPECT_EQ(recorded.out, "a.txt\n");
  // Another alias file would make the query side disagree with the index: refused, not
  // mis-searched, naming the option.
  write_file(dir / "other.txt", "organization: Harbour Defence Forum = HDFO\n");
  CliResult refused =
      run_cli({"search", "--db", dir / "db", "--entities", dir / "other.txt", "HDF"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--entities"), std::string::npos) << refused.err;
}

// Xapian 1.4.22 fails an unweighted match of a term every article holds once any article was
// deleted ("Unexpected end of posting list"): entity counts over such a query must still work.
TEST(EntityStatsAfterDelete, AQueryEveryArticleMatchesStillCounts) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 100; ++i)
    jsonl += "{\"id\":\"a" + std::to_string(i) +
             "\",\"title\":\"Budget committee meets\",\"body\":\"The budget committee met "
             "NATO officials in Brussels on day " +
             std::to_string(i) + ".\"}\n";
  write_file(dir / "in.jsonl", jsonl);
  const std::string db = dir / "t.db";
  ASSERT_EQ(run_cli({"index", "--db", db, dir / "in.jsonl"}).exit_code, 0);
  ASSERT_EQ(run_cli({"delete", "--db", db, "a1"}).exit_code, 0);
  CliResult r = run_cli({"entities", "--db", db, "--format", "json", "committee"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("NATO"), std::string::npos) << r.out;
}

} // namespace
} // namespace newsdex::test
