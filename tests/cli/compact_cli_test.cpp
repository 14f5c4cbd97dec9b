// `newsdex compact` on a mistyped path: exit 3 and no collection created (#15).
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace newsdex::test {
namespace {

TEST(CompactCli, AMistypedPathCreatesNothing) {
  TempDir dir;
  const std::string typo = dir / "dbb";
  CliResult r = run_cli({"compact", "--db", typo});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("no collection at " + typo), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(typo));
  EXPECT_FALSE(std::filesystem::exists(typo + ".d"));
  // Asked again, the answer is the same: the first call left nothing to find.
  EXPECT_EQ(run_cli({"compact", "--db", typo}).exit_code, 3);
}

TEST(CompactCli, CompactsAnExistingCollectionAndKeepsItsArticles) {
  TempDir dir;
  const std::string db = dir / "db";
  write_file(dir / "in/a.txt", "Canal frozen\nSkaters took to the canal.\n");
  write_file(dir / "in/b.txt", "Canal thawed\nBoats returned to the canal.\n");
  ASSERT_EQ(run_cli({"index", "--db", db, dir / "in"}).exit_code, 0);
  CliResult r = run_cli({"compact", "--db", db, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["documents"], 2);
  CliResult s = run_cli({"search", "--db", db, "--format", "ids", "canal"});
  EXPECT_EQ(s.exit_code, 0) << s.err;
}

} // namespace
} // namespace newsdex::test
