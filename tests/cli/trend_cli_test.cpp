// `newsdex trend` (issue 19): JSON, CSV and the terminal chart (Unicode and ASCII), its exit codes,
// and counts that agree with what `newsdex search` reports for the same query and dates.
#include "cli/cli_runner.hpp"
#include "cli/remote_shards.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace newsdex::test {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::size_t columns_of(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

nlohmann::ordered_json trend_json(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"trend", "--db", sample_db(), "--format", "json"};
  all.insert(all.end(), args.begin(), args.end());
  CliResult r = run_cli(all);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::ordered_json::parse(r.out); // ordered: format_version must come first
}

// Matching articles as `newsdex search` counts them: exact, because a facet is asked for.
std::uint64_t search_count(const std::string& query) {
  CliResult r = run_cli({"search", "--db", sample_db(), "--format", "json", "--facet", "year",
                         "--limit", "0", "--", query});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  return nlohmann::json::parse(r.out)["total_estimate"].get<std::uint64_t>();
}

TEST(TrendCli, JsonCountsAgreeWithSearchByDate) {
  const nlohmann::ordered_json j = trend_json({"NATO"});
  EXPECT_EQ(j.begin().key(), "format_version");
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["bucket"], "month");
  EXPECT_TRUE(j["from"].is_null());
  EXPECT_FALSE(j["share"].get<bool>());
  ASSERT_EQ(j["series"].size(), 1u);
  const nlohmann::ordered_json& s = j["series"][0];
  EXPECT_EQ(s["query"], "NATO");
  ASSERT_EQ(s["counts"].size(), j["periods"].size());
  ASSERT_GT(j["periods"].size(), 1u);
  std::uint64_t dated = 0;
  for (std::size_t i = 0; i < j["periods"].size(); ++i) {
    const std::string period = j["periods"][i]["period"];
    const std::uint64_t count = s["counts"][i];
    EXPECT_EQ(count, search_count("NATO date:" + period)) << period;
    dated += count;
  }
  EXPECT_GT(dated, 0u);
  EXPECT_EQ(s["matches"], dated);
  // What no period holds is undated: every match is counted once.
  EXPECT_GT(s["undated"].get<std::uint64_t>(), 0u);
  EXPECT_EQ(dated + s["undated"].get<std::uint64_t>(), search_count("NATO"));
  EXPECT_EQ(s["outside"], 0);
}

TEST(TrendCli, FromToWeeksCompareAndShare) {
  const nlohmann::ordered_json j =
      trend_json({"NATO", "--by", "week", "--from", "2025-02-10", "--to", "2025-02-23", "--compare",
                  "Hegseth", "--share"});
  EXPECT_EQ(j["from"], "2025-02-10");
  ASSERT_EQ(j["periods"].size(), 2u);
  EXPECT_EQ(j["periods"][0]["period"], "2025-W07");
  EXPECT_EQ(j["periods"][0]["first_day"], "2025-02-10");
  EXPECT_EQ(j["periods"][1]["period"], "2025-W08");
  EXPECT_EQ(j["periods"][1]["last_day"], "2025-02-23");
  ASSERT_EQ(j["series"].size(), 2u);
  EXPECT_EQ(j["series"][1]["query"], "Hegseth");
  // Article 002 (2025-02-13) names both; it is the only article of that week.
  EXPECT_EQ(j["periods"][0]["total"], 1);
  for (const auto& s : j["series"]) {
    EXPECT_EQ(s["counts"][0],
              search_count(s["query"].get<std::string>() + " date:2025-02-10..2025-02-16"));
    EXPECT_EQ(s["counts"][0], 1);
    EXPECT_DOUBLE_EQ(s["shares"][0].get<double>(), 1.0);
    EXPECT_EQ(s["counts"][1], 0);
  }
}

TEST(TrendCli, Csv) {
  CliResult r = run_cli({"trend", "--db", sample_db(), "--format", "csv", "--by", "year", "--share",
                         "NATO", "--compare", "Hegseth, \"Pete Hegseth\""});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 5u); // header, two years times two queries
  EXPECT_EQ(lines[0], "period,query,count,total,share");
  EXPECT_EQ(lines[1].rfind("2024,NATO,", 0), 0u) << lines[1];
  // RFC 4180: a field with a comma or a quote is quoted, its quotes doubled.
  EXPECT_EQ(lines[4].rfind("2025,\"Hegseth, \"\"Pete Hegseth\"\"\",1,", 0), 0u) << lines[4];

  CliResult plain =
      run_cli({"trend", "--db", sample_db(), "--format", "csv", "--by", "year", "NATO"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(lines_of(plain.out).at(1), "2024,NATO,1,,"); // no total or share without --share
}

TEST(TrendCli, ChartInUnicodeFitsTheTerminal) {
  CliResult r = run_cli({"trend", "--db", sample_db(), "NATO", "--compare", "Hegseth"}, "",
                        {"LC_ALL=C.UTF-8", "COLUMNS=50"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("█"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('#'), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\033'), std::string::npos) << "colour despite NO_COLOR";
  for (const std::string& line : lines_of(r.out)) EXPECT_LE(columns_of(line), 50u) << line;
  EXPECT_NE(r.out.find("2025-02  1  "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2024-08  0\n"), std::string::npos) << r.out; // a month without a match
  EXPECT_NE(r.out.find("undated: "), std::string::npos) << r.out;

  CliResult wide =
      run_cli({"trend", "--db", sample_db(), "NATO"}, "", {"LC_ALL=C.UTF-8", "COLUMNS=120"});
  std::size_t longest = 0;
  for (const std::string& line : lines_of(wide.out)) longest = std::max(longest, columns_of(line));
  EXPECT_GT(longest, 100u) << "the bars do not use the width";
  EXPECT_LE(longest, 120u);
}

TEST(TrendCli, ChartFallsBackToAsciiOutsideUtf8) {
  for (const std::vector<std::string>& env :
       {std::vector<std::string>{"LC_ALL=C", "LANG=C.UTF-8"},
        std::vector<std::string>{"LC_ALL=", "LC_CTYPE=", "LANG=POSIX"}}) {
    CliResult r = run_cli({"trend", "--db", sample_db(), "NATO", "--share"}, "", env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find('#'), std::string::npos) << r.out;
    EXPECT_TRUE(std::all_of(r.out.begin(), r.out.end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x80;
    })) << r.out;
    EXPECT_NE(r.out.find("100.0%"), std::string::npos) << r.out;
  }
  // LANG decides when LC_ALL and LC_CTYPE are empty.
  CliResult utf8 = run_cli({"trend", "--db", sample_db(), "NATO"}, "",
                           {"LC_ALL=", "LC_CTYPE=", "LANG=en_GB.utf8"});
  EXPECT_NE(utf8.out.find("█"), std::string::npos) << utf8.out;
}

TEST(TrendCli, ExitCodes) {
  EXPECT_EQ(run_cli({"trend", "--db", sample_db(), "NATO"}).exit_code, 0);
  CliResult none = run_cli({"trend", "--db", sample_db(), "zeppelinzz"});
  EXPECT_EQ(none.exit_code, 1) << none.err;
  EXPECT_EQ(run_cli({"trend", "--db", sample_db(), "--by", "fortnight", "NATO"}).exit_code, 2);
  CliResult bad_date = run_cli({"trend", "--db", sample_db(), "--from", "someday", "NATO"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("someday"), std::string::npos) << bad_date.err;
  CliResult strict =
      run_cli({"trend", "--db", sample_db(), "--strict", "NATO", "--compare", "\"Hegseth"});
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_NE(strict.err.find("query 2"), std::string::npos) << strict.err;
  CliResult century = run_cli(
      {"trend", "--db", sample_db(), "--by", "day", "--from", "1925", "--to", "2025", "NATO"});
  EXPECT_EQ(century.exit_code, 2);
  EXPECT_NE(century.err.find("10000"), std::string::npos) << century.err;
  EXPECT_EQ(run_cli({"trend", "--db", sample_db()}).exit_code, 2); // no query
  TempDir dir;
  CliResult missing = run_cli({"trend", "--db", dir / "nothing-here", "NATO"});
  EXPECT_EQ(missing.exit_code, 3) << missing.err;
}

// The scale-out design needs trends on remote shards: the count uses only Xapian's built-in
// ValueCountMatchSpy, which a remote server runs. The sample articles' one shard served by
// xapian-tcpsrv (tests/cli/remote_shards.hpp), behind a stub of one `remote` line, must give the
// local collection's counts.
TEST(TrendCli, RemoteShardCountsAsLocal) {
  if (!have_xapian_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv not installed (xapian-tools)";
  RemoteShards shards(1);
  const std::vector<std::string> args = {"--format", "csv",  "--share",   "--by",
                                         "week",     "NATO", "--compare", "Hegseth"};
  std::vector<std::string> remote = {"trend", "--db", shards.remote()},
                           local = {"trend", "--db", shards.local()};
  remote.insert(remote.end(), args.begin(), args.end());
  local.insert(local.end(), args.begin(), args.end());
  CliResult over_network = run_cli(remote);
  CliResult here = run_cli(local);
  ASSERT_EQ(over_network.exit_code, 0) << over_network.err;
  ASSERT_EQ(here.exit_code, 0) << here.err;
  EXPECT_EQ(over_network.out, here.out);
  EXPECT_GT(lines_of(here.out).size(), 2u);
}

} // namespace
} // namespace newsdex::test
