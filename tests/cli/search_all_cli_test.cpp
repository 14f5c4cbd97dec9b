// `newsdex search --all --format ids|jsonl`: every match, streamed (issue 15), on a collection
// larger than one page of the stream (1,000 matches), each match once; a reader that stops
// (`| head -1`) stops it; the options that need the whole result set at once are refused.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <set>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace newsdex::test {
namespace {

constexpr int articles = 2500; // two and a half pages

class SearchAllCli : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string jsonl;
    for (int i = 0; i < articles; ++i) {
      const std::string n = std::to_string(i);
      nlohmann::json a;
      a["id"] = std::string("n").append(n); // "n" + n trips GCC 12's -Wrestrict
      a["title"] = std::string("Harbour report ").append(n);
      a["body"] = i % 5 == 0 ? "A frigate and a corvette left the harbour." : "A frigate left.";
      jsonl += a.dump() + "\n";
    }
    write_file(*dir_ / "in.jsonl", jsonl);
    CliResult r = run_cli({"index", "--db", db(), *dir_ / "in.jsonl"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string db() { return *dir_ / "db"; }

private:
  static inline TempDir* dir_ = nullptr;
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST_F(SearchAllCli, IdsListEveryMatchOnce) {
  CliResult r = run_cli({"search", "--db", db(), "--all", "--format", "ids", "frigate"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto ids = lines(r.out);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(articles));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
  // The same set as the ranked search with room for every match.
  CliResult ranked =
      run_cli({"search", "--db", db(), "--format", "ids", "--limit", "5000", "frigate"});
  const auto ranked_ids = lines(ranked.out);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()),
            std::set<std::string>(ranked_ids.begin(), ranked_ids.end()));
}

TEST_F(SearchAllCli, JsonLinesCarryRankAndSummary) {
  CliResult r = run_cli({"search", "--db", db(), "--all", "--format", "jsonl", "corvette"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), static_cast<std::size_t>(articles / 5));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto hit = nlohmann::json::parse(out[i]);
    EXPECT_EQ(hit.at("rank").get<std::size_t>(), i + 1);
    const std::string id = hit.at("id").get<std::string>();
    EXPECT_EQ(hit.at("title").get<std::string>(), "Harbour report " + id.substr(1));
    EXPECT_EQ(std::stoi(id.substr(1)) % 5, 0) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), out.size());
}

TEST_F(SearchAllCli, NothingFoundIsExitOne) {
  CliResult r = run_cli({"search", "--db", db(), "--all", "--format", "ids", "submarine"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(SearchAllCli, AReaderThatStopsStopsTheStream) {
  // `| head -1`: the first hit, then the pipe closes; newsdex ends without an error line. JSON
  // Lines of every match are far more than a pipe's buffer, so newsdex is still writing.
  const std::string command = "NO_COLOR=1 '" + std::string(NEWSDEX_CLI) + "' search --db '" + db() +
                              "' --all --format jsonl frigate 2>'" + db() + ".err' | head -1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  const int status = ::pclose(pipe);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(lines(out).size(), 1u);
  std::FILE* e = std::fopen((db() + ".err").c_str(), "r");
  ASSERT_NE(e, nullptr);
  std::string errors;
  while (std::fgets(buffer, sizeof buffer, e)) errors += buffer;
  std::fclose(e);
  EXPECT_EQ(errors.find("error"), std::string::npos) << errors;
}

TEST_F(SearchAllCli, OptionsThatNeedTheWholeSetAreUsageErrors) {
  const std::vector<std::vector<std::string>> refused = {
      {"--format", "text"}, {"--format", "json"}, {"--format", "trec"}, {"--facet", "source"},
      {"--collapse"},       {"--limit", "5"},     {"--offset", "5"},    {"--sort=-date"},
      {"--expand"},         {"--recent", "30d"},  {"--explain"},
  };
  for (const auto& extra : refused) {
    std::vector<std::string> args = {"search", "--db", db(), "--all"};
    args.insert(args.end(), extra.begin(), extra.end());
    if (extra.front() != "--format") args.insert(args.end(), {"--format", "ids"});
    args.push_back("frigate");
    CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << extra.front() << ": " << r.err;
    EXPECT_NE(r.err.find("--all"), std::string::npos) << r.err;
  }
}

} // namespace
} // namespace newsdex::test
