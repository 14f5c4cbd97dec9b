// JSON is UTF-8, but what a user types may not be (a query pasted from a Latin-1 terminal, a file
// name in another encoding). Every JSON output shows such bytes as U+FFFD, never fails on them.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace newsdex::test {
namespace {

const std::string latin1_query = "NATO D\xe9"
                                 "fense"; // "Défense" in Latin-1: \xe9 alone

TEST(JsonUtf8, AQueryThatIsNotUtf8IsShownWithReplacementCharacters) {
  const std::vector<std::vector<std::string>> commands = {
      {"search", "--format", "json"},
      {"search", "--format", "jsonl"},
      {"trend", "--format", "json"},
      {"entities", "--format", "json"},
      {"entities", "--graph", "--format", "json"},
  };
  for (std::vector<std::string> args : commands) {
    const bool lines = args.back() == "jsonl"; // a document a line: the first is enough
    args.insert(args.begin() + 1, {"--db", sample_db()});
    args.push_back(latin1_query);
    CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
    const std::string first_line = r.out.substr(0, lines ? r.out.find('\n') : std::string::npos);
    auto j = nlohmann::json::parse(first_line, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(j.is_object()) << args[0] << ": " << r.out.substr(0, 200);
    const auto& query = args[0] == "trend" ? j["series"][0]["query"] : j["query"];
    EXPECT_EQ(query, std::string("NATO D\xef\xbf\xbd") + "fense") << args[0]; // U+FFFD
  }
}

} // namespace
} // namespace newsdex::test
