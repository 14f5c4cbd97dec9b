// Bounded queries through the real CLI (issue 15): the report's hundred thousand '(' crashed
// `newsdex search` with a segmentation fault, and NEAR/99999999999999999999 was an internal
// error. Lenient: exit 0 or 1 with a warning naming the column; --strict: exit 2 naming it.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>

#include <string>

namespace newsdex::test {
namespace {

CliResult search(const std::string& query, bool strict) {
  std::vector<std::string> args = {"search", "--db", sample_db(), "--format", "ids"};
  if (strict) args.push_back("--strict");
  args.push_back("--");
  args.push_back(query);
  return run_cli(args);
}

TEST(QueryLimitsCli, AHundredThousandParenthesesAreNoCrash) {
  const std::string query = std::string(100000, '(') + "nato";
  CliResult lenient = search(query, false);
  EXPECT_TRUE(lenient.exit_code == 0 || lenient.exit_code == 1) << lenient.exit_code;
  EXPECT_NE(lenient.err.find("longer than 65536 bytes (the rest is ignored) at column 65537"),
            std::string::npos)
      << lenient.err;
  EXPECT_NE(lenient.err.find("nested deeper than 64"), std::string::npos) << lenient.err;
  CliResult strict = search(query, true);
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_NE(strict.err.find("at column 65537"), std::string::npos) << strict.err;
}

TEST(QueryLimitsCli, DeepNestingIsFlattened) {
  const std::string query = std::string(5000, '(') + "NATO" + std::string(5000, ')');
  CliResult lenient = search(query, false);
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_FALSE(lenient.out.empty());
  EXPECT_NE(
      lenient.err.find("nested deeper than 64 (the deeper groups are flattened) at column 65"),
      std::string::npos)
      << lenient.err;
  EXPECT_EQ(lenient.err.find("unbalanced"), std::string::npos) << lenient.err;
  CliResult strict = search(query, true);
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_NE(strict.err.find("nested deeper than 64 at column 65"), std::string::npos) << strict.err;
}

TEST(QueryLimitsCli, HugeNearWindowIsCapped) {
  CliResult lenient = search("NATO NEAR/99999999999999999999 Ukraine", false);
  EXPECT_TRUE(lenient.exit_code == 0 || lenient.exit_code == 1) << lenient.err;
  EXPECT_NE(lenient.err.find("window larger than 1000 at column 6"), std::string::npos)
      << lenient.err;
  CliResult strict = search("NATO NEAR/99999999999999999999 Ukraine", true);
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_NE(strict.err.find("column 6"), std::string::npos) << strict.err;
}

TEST(QueryLimitsCli, TooManyWordsAreCut) {
  std::string query;
  for (int i = 0; i < 1100; ++i) query += "frigate ";
  CliResult lenient = search(query, false);
  EXPECT_TRUE(lenient.exit_code == 0 || lenient.exit_code == 1) << lenient.err;
  const std::string column = "at column " + std::to_string(1024 * 8 + 1);
  EXPECT_NE(lenient.err.find("more than 1024 terms (the rest of the query is ignored) " + column),
            std::string::npos)
      << lenient.err;
  CliResult strict = search(query, true);
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_NE(strict.err.find(column), std::string::npos) << strict.err;
}

} // namespace
} // namespace newsdex::test
