// Schema and analyzer changes must never strand a collection: export (JSON Lines that index reads
// back), reindex (a rebuild from the stored articles, new settings allowed) and backup (a
// consistent copy while a writer runs), through the real CLI.
#include "cli/cli_runner.hpp"
#include "cli/indexing_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace newsdex::test {
namespace {

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

// A search's hits as "id score" lines, sorted: the same articles with the same scores, whatever
// the order of documents with equal scores.
std::vector<std::string> scored_hits(const std::string& db, const std::string& query) {
  auto r = run_cli({"search", "--db", db, "--format", "json", "--limit", "100", "--", query});
  EXPECT_NE(r.exit_code, 2) << r.err;
  std::vector<std::string> out;
  if (r.exit_code != 0) return out;
  auto j = nlohmann::json::parse(r.out);
  for (const auto& h : j.at("hits")) {
    char score[32];
    std::snprintf(score, sizeof score, "%.9f", h.at("score").get<double>());
    out.push_back(h.at("id").get<std::string>() + " " + score);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const std::vector<std::string> queries = {
    "NATO",   "\"defense spending\"",    "Hegseth Ukraine",    "entity:\"Mark Rutte\"",
    "drone*", "source:\"Harbour Post\"", "U.S. NEAR/5 allies", "title:summit",
};

TEST(Export, IndexingTheExportGivesAnIdenticalCollection) {
  TempDir dir;
  const std::string a = dir / "a", b = dir / "b";
  ASSERT_EQ(run_cli({"index", "--db", a, sample_articles()}).exit_code, 0);
  auto exported = run_cli({"export", "--db", a});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(sorted_lines(exported.out).size(), 30u);
  write_file(dir / "a.jsonl", exported.out);
  ASSERT_EQ(run_cli({"index", "--db", b, dir / "a.jsonl"}).exit_code, 0);
  // The same stored articles, field for field ...
  EXPECT_EQ(sorted_lines(run_cli({"export", "--db", b}).out), sorted_lines(exported.out));
  // ... and the same answers, score for score.
  for (const auto& q : queries) EXPECT_EQ(scored_hits(a, q), scored_hits(b, q)) << q;
  auto show_a =
      run_cli({"show", "--db", a, "--format", "json", "020-rutte-ammunition-warning.txt"});
  auto show_b =
      run_cli({"show", "--db", b, "--format", "json", "020-rutte-ammunition-warning.txt"});
  EXPECT_EQ(show_a.out, show_b.out);
}

TEST(Export, AQueryExportsItsMatchesOnly) {
  auto searched = run_cli({"search", "--db", sample_db(), "--format", "ids", "--limit", "100",
                           "--match", "all", "NATO", "spending"});
  ASSERT_EQ(searched.exit_code, 0);
  auto exported = run_cli({"export", "--db", sample_db(), "NATO", "AND", "spending"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::vector<std::string> ids;
  for (const auto& line : sorted_lines(exported.out))
    ids.push_back(nlohmann::json::parse(line).at("id").get<std::string>());
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, sorted_lines(searched.out));
  auto malformed = run_cli({"export", "--db", sample_db(), "\"NATO"});
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_NE(malformed.err.find("column 1"), std::string::npos) << malformed.err;
}

TEST(Reindex, WithTheSameSettingsEverySearchIsUnchanged) {
  TempDir dir;
  const std::string db = dir / "db";
  ASSERT_EQ(run_cli({"index", "--db", db, "--shards", "2", sample_articles()}).exit_code, 0);
  std::vector<std::vector<std::string>> before;
  for (const auto& q : queries) before.push_back(scored_hits(db, q));
  auto r = run_cli({"reindex", "--db", db, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["documents"], 30);
  for (std::size_t i = 0; i < queries.size(); ++i)
    EXPECT_EQ(scored_hits(db, queries[i]), before[i]) << queries[i];
  auto stats = nlohmann::json::parse(run_cli({"stats", "--db", db, "--format", "json"}).out);
  EXPECT_EQ(stats["shards"], 2);
}

TEST(Reindex, NewSettingsAreAppliedAndRecorded) {
  TempDir dir;
  const std::string db = dir / "db";
  write_file(dir / "variants.txt", "flibbertigibbet\tnato\n");
  ASSERT_EQ(run_cli({"index", "--db", db, sample_articles()}).exit_code, 0);
  EXPECT_EQ(run_cli({"search", "--db", db, "flibbertigibbet"}).exit_code, 1);
  // Changing the settings anywhere else is refused ...
  EXPECT_EQ(run_cli({"index", "--db", db, "--variants", dir / "variants.txt", sample_articles()})
                .exit_code,
            2);
  // ... reindex is where they change.
  auto r = run_cli({"reindex", "--db", db, "--variants", dir / "variants.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto found =
      run_cli({"search", "--db", db, "--format", "ids", "--limit", "100", "flibbertigibbet"});
  EXPECT_EQ(found.exit_code, 0) << found.err;
  EXPECT_EQ(sorted_lines(found.out),
            sorted_lines(
                run_cli({"search", "--db", db, "--format", "ids", "--limit", "100", "NATO"}).out));
  auto stats = nlohmann::json::parse(run_cli({"stats", "--db", db, "--format", "json"}).out);
  EXPECT_EQ(stats["documents"], 30);
  EXPECT_EQ(stats["settings"]["variant_files"], nlohmann::json::array({"variants.txt"}));
}

TEST(Backup, ACopyTakenWhileAWriterRunsOpensAndPassesXapiansCheck) {
  TempDir dir;
  const std::string db = dir / "db";
  write_file(dir / "seed.jsonl", generated_jsonl(100000, 200, "anchor"));
  ASSERT_EQ(run_cli({"index", "--db", db, "--shards", "2", dir / "seed.jsonl"}).exit_code, 0);
  write_file(dir / "big.jsonl", generated_jsonl(0, 6000, "tariff"));
  BackgroundCli writer({"index", "--db", db, "--batch", "100", dir / "big.jsonl"}, dir / "w.out",
                       dir / "w.err");
  ASSERT_TRUE(wait_until(writer, [&] { return documents_in(db) > 200; })) << writer.err();
  std::vector<std::string> copies;
  for (int i = 0; i < 3; ++i) {
    const std::string copy = dir / ("copy" + std::to_string(i));
    auto r = run_cli({"backup", "--db", db, "--format", "json", copy});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["shards"], 2);
    copies.push_back(copy);
  }
  const bool overlapped = writer.running(); // at least the first copy met the writer
  EXPECT_EQ(writer.wait(), 0) << writer.err();
  EXPECT_TRUE(overlapped || documents_in(copies.front()) < 6200);
  for (const auto& copy : copies) {
    for (int k = 0; k < 2; ++k) {
      // Xapian's own checker, as a program (xapian-tools): Debian's libxapian trips
      // AddressSanitizer inside Database::check, so the sanitized suite cannot call it in process.
      const std::string shard = copy + ".d/g1/s" + std::to_string(k);
      const std::string command = "xapian-check '" + shard + "' F > '" + shard + ".check' 2>&1";
      EXPECT_EQ(std::system(command.c_str()), 0) << shard;
      std::ifstream report(shard + ".check");
      std::stringstream text;
      text << report.rdbuf();
      EXPECT_NE(text.str().find("No errors found"), std::string::npos) << text.str();
    }
    const long n = documents_in(copy);
    EXPECT_GE(n, 200) << copy;
    auto anchor = run_cli({"search", "--db", copy, "--format", "ids", "anchor"});
    EXPECT_EQ(anchor.exit_code, 0) << anchor.err; // the manifest came along: it opens as built
  }
  auto again = run_cli({"backup", "--db", db, copies.front()});
  EXPECT_EQ(again.exit_code, 2); // never over an existing path
}

} // namespace
} // namespace newsdex::test
