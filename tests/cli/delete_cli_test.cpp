// `newsdex delete`: every word of --query required, a query with nothing positive refused,
// --dry-run, and a mistyped --db that must not create a collection (#15).
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace newsdex::test {
namespace {

// Articles j0..j29: every third about a budget, every fifth about NATO, every seventh sport.
std::string articles() {
  std::string out;
  for (int i = 0; i < 30; ++i) {
    std::string body = "Harbour report number " + std::to_string(i) + ".";
    if (i % 3 == 0) body += " The budget was agreed.";
    if (i % 5 == 0) body += " NATO ministers met.";
    if (i % 7 == 0) body += " A sport story.";
    out += R"({"id": "j)" + std::to_string(i) + R"(", "title": "Report )" + std::to_string(i) +
           R"(", "body": ")" + body + "\"}\n";
  }
  return out;
}

class DeleteCli : public ::testing::Test {
protected:
  void SetUp() override {
    write_file(dir_ / "in.jsonl", articles());
    CliResult r = run_cli({"index", "--db", db_, dir_ / "in.jsonl"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::size_t documents() {
    CliResult r = run_cli({"stats", "--db", db_, "--format", "json"});
    return nlohmann::json::parse(r.out)["documents"].get<std::size_t>();
  }
  std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    std::sort(out.begin(), out.end());
    return out;
  }

  TempDir dir_;
  std::string db_ = dir_ / "db";
};

TEST_F(DeleteCli, QueryRequiresEveryWord) {
  CliResult r = run_cli({"delete", "--db", db_, "--format", "json", "--query", "nato budget"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["deleted"], 2); // j0 and j15, not the 14 with either
  EXPECT_EQ(documents(), 28u);
}

TEST_F(DeleteCli, AQueryWithNothingPositiveIsRefusedAndDeletesNothing) {
  for (const char* q : {"-sport", "NOT sport", "budget OR -sport"}) {
    CliResult r = run_cli({"delete", "--db", db_, "--query", q});
    EXPECT_EQ(r.exit_code, 2) << q << ": " << r.err;
    EXPECT_NE(r.err.find("nothing positive"), std::string::npos) << r.err;
  }
  // Ids given beside a refused query are not deleted either.
  CliResult with_ids = run_cli({"delete", "--db", db_, "--query", "-sport", "j1"});
  EXPECT_EQ(with_ids.exit_code, 2) << with_ids.err;
  EXPECT_EQ(documents(), 30u);
}

TEST_F(DeleteCli, DryRunPrintsTheIdsOneALineAndChangesNothing) {
  CliResult r = run_cli({"delete", "--db", db_, "--dry-run", "--query", "nato budget", "j1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines(r.out), (std::vector<std::string>{"j0", "j1", "j15"}));
  EXPECT_NE(r.err.find("nothing changed"), std::string::npos) << r.err;
  EXPECT_EQ(documents(), 30u);

  CliResult j = run_cli({"delete", "--db", db_, "-n", "--format", "json", "--query", "sport"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto json = nlohmann::json::parse(j.out);
  EXPECT_EQ(json["dry_run"], true);
  EXPECT_EQ(json["would_delete"].size(), 5u);
  EXPECT_EQ(json["deleted"], 0);
  EXPECT_EQ(documents(), 30u);

  // Nothing to delete: exit 1, as a delete that finds nothing.
  CliResult none = run_cli({"delete", "--db", db_, "--dry-run", "--query", "zeppelin"});
  EXPECT_EQ(none.exit_code, 1) << none.err;
  EXPECT_TRUE(none.out.empty());
}

TEST_F(DeleteCli, AMistypedPathCreatesNothing) {
  const std::string typo = dir_ / "dbb";
  for (auto args : std::vector<std::vector<std::string>>{
           {"delete", "--db", typo, "j1"},
           {"delete", "--db", typo, "--query", "budget"},
           {"delete", "--db", typo, "--dry-run", "--query", "budget"}}) {
    CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("no collection at " + typo), std::string::npos) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(typo));
  EXPECT_FALSE(std::filesystem::exists(typo + ".d"));
}

} // namespace
} // namespace newsdex::test
