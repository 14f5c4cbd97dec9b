// Issue 20: everyday NEAR queries aborted the process (Xapian 1.4 refuses a synonym, a wildcard
// or a phrase inside OP_NEAR). The queries of the report, through the real CLI, against articles
// where their words are near.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace newsdex::test {
namespace {

struct Repro {
  std::string query;
  std::string expected_id; ///< an article where the words are near
};

class NearQueries : public ::testing::Test {
protected:
  void SetUp() override {
    write_file(dir_ / "in/allies.txt",
               "Allies pledge shells\n\nNATO and Ukraine signed a shell agreement on Monday.\n");
    write_file(dir_ / "in/washington.txt",
               "Washington weighs in\n\nThe U.S. told NATO partners to spend more.\n");
    write_file(dir_ / "in/yards.txt",
               "Yards at capacity\n\nNATO members said shipyards were running at capacity.\n");
    write_file(dir_ / "in/cyrillic.txt",
               "Quote of the day\n\nNATO и Украины: a minister quoted the Russian headline.\n");
    write_file(dir_ / "in/membership.txt",
               "Talks stall\n\nUkraine NATO membership talks stalled again on Friday.\n");
    write_file(dir_ / "in/far.txt",
               "Far apart\n\nNATO ministers met in Brussels. Hours later, after a long dinner and "
               "many speeches about budgets and factories and trains and ports, the talk turned "
               "to Ukraine and its shipyards.\n");
    auto r = run_cli({"index", "--db", db(), dir_ / "in"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string db() const { return dir_ / "db"; }

  TempDir dir_;
};

std::vector<std::string> hit_ids(const std::string& json) {
  std::vector<std::string> ids;
  const auto parsed = nlohmann::json::parse(json); // kept: the loop reads a member of it
  for (const auto& h : parsed.at("hits")) ids.push_back(h.at("id").get<std::string>());
  return ids;
}

TEST_F(NearQueries, TheReportedQueriesFindTheArticleWhereTheWordsAreNear) {
  const std::vector<Repro> repros = {
      {"NATO NEAR/3 Ukraine", "allies.txt"},     {"U.S. NEAR/3 NATO", "washington.txt"},
      {"NATO NEAR/5 shipyar*", "yards.txt"},     {"NATO NEAR/3 Украины", "cyrillic.txt"},
      {"Ukraine NEAR/0 NATO", "membership.txt"},
  };
  for (const auto& [query, id] : repros) {
    auto r = run_cli({"search", "--db", db(), "--format", "json", query});
    EXPECT_EQ(r.exit_code, 0) << query << ": " << r.err;
    EXPECT_EQ(r.err.find("terminate"), std::string::npos) << query;
    if (r.exit_code != 0) continue;
    auto ids = hit_ids(r.out);
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << query;
    for (const auto& other : ids) EXPECT_NE(other, "far.txt") << query;
  }
}

TEST_F(NearQueries, AWindowTooLargeIsAWarningLenientlyAndExitTwoStrictly) {
  const std::string query = "NATO NEAR/99999999999999999999 Ukraine";
  auto lenient = run_cli({"search", "--db", db(), "--format", "ids", query});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_NE(lenient.err.find("window larger than 1000 at column 6"), std::string::npos)
      << lenient.err;
  auto strict = run_cli({"search", "--db", db(), "--strict", query});
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_NE(strict.err.find("column 6"), std::string::npos) << strict.err;
}

TEST_F(NearQueries, AdjKeepsTheOrder) {
  auto forward = run_cli({"search", "--db", db(), "--format", "ids", "shipyards ADJ/3 running"});
  EXPECT_EQ(forward.exit_code, 0) << forward.err;
  EXPECT_NE(forward.out.find("yards.txt"), std::string::npos);
  auto backward = run_cli({"search", "--db", db(), "--format", "ids", "running ADJ/3 shipyards"});
  EXPECT_EQ(backward.exit_code, 1) << backward.out;
}

} // namespace
} // namespace newsdex::test
