// A collection remembers how it was built (its manifest): built with --language, --variants or
// --entities, every later subcommand analyzes the same way without repeating the options, and an
// option that would change the index is refused, naming it.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace newsdex::test {
namespace {

nlohmann::json json_of(const CliResult& r) {
  return nlohmann::json::parse(r.out);
}

struct Setting {
  std::string name;
  std::vector<std::string> options; ///< given once, when the collection is made
  std::string query;                ///< finds `expected` only when analyzed as built
  std::string expected;
};

class Manifest : public ::testing::Test {
protected:
  void SetUp() override {
    write_file(dir_ / "variants.txt", "flibbertigibbet\tnato\n");
    write_file(dir_ / "aliases.txt", "organization: Harbour Defence Forum = HDF\n");
    write_file(dir_ / "in/frigates.txt", "Frigates ordered\nThe NATO allies ordered new frigates; "
                                         "the HDF said the ships would patrol the Baltic.\n");
    write_file(dir_ / "in/fregatten.txt",
               "Neue Fregatten\nDie Marine bestellt neue Fregatten für die Ostsee.\n");
    write_file(dir_ / "in/budget.txt", "Budget talks\nMinisters discussed the budget on Monday. "
                                       "NATO officials attended the talks.\n");
    write_file(dir_ / "more/late.txt", "Late story\nNATO ministers met again on Friday.\n");
  }

  std::vector<Setting> settings() const {
    return {
        {"language", {"--language", "de"}, "Fregatte", "fregatten.txt"},
        {"variants", {"--variants", dir_ / "variants.txt"}, "flibbertigibbet", "frigates.txt"},
        {"entities",
         {"--entities", dir_ / "aliases.txt"},
         "entity:\"Harbour Defence Forum\"",
         "frigates.txt"},
    };
  }

  // Every subcommand on `db`, with no analysis option.
  void every_subcommand_works(const std::string& db, const Setting& s) {
    SCOPED_TRACE(s.name);
    auto search = run_cli({"search", "--db", db, "--format", "ids", "--", s.query});
    EXPECT_EQ(search.exit_code, 0) << search.err;
    EXPECT_NE(search.out.find(s.expected), std::string::npos) << search.out;

    auto stats = run_cli({"stats", "--db", db, "--format", "json"});
    ASSERT_EQ(stats.exit_code, 0) << stats.err;
    auto settings = json_of(stats)["settings"];
    ASSERT_TRUE(settings.is_object()) << stats.out;
    EXPECT_EQ(settings["language"], s.name == "language" ? "de" : "en");
    EXPECT_EQ(settings["variant_files"].size(), s.name == "variants" ? 1u : 0u);
    EXPECT_EQ(settings["entity_files"].size(), s.name == "entities" ? 1u : 0u);
    auto text = run_cli({"stats", "--db", db});
    EXPECT_NE(text.out.find(s.name == "language" ? "language:    de" : "language:    en"),
              std::string::npos)
        << text.out;

    auto show = run_cli({"show", "--db", db, s.expected});
    EXPECT_EQ(show.exit_code, 0) << show.err;
    auto similar = run_cli({"similar", "--db", db, "--format", "ids", "budget.txt"});
    EXPECT_NE(similar.exit_code, 3) << similar.err; // 0, or 1 when nothing is alike
    auto entities = run_cli({"entities", "--db", db, "--format", "json", "NATO"});
    EXPECT_EQ(entities.exit_code, 0) << entities.err;
    auto more = run_cli({"index", "--db", db, "--format", "json", dir_ / "more"});
    EXPECT_EQ(more.exit_code, 0) << more.err;
    auto deleted = run_cli({"delete", "--db", db, "--format", "json", "late.txt"});
    EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
    EXPECT_EQ(json_of(deleted)["deleted"], 1);
    auto by_query = run_cli({"delete", "--db", db, "--format", "json", "--query", "budget"});
    EXPECT_EQ(by_query.exit_code, 0) << by_query.err;
    auto compact = run_cli({"compact", "--db", db, "--format", "json"});
    EXPECT_EQ(compact.exit_code, 0) << compact.err;
    auto exported = run_cli({"export", "--db", db, "--", s.query});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.out.find(s.expected), std::string::npos) << exported.out;
    auto reindexed = run_cli({"reindex", "--db", db});
    EXPECT_EQ(reindexed.exit_code, 0) << reindexed.err;
    const std::string copy = db + "-copy";
    auto copied = run_cli({"backup", "--db", db, copy});
    EXPECT_EQ(copied.exit_code, 0) << copied.err;
    auto in_copy = run_cli({"search", "--db", copy, "--format", "ids", "--", s.query});
    EXPECT_NE(in_copy.out.find(s.expected), std::string::npos) << in_copy.out << in_copy.err;
    // Still analyzed as built after all of that.
    auto again = run_cli({"search", "--db", db, "--format", "ids", "--", s.query});
    EXPECT_NE(again.out.find(s.expected), std::string::npos) << again.out << again.err;
  }

  TempDir dir_;
};

TEST_F(Manifest, IndexIntoANewCollectionRecordsItsOptions) {
  for (const auto& s : settings()) {
    const std::string db = dir_ / ("indexed-" + s.name);
    std::vector<std::string> args = {"index", "--db", db};
    args.insert(args.end(), s.options.begin(), s.options.end());
    args.push_back(dir_ / "in");
    auto r = run_cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    every_subcommand_works(db, s);
  }
}

TEST_F(Manifest, InitRecordsTheOptionsAndTheFirstIndexIsAFreshBuild) {
  for (const auto& s : settings()) {
    const std::string db = dir_ / ("init-" + s.name);
    std::vector<std::string> args = {"init", "--db", db, "--shards", "2"};
    args.insert(args.end(), s.options.begin(), s.options.end());
    auto r = run_cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto first = run_cli({"index", "--db", db, "--format", "json", dir_ / "in"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_TRUE(json_of(first)["fresh_build"].get<bool>()) << first.out;
    EXPECT_EQ(json_of(first)["documents"], 3);
    every_subcommand_works(db, s);
  }
}

TEST_F(Manifest, AnOptionThatWouldChangeTheIndexIsRefusedByName) {
  const std::string db = dir_ / "de";
  ASSERT_EQ(run_cli({"index", "--db", db, "--language", "de", dir_ / "in"}).exit_code, 0);
  auto index = run_cli({"index", "--db", db, "--language", "en", dir_ / "more"});
  EXPECT_EQ(index.exit_code, 2);
  EXPECT_NE(index.err.find("--language en (the collection records de)"), std::string::npos)
      << index.err;
  auto search = run_cli({"search", "--db", db, "--variants", dir_ / "variants.txt", "NATO"});
  EXPECT_EQ(search.exit_code, 2);
  EXPECT_NE(search.err.find("--variants"), std::string::npos) << search.err;
  // The same settings given again are no change.
  auto same = run_cli({"search", "--db", db, "--language", "de", "--format", "ids", "Fregatte"});
  EXPECT_EQ(same.exit_code, 0) << same.err;
  auto init = run_cli({"init", "--db", db});
  EXPECT_EQ(init.exit_code, 2);
  EXPECT_NE(init.err.find("already exists"), std::string::npos) << init.err;
}

TEST_F(Manifest, TheRecordHoldsTheFilesContentsNotTheirPaths) {
  const std::string db = dir_ / "variants";
  ASSERT_EQ(
      run_cli({"index", "--db", db, "--variants", dir_ / "variants.txt", dir_ / "in"}).exit_code,
      0);
  write_file(dir_ / "variants.txt", "something\telse\n"); // edited after the build
  auto r = run_cli({"search", "--db", db, "--format", "ids", "flibbertigibbet"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("frigates.txt"), std::string::npos);
}

} // namespace
} // namespace newsdex::test
