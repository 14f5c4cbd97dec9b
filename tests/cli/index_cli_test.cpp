// `newsdex index` on real files: ids, re-indexing, bad input, exit codes.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace newsdex::test {
namespace {

nlohmann::json index_json(const std::string& db, std::vector<std::string> inputs,
                          std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"index", "--db", db, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.insert(args.end(), inputs.begin(), inputs.end());
  CliResult r = run_cli(args);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  return nlohmann::json::parse(r.out);
}

std::vector<std::string> hit_ids(const std::string& db, const std::string& query) {
  CliResult r = run_cli({"search", "--db", db, "--format", "json", "--limit", "100", "--", query});
  std::vector<std::string> ids;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  for (const auto& h : j["hits"]) ids.push_back(h["id"]);
  return ids;
}

TEST(IndexCli, IdsAreRelativePathsUnderADirectoryAndAsGivenForAFile) {
  TempDir dir;
  write_file(dir / "in/world/a.txt",
             "Frigate order signed\nOSLO — Norway signed a frigate order.\n");
  write_file(dir / "b.txt", "Frigate trials begin\nSea trials of the frigate began.\n");
  auto j = index_json(dir / "db", {dir / "in", dir / "b.txt"});
  EXPECT_EQ(j["indexed"], 2);
  auto ids = hit_ids(dir / "db", "frigate");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "world/a.txt"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), dir / "b.txt"), ids.end());
}

TEST(IndexCli, ReindexingIsIdempotentAndChangedArticlesReplaceOldOnes) {
  TempDir dir;
  write_file(dir / "in/a.txt", "Frigate order signed\nNorway signed a frigate order.\n");
  auto first = index_json(dir / "db", {dir / "in"});
  EXPECT_EQ(first["indexed"], 1);
  auto again = index_json(dir / "db", {dir / "in"});
  EXPECT_EQ(again["indexed"], 0);
  EXPECT_EQ(again["unchanged"], 1);
  EXPECT_EQ(again["documents"], 1);
  write_file(dir / "in/a.txt", "Corvette order signed\nNorway signed a corvette order.\n");
  auto changed = index_json(dir / "db", {dir / "in"});
  EXPECT_EQ(changed["indexed"], 1);
  EXPECT_EQ(changed["documents"], 1);
  EXPECT_TRUE(hit_ids(dir / "db", "frigate").empty());
  EXPECT_EQ(hit_ids(dir / "db", "corvette").size(), 1u);
}

TEST(IndexCli, IdPrefixLetsTwoCollectionsShareADatabase) {
  TempDir dir;
  std::string line = R"({"id": "1", "title": "Tariff talks", "body": "Tariff talks resumed."})";
  write_file(dir / "a.jsonl", line + "\n");
  write_file(dir / "b.jsonl", line + "\n");
  index_json(dir / "db", {dir / "a.jsonl"}, {"--id-prefix", "a/"});
  auto j = index_json(dir / "db", {dir / "b.jsonl"}, {"--id-prefix", "b/"});
  EXPECT_EQ(j["documents"], 2);
  auto ids = hit_ids(dir / "db", "tariff");
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"a/1", "b/1"}));
}

TEST(IndexCli, JsonLinesWithABadLineIndexTheRestAndNameTheLine) {
  TempDir dir;
  write_file(
      dir / "docs.jsonl",
      R"({"id": "1", "title": "Grain exports", "body": "Grain exports rose."})"
      "\n"
      R"({"id": "2", "title": "Broken", "body": "no closing brace")"
      "\n"
      "\n"
      R"({"id": "3", "title": "Grain prices", "body": "Grain prices fell.", "date": "2025-03-04"})"
      "\n");
  CliResult r = run_cli({"index", "--db", dir / "db", "--format", "json", dir / "docs.jsonl"});
  EXPECT_EQ(r.exit_code, 1) << "a failed input makes the run exit 1";
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["indexed"], 2);
  EXPECT_EQ(j["failed"], 1);
  ASSERT_EQ(j["problems"].size(), 1u);
  EXPECT_EQ(j["problems"][0]["line"], 2);
  EXPECT_EQ(j["problems"][0]["file"], dir / "docs.jsonl");
  EXPECT_NE(r.err.find("docs.jsonl:2"), std::string::npos) << r.err;
  EXPECT_EQ(hit_ids(dir / "db", "grain").size(), 2u);
}

TEST(IndexCli, MissingEmptyAndBinaryInputsAreReportedAndTheRestGoesOn) {
  TempDir dir;
  write_file(dir / "in/good.txt", "Frigate order signed\nNorway signed a frigate order.\n");
  write_file(dir / "in/empty.txt", "");
  write_file(dir / "in/image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  CliResult r =
      run_cli({"index", "--db", dir / "db", "--format", "json", dir / "in", dir / "missing.txt"});
  EXPECT_EQ(r.exit_code, 1);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["indexed"], 1);
  EXPECT_EQ(j["skipped"], 2);
  EXPECT_EQ(j["failed"], 1);
  std::string all = j["problems"].dump();
  EXPECT_NE(all.find("empty file"), std::string::npos);
  EXPECT_NE(all.find("binary file"), std::string::npos);
  EXPECT_NE(all.find("no such file"), std::string::npos);
}

TEST(IndexCli, StdinTakesTextAndJsonLines) {
  TempDir dir;
  CliResult r = run_cli({"index", "--db", dir / "db", "-"},
                        "Harbour strike ends\nDockers returned to work on Monday.\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CliResult j = run_cli({"index", "--db", dir / "db", "--stdin-format", "jsonl", "-"},
                        R"({"id":"s1","title":"Harbour reopens","body":"The harbour reopened."})"
                        "\n");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_EQ(hit_ids(dir / "db", "harbour").size(), 2u);
}

} // namespace
} // namespace newsdex::test
