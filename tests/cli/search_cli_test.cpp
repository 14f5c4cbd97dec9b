// The real CLI against a real database built from the project's sample articles.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace newsdex::test {
namespace {

class SampleCollection : public ::testing::Test {
protected:
  static void SetUpTestSuite() { db_ = sample_db(); }

  static nlohmann::json search_json(const std::string& query, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"search", "--db", db_, "--format", "json", "--limit", "50"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("--");
    args.push_back(query);
    CliResult r = run_cli(args);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    return nlohmann::json::parse(r.out);
  }

  // The file name of each hit, in rank order.
  static std::vector<std::string> ids(const nlohmann::json& j) {
    std::vector<std::string> out;
    for (const auto& h : j["hits"]) {
      std::string id = h["id"];
      out.push_back(sample_file_of(id));
    }
    return out;
  }

  static bool has_prefix(const std::vector<std::string>& v, const std::string& prefix) {
    return std::any_of(v.begin(), v.end(),
                       [&](const std::string& s) { return s.rfind(prefix, 0) == 0; });
  }

  static std::string db_;
};

std::string SampleCollection::db_;

TEST_F(SampleCollection, DefenseSpendingFindsTheBritishSpelling) {
  auto found = ids(search_json("\"defense spending\""));
  EXPECT_TRUE(has_prefix(found, "006-")) << "006 writes only 'defence spending'";
  EXPECT_TRUE(has_prefix(found, "001-"));
  EXPECT_TRUE(has_prefix(found, "004-"));
  EXPECT_FALSE(has_prefix(found, "010-")) << "a football report";
}

TEST_F(SampleCollection, UsFindsUsArticlesButNotThePronoun) {
  auto found = ids(search_json("US"));
  for (const char* f : {"001-", "002-", "004-", "007-", "014-"})
    EXPECT_TRUE(has_prefix(found, f)) << f;
  EXPECT_FALSE(has_prefix(found, "005-")) << "005 only says 'us'";
  EXPECT_FALSE(has_prefix(found, "010-")) << "010 only says 'us'";
  // and the dotted form finds the undotted one
  auto dotted = ids(search_json("U.S."));
  EXPECT_TRUE(has_prefix(dotted, "007-"));
  EXPECT_FALSE(has_prefix(dotted, "005-"));
}

TEST_F(SampleCollection, RankedResultsPutTheBestArticleFirst) {
  auto found = ids(search_json("Hegseth Ukraine Defense Contact Group"));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0], "002-hegseth-contact-group.txt");
}

TEST_F(SampleCollection, JsonOutputHasTheDocumentedShape) {
  auto j = search_json("NATO");
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["query"], "NATO");
  EXPECT_GT(j["total_estimate"].get<int>(), 5);
  ASSERT_EQ(j["hits"].size(), std::min<std::size_t>(50, j["total_estimate"].get<std::size_t>()));
  int rank = 0;
  double last_score = 1e300;
  for (const auto& h : j["hits"]) {
    EXPECT_EQ(h["rank"], ++rank);
    ASSERT_TRUE(h["score"].is_number());
    EXPECT_LE(h["score"].get<double>(), last_score);
    last_score = h["score"].get<double>();
    EXPECT_TRUE(h["title"].is_string());
    EXPECT_FALSE(h["title"].get<std::string>().empty());
    EXPECT_TRUE(h["date"].is_null() || h["date"].get<std::string>().size() == 10);
    EXPECT_TRUE(h["source"].is_string()) << "every sample has a Source: line";
    std::string snippet = h["snippet"];
    ASSERT_FALSE(h["highlights"].empty()) << h["id"];
    for (const auto& r : h["highlights"]) {
      std::size_t b = r[0], e = r[1];
      ASSERT_LT(b, e);
      ASSERT_LE(e, snippet.size());
      std::string marked = snippet.substr(b, e - b);
      EXPECT_TRUE(marked == "NATO" || marked.rfind("NATO", 0) == 0) << marked;
    }
  }
}

TEST_F(SampleCollection, HeaderBlockMetadataIsUsed) {
  auto j = search_json("Hague summit");
  bool seen = false;
  for (const auto& h : j["hits"]) {
    // 001's header block gives a URL, which is its id (explicit id > URL > path)
    if (h["id"] != "https://example.org/harbour-post/2025/06/24/nato-hague-spending") continue;
    seen = true;
    EXPECT_EQ(h["date"], "2025-06-24");
    EXPECT_EQ(h["source"], "Harbour Post");
    EXPECT_EQ(h["title"], "NATO leaders back 5% spending goal at The Hague summit");
  }
  EXPECT_TRUE(seen);
}

TEST_F(SampleCollection, PhraseMatchesOnlyAdjacentWords) {
  auto found = ids(search_json("\"Ukraine Defense Contact Group\""));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], "002-hegseth-contact-group.txt");
}

TEST_F(SampleCollection, PercentForms) {
  auto found = ids(search_json("5%"));
  EXPECT_TRUE(has_prefix(found, "001-"));
  EXPECT_TRUE(has_prefix(found, "022-")) << "022 writes '5 percent'";
  EXPECT_TRUE(has_prefix(found, "006-")) << "006 writes '5 per cent'";
}

TEST_F(SampleCollection, CompoundsFindEachOther) {
  auto found = ids(search_json("peacekeeping"));
  EXPECT_TRUE(has_prefix(found, "002-"));
  EXPECT_TRUE(has_prefix(found, "018-")) << "018 writes peace-keeping";
  auto pre = ids(search_json("\"pre 2014\""));
  EXPECT_TRUE(has_prefix(pre, "002-"));
}

TEST_F(SampleCollection, ExpandAddsTheBestHitsTermsToTheQuery) {
  auto plain = search_json("Hegseth");
  auto expanded = search_json("Hegseth", {"--expand"});
  // Only the articles that name him match the word; feedback terms from them reach others.
  EXPECT_GT(expanded["total_estimate"].get<int>(), plain["total_estimate"].get<int>());
  auto top = ids(expanded);
  ASSERT_FALSE(top.empty());
  auto plain_ids = ids(plain);
  EXPECT_NE(std::find(plain_ids.begin(), plain_ids.end(), top[0]), plain_ids.end())
      << "the first hit still names Hegseth";
}

TEST_F(SampleCollection, NoHitsExitsWithOne) {
  CliResult r = run_cli({"search", "--db", db_, "zzyzx"});
  EXPECT_EQ(r.exit_code, 1);
  CliResult r2 = run_cli({"search", "--db", db_, "NATO"});
  EXPECT_EQ(r2.exit_code, 0);
  EXPECT_NE(r2.out.find("1. "), std::string::npos);
}

TEST_F(SampleCollection, ExcludedWordAfterTheFirstNeedsNoDoubleDash) {
  CliResult with = run_cli({"search", "--db", db_, "--format", "json", "--limit", "50", "NATO"});
  CliResult without =
      run_cli({"search", "--db", db_, "--format", "json", "--limit", "50", "NATO", "-Russia"});
  ASSERT_EQ(without.exit_code, 0) << without.err;
  auto a = nlohmann::json::parse(with.out), b = nlohmann::json::parse(without.out);
  EXPECT_LT(b["hits"].size(), a["hits"].size());
}

TEST_F(SampleCollection, StatsReportsDocuments) {
  CliResult r = run_cli({"stats", "--db", db_, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["documents"], 30);
  EXPECT_EQ(j["first_date"], "2024-07-11");
  EXPECT_EQ(j["last_date"], "2025-06-24");
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_cli({"search", "--limit", "many", "x"}).exit_code, 2);
  EXPECT_EQ(run_cli({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_cli({}).exit_code, 2);
  CliResult help = run_cli({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("index"), std::string::npos);
  CliResult version = run_cli({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("newsdex "), std::string::npos);
}

TEST(Cli, MissingDatabaseExitsWithThree) {
  TempDir dir;
  CliResult r = run_cli({"search", "--db", dir / "nothing-here", "NATO"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("no database"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Xapian"), std::string::npos) << "no raw Xapian error: " << r.err;
}

TEST(Cli, DatabaseDefaultsToNewsdexDbThenXdg) {
  TempDir dir;
  std::string article = dir / "in/a.txt";
  write_file(article, "Frigate order signed\nOSLO — A frigate order was signed.\n");
  CliResult r = run_cli({"index", article}, "", {"NEWSDEX_DB=" + (dir / "env.db")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(run_cli({"search", "frigate"}, "", {"NEWSDEX_DB=" + (dir / "env.db")}).exit_code, 0);
  CliResult x = run_cli({"index", article}, "", {"XDG_DATA_HOME=" + (dir / "xdg")});
  ASSERT_EQ(x.exit_code, 0) << x.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "xdg/newsdex/default.db"));
}

} // namespace
} // namespace newsdex::test
