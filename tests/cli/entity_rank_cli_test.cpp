// Issue 17: a plain `United Nations` was `unit OR nation`, and headlines about national units
// came first. With --entity-boost on, the articles about the UN (by any of its names) lead; off,
// the old bag of words ranks as before. The same for a multi-word expression of the phrase table
// (`oil prices`). Articles written for this test.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace newsdex::test {
namespace {

class EntityRankCli : public ::testing::Test {
protected:
  void SetUp() override {
    // About the UN: named several ways, in the headline and again and again in the text.
    write_file(dir_ / "in/un-envoy.txt",
               "UN envoy opens ceasefire talks in Geneva\n\n"
               "The United Nations special envoy opened ceasefire talks in Geneva on Monday. "
               "The UN said both delegations attended the first session. A UN spokesman said "
               "the talks would resume on Tuesday, and the UN welcomed the start.\n");
    write_file(dir_ / "in/un-floods.txt",
               "U.N. agencies appeal for flood relief\n\n"
               "Agencies of the United Nations appealed for relief funds after the floods. The "
               "U.N. appeal seeks food, tents and clean water; UN officials said roads were "
               "still cut and the UN would fly supplies in.\n");
    // Names the UN once, in passing.
    write_file(dir_ / "in/freight.txt",
               "Freight rates climb again\n\n"
               "Container freight rates rose for a third week, brokers said, citing port delays "
               "and a report by a United Nations trade agency on shipping costs. Rates on Asian "
               "routes led the rise while Atlantic rates held steady.\n");
    // National ... units: every word of the query, no UN.
    write_file(dir_ / "in/grid-units.txt",
               "National Grid to sell generating units\n\n"
               "National Grid said it would sell two generating units. The units supply the "
               "national network.\n");
    write_file(dir_ / "in/steel-units.txt",
               "National Steel closes rolling units\n\n"
               "National Steel will close three rolling units; the units made sheet for the "
               "national car industry.\n");
    write_file(dir_ / "in/bank-units.txt",
               "Units of National Bank merge\n\nTwo units of National Bank will merge, the "
               "national lender said.\n");
    write_file(dir_ / "in/coffee.txt",
               "Coffee prices ease\n\nCoffee prices eased in London as traders waited for "
               "export figures from Brazil.\n");
    // Oil prices, in a longer article about the markets...
    write_file(dir_ / "in/markets.txt",
               "Markets steady as oil prices ease\n\nShares were mixed on Thursday. Brent oil "
               "prices eased after a rise in stocks, and traders said the outlook for demand "
               "was unclear. Bond yields were little changed and the dollar held firm against "
               "the yen while gold slipped.\n");
    // ... and oil and prices, never side by side, in a short one.
    write_file(dir_ / "in/palm.txt",
               "Palm oil output rises\n\nPalm oil output rose, fish prices fell and rice "
               "prices rose. Exporters held oil stocks while cooking oil sold at steady "
               "prices.\n");
    auto r = run_cli({"index", "--db", db(), dir_ / "in"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string db() const { return dir_ / "db"; }

  std::vector<std::string> ranked(const std::string& boost,
                                  const std::string& query = "United Nations",
                                  bool phrases = false) {
    std::vector<std::string> args{"search", "--db", db(), "--format", "ids", query};
    if (phrases) args.insert(args.begin() + 1, "--phrase-boost");
    if (!boost.empty()) args.insert(args.begin() + 1, {"--entity-boost", boost});
    auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> ids;
    std::size_t at = 0;
    while (at < r.out.size()) {
      std::size_t nl = r.out.find('\n', at);
      if (nl == std::string::npos) nl = r.out.size();
      if (nl > at) ids.push_back(r.out.substr(at, nl - at));
      at = nl + 1;
    }
    return ids;
  }

  TempDir dir_;
};

bool about_un(const std::string& id) {
  return id == "un-envoy.txt" || id == "un-floods.txt";
}

TEST_F(EntityRankCli, OnTheArticlesAboutTheUnComeFirst) {
  auto ids = ranked("on");
  ASSERT_GE(ids.size(), 3u);
  EXPECT_TRUE(about_un(ids[0])) << ids[0];
  EXPECT_TRUE(about_un(ids[1])) << ids[1];
  EXPECT_EQ(ids[2], "freight.txt"); // one mention, still above the national units
}

TEST_F(EntityRankCli, OnTheSameArticlesMatchAsOff) {
  auto on = ranked("on"), off = ranked("off");
  std::sort(on.begin(), on.end());
  std::sort(off.begin(), off.end());
  EXPECT_EQ(on, off);
}

TEST_F(EntityRankCli, OnIsTheDefault) {
  EXPECT_EQ(ranked(""), ranked("on"));
}

TEST_F(EntityRankCli, OffTheNationalUnitsComeFirstAsBefore) {
  auto ids = ranked("off");
  ASSERT_FALSE(ids.empty());
  EXPECT_FALSE(about_un(ids[0])) << ids[0];
}

TEST_F(EntityRankCli, ExplainShowsWhatWasRecognised) {
  auto r = run_cli({"search", "--db", db(), "--explain", "--entity-boost", "on", "United Nations"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("United Nations -> XEunited nations"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[boost: entity United Nations]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("AND_MAYBE"), std::string::npos) << r.out;
}

TEST_F(EntityRankCli, OnAnArticleWithTheExpressionComesBeforeOneWithItsWordsApart) {
  auto on = ranked("on", "oil prices", true), off = ranked("off", "oil prices", true);
  ASSERT_FALSE(on.empty());
  ASSERT_FALSE(off.empty());
  EXPECT_EQ(on[0], "markets.txt");
  EXPECT_EQ(off[0], "palm.txt");                        // the words more often, in fewer words
  EXPECT_EQ(ranked("on", "oil prices")[0], "palm.txt"); // expressions are off by default
  std::sort(on.begin(), on.end());
  std::sort(off.begin(), off.end());
  EXPECT_EQ(on, off);
}

TEST_F(EntityRankCli, ExplainShowsARecognisedExpression) {
  auto r = run_cli({"search", "--db", db(), "--explain", "--phrase-boost", "Oil Prices"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // A collection this newsdex created indexes the expression as a term of its own.
  EXPECT_NE(r.out.find("[boost: expression oil prices]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("XPoil price"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("XEoil prices"), std::string::npos) << r.out; // not a name
}

TEST_F(EntityRankCli, PhraseBoostWithTheBoostOffIsNamedAsDoingNothing) {
  auto r = run_cli({"search", "--db", db(), "--format", "ids", "--entity-boost", "off",
                    "--phrase-boost", "oil prices"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("--phrase-boost does nothing with --entity-boost off"), std::string::npos)
      << r.err;
  auto on = run_cli({"search", "--db", db(), "--format", "ids", "--phrase-boost", "oil prices"});
  EXPECT_EQ(on.err.find("does nothing"), std::string::npos) << on.err;
}

TEST_F(EntityRankCli, AnUnknownSettingIsAUsageError) {
  auto r = run_cli({"search", "--db", db(), "--entity-boost", "maybe", "United Nations"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
}

} // namespace
} // namespace newsdex::test
