// Every ../shared/data/*/docs.jsonl loads with zero failures (skipped where the folder is absent).
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

// Lines whose title and body are both empty: those are skipped ("no title and no text").
struct Expected {
  std::uint64_t lines = 0;
  std::uint64_t empty = 0;
};

Expected count(const fs::path& jsonl) {
  Expected e;
  std::ifstream in(jsonl, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++e.lines;
    auto j = nlohmann::json::parse(line);
    auto text = [&](const char* key) {
      return j.contains(key) && j[key].is_string() && !j[key].get<std::string>().empty();
    };
    if (!text("title") && !text("body")) ++e.empty;
  }
  return e;
}

// One test per set, so that ctest runs them in parallel; "absent" when there is no data.
std::vector<std::string> shared_sets() {
  std::vector<std::string> sets;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(NEWSDEX_SHARED_DATA, ec))
    if (fs::is_regular_file(entry.path() / "docs.jsonl", ec))
      sets.push_back(entry.path().filename().string());
  std::sort(sets.begin(), sets.end());
  if (sets.empty()) sets.push_back("absent");
  return sets;
}

class IngestSharedData : public ::testing::TestWithParam<std::string> {};

TEST_P(IngestSharedData, DocsJsonlIndexesWithZeroFailures) {
  const fs::path set = fs::path(NEWSDEX_SHARED_DATA) / GetParam();
  const fs::path docs = set / "docs.jsonl";
  if (GetParam() == "absent" || !fs::is_regular_file(docs))
    GTEST_SKIP() << "shared data " << NEWSDEX_SHARED_DATA
                 << " is absent (no */docs.jsonl); nothing to check";
  const Expected expected = count(docs);
  TempDir dir;
  CliResult r = run_cli({"index", "--db", dir / "db", "--format", "json", docs.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["failed"], 0);
  EXPECT_EQ(j["read"], expected.lines);
  EXPECT_EQ(j["skipped"], expected.empty) << "only lines with no title and no text are skipped";
  EXPECT_EQ(j["indexed"], expected.lines - expected.empty);
  EXPECT_EQ(j["documents"], expected.lines - expected.empty) << "ids are unique in every set";
  for (const auto& p : j["problems"]) EXPECT_EQ(p["message"], "no title and no text") << p.dump();
}

INSTANTIATE_TEST_SUITE_P(Sets, IngestSharedData, ::testing::ValuesIn(shared_sets()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (auto& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

} // namespace
} // namespace newsdex::test
