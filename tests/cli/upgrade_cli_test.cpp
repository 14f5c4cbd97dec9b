// A collection built by an older newsdex whose analysis differs (other entity rules, another
// stemmer version): every command refuses to read or write it with terms that would silently
// differ, and `newsdex reindex` rebuilds it from its stored articles, after which it is read as
// if this newsdex had built it.
#include "cli/cli_runner.hpp"

#include <newsdex/schema.hpp>

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

// What an older newsdex with other rules leaves: every shard records another analyzer.
void record_older_analyzer(const std::string& db) {
  for (const auto& g : fs::directory_iterator(db + ".d"))
    for (const auto& shard : fs::directory_iterator(g.path())) {
      if (!fs::is_directory(shard.path())) continue;
      Xapian::WritableDatabase w(shard.path().string(), Xapian::DB_OPEN);
      w.set_metadata(std::string(schema::meta_analyzer), "en-1-0123456789abcdef");
      w.commit();
    }
}

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  for (char c : text) {
    if (c != '\n') {
      line += c;
      continue;
    }
    lines.push_back(line);
    line.clear();
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

class Upgrade : public ::testing::TestWithParam<int> {};

TEST_P(Upgrade, ReindexRebuildsACollectionAnOlderAnalyzerBuilt) {
  TempDir dir;
  const std::string db = dir / "news.db";
  write_file(dir / "in/a.txt", "Frigates ordered\nThe NATO allies ordered new frigates for the "
                               "Baltic, officials in Brussels said on Monday.\n");
  write_file(dir / "in/b.txt", "Grain exports\nUkraine said grain exports through the Black Sea "
                               "rose in March.\n");
  write_file(dir / "in/c.txt", "Budget talks\nNATO ministers discussed defence spending.\n");
  ASSERT_EQ(run_cli({"init", "--db", db, "--shards", std::to_string(GetParam())}).exit_code, 0);
  ASSERT_EQ(run_cli({"index", "--db", db, dir / "in"}).exit_code, 0);
  const CliResult before = run_cli({"search", "--db", db, "--format", "ids", "NATO"});
  ASSERT_EQ(before.exit_code, 0) << before.err;

  record_older_analyzer(db);
  for (const std::vector<std::string>& refused :
       {std::vector<std::string>{"search", "--db", db, "NATO"},
        std::vector<std::string>{"index", "--db", db, dir / "in"}}) {
    const CliResult r = run_cli(refused);
    EXPECT_EQ(r.exit_code, 3) << refused[0] << ": " << r.out << r.err;
    EXPECT_NE(r.err.find("newsdex reindex"), std::string::npos) << r.err;
  }

  const CliResult reindex = run_cli({"reindex", "--db", db});
  ASSERT_EQ(reindex.exit_code, 0) << reindex.out << reindex.err;
  const CliResult after = run_cli({"search", "--db", db, "--format", "ids", "NATO"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(sorted_lines(after.out), sorted_lines(before.out));
  const CliResult show = run_cli({"show", "--db", db, sorted_lines(after.out).front()});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("NATO"), std::string::npos) << show.out;
  EXPECT_EQ(run_cli({"index", "--db", db, dir / "in"}).exit_code, 0);
  EXPECT_EQ(run_cli({"check", "--db", db}).exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(Shards, Upgrade, ::testing::Values(1, 2));

} // namespace
} // namespace newsdex::test
