// Entities in text written in capitals (issue 17, docs/ENTITIES.md "Shouted text"): wire copy, old
// archives and OCR, where a capital says nothing. The articles are written for these tests.
#include "entities/keys.hpp"
#include "entities/recognizer.hpp"
#include "entities/tables.hpp"
#include "unit/entity_mentions.hpp"
#include "unit/make_article.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace newsdex::detail {
namespace {

using T = EntityType;

const EntityTables& tables() {
  return test::shipped_tables();
}
using test::has;
using test::names;

// A hard-wrapped story in capitals, as old wire copy and archives have it: lines break anywhere.
const std::string shouted_story = "BRITAIN WEIGHS THE COST OF ITS DETERRENT\n"
                                  "BY THE TIME THE ALLIES MET AGAIN, THE ALLIES AFTER\n"
                                  "NASSAU IN DECEMBER 1962 HAD AGREED ON A MISSILE. BRITAIN\n"
                                  "WILL HAVE MANAGED TO CREATE A NUCLEAR CAPACITY THAT REPRESENTS\n"
                                  "ONLY 12 PCT OF ITS DEFENCE BUDGET. WHO WILL PAY FOR IT?\n"
                                  "ASKED PRIME MINISTER HAROLD MACMILLAN IN THE COMMONS. LET US\n"
                                  "NOT PRETEND, MACMILLAN SAID.\n";

TEST(ShoutedEntities, RunsOfCapitalsAreNoEntities) {
  // Before: "Nassau In December" and "Only" (places: words at a line's start before a number),
  // the World Health Organization and the United States; and no person.
  auto m = names(shouted_story);
  std::map<std::string, T> expected = {{"United Kingdom", T::place},
                                       {"defense spending", T::other}, // "DEFENCE BUDGET"
                                       {"Harold Macmillan", T::person}};
  EXPECT_EQ(m, expected);
}

TEST(ShoutedEntities, PronounLikeAcronymsNeedContext) {
  auto m = names(shouted_story);
  EXPECT_EQ(m.count("World Health Organization"), 0u); // "WHO WILL PAY"
  EXPECT_EQ(m.count("United States"), 0u);             // "LET US NOT PRETEND"
  // Named otherwise in the same text, or after "THE", they are names.
  EXPECT_TRUE(has(names("THE WORLD HEALTH ORGANIZATION WARNED ON TUESDAY. WHO STAFF LEFT.\n"),
                  "World Health Organization", T::organization));
  std::string who = "THE WORLD HEALTH ORGANIZATION WARNED. WHO STAFF LEFT.";
  EXPECT_EQ(find_mentions(who, tables()).size(), 2u);
  EXPECT_TRUE(
      has(names("TALKS WITH THE US ON STEEL QUOTAS RESUMED.\n"), "United States", T::place));
  EXPECT_TRUE(has(names("U.S. TALKS ON STEEL RESUMED.\n"), "United States", T::place));
  // "THE US" is context for itself, not for a later "US" that is a pronoun.
  auto us = find_mentions("THE US SAID NO. LET US PAY.", tables());
  ASSERT_EQ(us.size(), 1u);
  EXPECT_EQ(us[0].begin, 4u);
}

TEST(ShoutedEntities, PeopleFromTitlesAndGivenNames) {
  auto m = names(shouted_story);
  EXPECT_TRUE(has(m, "Harold Macmillan", T::person));
  // The surname alone later is the same person.
  std::size_t macmillans = 0;
  for (const auto& x : find_mentions(shouted_story, tables()))
    if (x.name == "Harold Macmillan") ++macmillans;
  EXPECT_EQ(macmillans, 2u);

  auto p = names("TALKS WITH PRESIDENT REAGAN AND FINANCE MINISTER KIICHI MIYAZAWA ENDED.\n"
                 "JOHN F. KENNEDY AIDES AND JAVIER PEREZ DE CUELLAR MET KING HUSSEIN.\n");
  EXPECT_TRUE(has(p, "Reagan", T::person));
  EXPECT_TRUE(has(p, "Kiichi Miyazawa", T::person));
  EXPECT_TRUE(has(p, "John F. Kennedy", T::person));
  EXPECT_TRUE(has(p, "Javier Perez De Cuellar", T::person));
  EXPECT_TRUE(has(p, "Hussein", T::person));
  EXPECT_EQ(p.size(), 5u);
}

TEST(ShoutedEntities, ANameGoesOnAcrossAHardWrap) {
  auto m = find_mentions("TALKS WITH FEDERAL RESERVE BOARD CHAIRMAN PAUL\n"
                         "VOLCKER ENDED ON FRIDAY.\n",
                         tables());
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[1].name, "Paul Volcker");
  EXPECT_EQ(m[1].type, T::person);
}

TEST(ShoutedEntities, WordsAfterTitlesAreNoPeople) {
  // Given names that are words, verbs after a title, companies named like people.
  for (const char* text : {"THE BILL WILL PASS AND MARK THE END OF THE SESSION.\n",
                           "THE CHAIRMAN RESIGNS AFTER THE JUDGE RULED AGAINST HIM.\n",
                           "PREMIER INDUSTRIAL CORP AND GENERAL DYNAMICS CORP AGREED.\n",
                           "THE VICE PRESIDENT OF THE COMPANY SAID PRICES WOULD RISE.\n"})
    for (const auto& [name, type] : names(text)) EXPECT_NE(type, T::person) << text << name;
}

TEST(ShoutedEntities, DatelinesAreShortAndEndInADate) {
  EXPECT_TRUE(has(names("VOTUPORANGA 1987-03-02\nRAIN FELL ALL WEEK.\n"), "Votuporanga", T::place));
  EXPECT_TRUE(
      has(names("PORTO ALEGRE, MARCH 2 - RAIN FELL ALL WEEK.\n"), "Porto Alegre", T::place));
  // A long run before a number, or a word before a dash, is no place.
  EXPECT_TRUE(names("ARRIVALS FOR THE WEEK ENDED FEBRUARY 22 WERE LOW.\n").empty());
  EXPECT_TRUE(names("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP.\n").count("Cricket") == 0);
}

TEST(ShoutedEntities, AShoutedBodyDecidesItsMixedLines) {
  // "vs" makes this line 75% capitals; in a story in capitals it is capitals too, so "SHR" and
  // "DLRS" are no acronyms.
  std::string body = "QUARTERLY RESULTS OF THE COMPANY FOLLOW BELOW AS REPORTED\n"
                     "SHR 1.20 DLRS vs 1.10 DLRS\n"
                     "NET PROFIT ROSE ON HIGHER SALES IN ALL DIVISIONS\n";
  EXPECT_TRUE(names(body).empty());
}

// A mixed-case body under a shouted headline is read as it would be alone.
TEST(ShoutedEntities, ShoutedHeadlineOverMixedCaseBody) {
  std::string title = "PRIME MINISTER ANA COSTA WARNS OF FUEL COSTS";
  std::string body = "Portuguese Prime Minister Ana Costa told reporters in Lisbon that the\n"
                     "European Union should review its fuel levy. Costa said Spain agreed.\n";
  auto with_headline = find_mentions(title + "\n" + body, tables(), title.size());
  auto alone = find_mentions(body, tables());
  std::vector<std::tuple<std::uint32_t, std::uint32_t, T, std::string>> body_part, expected;
  for (const auto& m : with_headline)
    if (m.begin > title.size())
      body_part.emplace_back(m.begin - title.size() - 1, m.end - title.size() - 1, m.type, m.name);
  for (const auto& m : alone) expected.emplace_back(m.begin, m.end, m.type, m.name);
  EXPECT_EQ(body_part, expected);
  // The headline names the body's person.
  ASSERT_FALSE(with_headline.empty());
  EXPECT_EQ(with_headline[0].name, "Ana Costa");
  EXPECT_EQ(with_headline[0].type, T::person);
}

// Recorded with the recognizer before text in capitals had rules of its own (rules version 1).
TEST(ShoutedEntities, MixedCaseArticleUnchanged) {
  std::string text =
      "Ministers Meet in Lisbon as Fuel Prices Climb\n"
      "LISBON, March 3 - Portuguese Finance Minister Ana Costa told reporters on Tuesday that the "
      "European Union would review its fuel levy before the summer.\n"
      "Costa said the review, requested by Spain and Greece, would start in Brussels next month.\n"
      "The International Monetary Fund said in a report that prices in the euro zone rose 2.1 "
      "percent in February.\n"
      "WHO officials in Geneva warned that heating costs were hurting the elderly.\n"
      "Trade Talks\n"
      "Talks between the U.S. and Japan stalled after Toyota Motor Corp said it would cut output "
      "at its plant in Kentucky.\n";
  std::vector<std::tuple<std::string, std::string, T>> got;
  for (const auto& m : find_mentions(text, tables()))
    got.emplace_back(text.substr(m.begin, m.end - m.begin), m.name, m.type);
  std::vector<std::tuple<std::string, std::string, T>> expected = {
      {"Lisbon", "Lisbon", T::place},
      {"LISBON", "Lisbon", T::place},
      {"Portuguese", "Portuguese", T::other},
      {"Ana Costa", "Ana Costa", T::person},
      {"European Union", "European Union", T::organization},
      {"Costa", "Ana Costa", T::person},
      {"Spain", "Spain", T::place},
      {"Greece", "Greece", T::place},
      {"Brussels", "Brussels", T::place},
      {"International Monetary Fund", "International Monetary Fund", T::organization},
      {"euro zone", "eurozone", T::place},
      {"Geneva", "Geneva", T::place},
      {"U.S.", "United States", T::place},
      {"Japan", "Japan", T::place},
      {"Toyota Motor Corp", "Toyota Motor Corp", T::organization},
      {"Kentucky", "Kentucky", T::place},
  };
  EXPECT_EQ(got, expected);
}

TEST(ShoutedEntities, TitleCase) {
  EXPECT_EQ(entities::title_case("HAROLD MACMILLAN"), "Harold Macmillan");
  EXPECT_EQ(entities::title_case("O'BRIEN'S"), "O'Brien's");
  EXPECT_EQ(entities::title_case("SMITH-JONES"), "Smith-Jones");
  EXPECT_EQ(entities::title_case("JOHN F. KENNEDY"), "John F. Kennedy");
  EXPECT_EQ(entities::title_case("ZÜRICH ÅLAND"), "Zürich Åland");
}

TEST(ShoutedEntities, TheTablesAreRead) {
  const auto& t = tables();
  EXPECT_TRUE(t.first_names.count("harold"));  // entity-given-names.txt
  EXPECT_TRUE(t.first_names.count("kiichi"));  // entity-given-names.txt
  EXPECT_TRUE(t.first_names.count("pete"));    // entity-person-cues.txt [given]
  EXPECT_FALSE(t.first_names.count("will"));   // [word]
  EXPECT_FALSE(t.first_names.count("mark"));   // [word], though a [given] of the cues
  EXPECT_FALSE(t.first_names.count("august")); // a month
  EXPECT_TRUE(t.honorifics.count("president"));
  EXPECT_FALSE(t.honorifics.count("forward"));
  EXPECT_EQ(t.months.size(), 24u);
  EXPECT_TRUE(t.stopwords.count("who"));
  EXPECT_GT(t.first_names.size(), 1000u);
}

} // namespace
} // namespace newsdex::detail
