// Entity recognition (issue 7): rules, types, the alias table and its extension, the query side
// and the index. Fixture sentences are written for these tests.
#include "entities/recognizer.hpp"
#include "query/query_parser.hpp"
#include "unit/entity_mentions.hpp"
#include "unit/make_article.hpp"

#include <newsdex/analyzer.hpp>
#include <newsdex/entities.hpp>
#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace newsdex::detail {
namespace {

using T = EntityType;

const EntityTables& tables() {
  return test::shipped_tables();
}
using test::has;
using test::make_article;
using test::names;

std::vector<std::string> surfaces(std::string_view text, std::size_t headline = 0) {
  std::vector<std::string> out;
  for (const auto& m : find_mentions(text, tables(), headline))
    out.emplace_back(text.substr(m.begin, m.end - m.begin));
  return out;
}

TEST(Entities, Acronyms) {
  auto m = names("Officials at NATO said GDP grew while the U.S. economy slowed.");
  EXPECT_TRUE(has(m, "NATO", T::organization));
  // GDP is in the alias table as a topic: its canonical name is spelled out.
  EXPECT_TRUE(has(m, "gross domestic product", T::other));
  // An acronym not in any table, in running text.
  EXPECT_TRUE(has(names("Officials said CPI rose."), "CPI", T::other)); // listed: not an org
  EXPECT_TRUE(has(m, "United States", T::place));
  EXPECT_EQ(surfaces("Officials at NATO said the U.S. economy slowed."),
            (std::vector<std::string>{"NATO", "U.S."}));
}

TEST(Entities, UnknownAcronymIsAnOrganisation) {
  auto m = names("Engineers from the KLMQ consortium met on Monday.");
  EXPECT_TRUE(has(m, "KLMQ", T::organization));
}

TEST(Entities, MultiWordNames) {
  auto m = names("Ministers met Pete Hegseth and Mark Rutte in The Hague before the Ukraine "
                 "Defense Contact Group convened.");
  EXPECT_TRUE(has(m, "Pete Hegseth", T::person));
  EXPECT_TRUE(has(m, "Mark Rutte", T::person));
  EXPECT_TRUE(has(m, "The Hague", T::place));
  EXPECT_TRUE(has(m, "Ukraine Defense Contact Group", T::organization));
  EXPECT_EQ(m.size(), 4u);
}

TEST(Entities, SentenceInitialCapitals) {
  // Common words that open a sentence are not names; names that open one still are.
  auto m = names("But NATO said little. Analysts expected more. Several allies agreed. Ukraine "
                 "welcomed it.");
  EXPECT_EQ(m.size(), 2u);
  EXPECT_TRUE(has(m, "NATO", T::organization));
  EXPECT_TRUE(has(m, "Ukraine", T::place));
  // An unknown capitalised first word needs evidence from the rest of the text.
  EXPECT_TRUE(names("Meanwhile talks stalled. Quillfeather declined to comment.").empty());
  auto evidence = names("Quillfeather declined to comment. Officials praised Quillfeather later.");
  EXPECT_EQ(evidence.count("Quillfeather"), 1u);
}

TEST(Entities, AllCapsHeadline) {
  std::string title = "NATO CHIEF WARNS RUSSIA OVER BALTIC CABLE DAMAGE";
  std::string text = title + "\nThe alliance said the damage was deliberate.";
  auto m = names(text, title.size());
  EXPECT_TRUE(has(m, "NATO", T::organization));
  EXPECT_TRUE(has(m, "Russia", T::place));
  EXPECT_EQ(m.count("CHIEF"), 0u);
  EXPECT_EQ(m.count("WARNS"), 0u);
  EXPECT_EQ(m.count("CABLE DAMAGE"), 0u);
}

TEST(Entities, TitleCaseHeadlineOnlyConfirmedNames) {
  std::string title = "Hegseth Tells Allies Europe Must Carry The Load";
  std::string text = title + "\nDefense Secretary Pete Hegseth spoke in Brussels on Wednesday.";
  auto m = names(text, title.size());
  EXPECT_TRUE(has(m, "Pete Hegseth", T::person));
  EXPECT_TRUE(has(m, "Europe", T::place));
  EXPECT_TRUE(has(m, "Brussels", T::place));
  EXPECT_EQ(m.size(), 3u); // not "Tells Allies", "Must Carry", "The Load"
  // The headline's "Hegseth" links to the full name.
  auto mentions = find_mentions(text, tables(), title.size());
  ASSERT_FALSE(mentions.empty());
  EXPECT_EQ(mentions.front().name, "Pete Hegseth");
  EXPECT_EQ(text.substr(mentions.front().begin, mentions.front().end - mentions.front().begin),
            "Hegseth");
}

TEST(Entities, SubheadingIsNotAName) {
  auto m = names("Officials met in Warsaw on Monday.\nBorders and Guarantees\nTalks went on.");
  EXPECT_EQ(m.size(), 1u);
  EXPECT_TRUE(has(m, "Warsaw", T::place));
}

TEST(Entities, Possessives) {
  std::string text = "Defense Secretary Pete Hegseth arrived. Hegseth’s plan and Ukraine's "
                     "borders were discussed, as was Reuters' report.";
  auto s = surfaces(text);
  EXPECT_NE(std::find(s.begin(), s.end(), "Hegseth"), s.end());
  EXPECT_NE(std::find(s.begin(), s.end(), "Ukraine"), s.end());
  EXPECT_NE(std::find(s.begin(), s.end(), "Reuters"), s.end());
  auto m = names(text);
  EXPECT_TRUE(has(m, "Pete Hegseth", T::person));
  EXPECT_EQ(m.count("Hegseth’s"), 0u);
}

TEST(Entities, LeadingTitlesStripped) {
  auto m = names("U.S. Defense Secretary Pete Hegseth spoke first.");
  EXPECT_TRUE(has(m, "Pete Hegseth", T::person));
  EXPECT_TRUE(has(m, "United States", T::place));
  EXPECT_EQ(m.size(), 2u);
  m = names("Then NATO Secretary General Mark Rutte replied.");
  EXPECT_TRUE(has(m, "Mark Rutte", T::person));
  EXPECT_TRUE(has(m, "NATO", T::organization));
  EXPECT_EQ(m.size(), 2u);
  m = names("Lithuanian Deputy Minister Rasa Vaitkevičienė said so.");
  EXPECT_TRUE(has(m, "Rasa Vaitkevičienė", T::person));
  EXPECT_TRUE(has(m, "Lithuanian", T::other));
  // A title alone makes a one-word name a person.
  EXPECT_TRUE(has(names("They met President Zelenskyy."), "Volodymyr Zelensky", T::person));
  EXPECT_TRUE(has(names("They met Mr Okonkwo."), "Okonkwo", T::person));
}

TEST(Entities, SurnameLinksToFullName) {
  Article a = make_article("x", "Allies meet",
                           "Defense Secretary Pete Hegseth spoke. Later Hegseth left. Mr Hegseth "
                           "returned.");
  auto entities = recognize_entities(a, tables());
  ASSERT_FALSE(entities.empty());
  EXPECT_EQ(entities.front().name, "Pete Hegseth");
  EXPECT_EQ(entities.front().type, T::person);
  EXPECT_EQ(entities.front().mentions, 3u);
  EXPECT_EQ(std::count_if(entities.begin(), entities.end(),
                          [](const Entity& e) { return e.name == "Hegseth"; }),
            0);
}

TEST(Entities, Types) {
  auto m = names("Staff of Acme Widgets Inc. and the Bank of England flew from Lisbon to meet "
                 "German officials at the Hong Kong Open, said spokeswoman Maria Lindqvist. A "
                 "Zorvanian delegate, Tarkelby, stayed away.");
  EXPECT_TRUE(has(m, "Acme Widgets Inc.", T::organization));
  EXPECT_TRUE(has(m, "Bank of England", T::organization));
  EXPECT_TRUE(has(m, "Lisbon", T::place));
  EXPECT_TRUE(has(m, "German", T::other));
  EXPECT_TRUE(has(m, "Hong Kong Open", T::other));
  EXPECT_TRUE(has(m, "Maria Lindqvist", T::person));
  EXPECT_TRUE(has(m, "Tarkelby", T::unknown)); // an honest answer
  // Cue words: "in" before an unknown name, a team's score after one.
  EXPECT_TRUE(has(names("The talks took place in Vexholm last week."), "Vexholm", T::place));
  EXPECT_TRUE(
      has(names("In the final Harwick 3 Dunmore 1 was the score."), "Dunmore", T::organization));
}

TEST(Entities, Datelines) {
  auto m = names("BRUSSELS — Ministers met.\nZÜRICH — Prices rose.");
  EXPECT_TRUE(has(m, "Brussels", T::place));
  EXPECT_TRUE(has(m, "Zürich", T::place));
}

TEST(Entities, AliasTable) {
  auto m = names("The North Atlantic Treaty Organization met. America and the UK agreed, "
                 "Britain said, and Kiev welcomed the military spending plan.");
  EXPECT_TRUE(has(m, "NATO", T::organization));
  EXPECT_TRUE(has(m, "United States", T::place));
  EXPECT_TRUE(has(m, "United Kingdom", T::place));
  EXPECT_TRUE(has(m, "Kyiv", T::place));
  EXPECT_TRUE(has(m, "defense spending", T::other)); // a topic
  EXPECT_EQ(m.count("North Atlantic Treaty Organization"), 0u);
  EXPECT_EQ(m.count("Britain"), 0u);
  // Every written form of one entity gives the same canonical name.
  for (const char* s : {"U.S.", "US", "United States", "America", "U.S.A."})
    EXPECT_TRUE(
        has(names(std::string("Officials in the ") + s + " agreed."), "United States", T::place))
        << s;
  for (const char* s : {"U.K.", "UK", "United Kingdom", "Britain"})
    EXPECT_TRUE(
        has(names(std::string("Officials in ") + s + " agreed."), "United Kingdom", T::place))
        << s;
  EXPECT_TRUE(has(names("Allies said defence spending must rise."), "defense spending", T::other));
}

TEST(Entities, PronounUsIsNotTheUnitedStates) {
  EXPECT_TRUE(names("They told us the plan was ready.").empty());
}

TEST(Entities, UserAliasFileExtendsTheTable) {
  auto dir = std::filesystem::temp_directory_path() / "newsdex-entities-test";
  std::filesystem::create_directories(dir);
  std::string path = (dir / "aliases.txt").string();
  {
    std::ofstream out(path);
    out << "# ours\norganization: Harbour Post = HP Media\ntopic: drone warfare = drone war\n"
        << "place: Kyiv = Kyjiw\n";
  }
  auto user = entity_tables({path});
  std::map<std::string, T> m;
  for (const auto& x : find_mentions("HP Media reported on the drone war near Kyjiw.", *user))
    m[x.name] = x.type;
  EXPECT_TRUE(has(m, "Harbour Post", T::organization));
  EXPECT_TRUE(has(m, "drone warfare", T::other));
  EXPECT_TRUE(has(m, "Kyiv", T::place)); // a new name added to a shipped entity
  EXPECT_NE(entity_fingerprint({path}), entity_fingerprint({}));
  // The analyzer fingerprint a database records changes with it, so index and query side agree.
  AnalyzerOptions plain, extended;
  extended.entity_files = {path};
  EXPECT_NE(Analyzer(plain).fingerprint(), Analyzer(extended).fingerprint());
  // A malformed type is a usage error naming the file.
  std::string bad = (dir / "bad.txt").string();
  {
    std::ofstream out(bad);
    out << "planet: Mars\n";
  }
  EXPECT_THROW(entity_tables({bad}), Error);
  std::filesystem::remove_all(dir);
}

TEST(Entities, QuerySideCanonicalization) {
  EXPECT_EQ(entity_term(tables(), "North Atlantic Treaty Organization"), "nato");
  EXPECT_EQ(entity_term(tables(), "nato"), "nato");
  EXPECT_EQ(entity_term(tables(), "us"), "united states"); // entity:us asks for an entity
  EXPECT_EQ(entity_term(tables(), "Pete Hegseth"), "pete hegseth");
  EXPECT_EQ(entity_term(tables(), "u.n."), "united nations");
  auto other = entity_other_names(tables(), "United States");
  EXPECT_NE(std::find(other.begin(), other.end(), "U.S."), other.end());
  EXPECT_NE(std::find(other.begin(), other.end(), "America"), other.end());
  EXPECT_TRUE(entity_other_names(tables(), "us").empty());     // the pronoun
  EXPECT_TRUE(entity_other_names(tables(), "Who").empty());    // not WHO
  EXPECT_TRUE(entity_other_names(tables(), "turkey").empty()); // a common word
  EXPECT_FALSE(entity_other_names(tables(), "Turkey").empty());
  EXPECT_FALSE(entity_other_names(tables(), "united states").empty()); // a lower-case phrase
  EXPECT_TRUE(entity_other_names(tables(), "Hegseth").empty());
}

TEST(Entities, TypeOfName) {
  EXPECT_EQ(type_of_name(tables(), "NATO"), T::organization);
  EXPECT_EQ(type_of_name(tables(), "Pete Hegseth"), T::person);
  EXPECT_EQ(type_of_name(tables(), "Kyiv"), T::place);
  EXPECT_EQ(type_of_name(tables(), "Acme Widgets Inc."), T::organization);
  EXPECT_EQ(type_of_name(tables(), "Tarkelby"), T::unknown);
}

TEST(Entities, PublicApiSpans) {
  std::string text = "NATO met in Kyiv.";
  auto mentions = find_entities(text);
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin), "NATO");
  EXPECT_EQ(mentions[1].name, "Kyiv");
  EXPECT_EQ(entity_type_name(mentions[1].type), "place");
}

TEST(Entities, EmptyAndOddInput) {
  EXPECT_TRUE(names("").empty());
  EXPECT_TRUE(names("\n\n   \n").empty());
  EXPECT_NO_THROW(names(std::string("NATO \xff\xfe broken \xc3 bytes U.S.")));
  EXPECT_NO_THROW(names(std::string(5000, 'A')));
}

// The index and the query side, end to end.
class EntityIndex : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("newsdex-entity-index-" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    db_ = (dir_ / "db").string();
    Indexer indexer(db_);
    indexer.add(make_article("a", "Allies meet",
                             "U.S. Defense Secretary Pete Hegseth met NATO ministers in Brussels. "
                             "Hegseth said more was needed."));
    indexer.add(make_article("b", "Kyiv asks for help",
                             "The North Atlantic Treaty Organization heard Kyiv's request."));
    indexer.add(make_article(
        "c", "Markets", "Shares in the United States rose as they told us prices would fall."));
    indexer.add(make_article("d", "Weather", "Rain fell all day."));
    indexer.commit();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::string> ids(const std::string& query) {
    Searcher searcher(db_);
    SearchRequest r;
    r.query = query;
    r.limit = 20;
    std::vector<std::string> out;
    for (const auto& h : searcher.search(r).hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(EntityIndex, TermsAndValues) {
  Xapian::Database db(db_);
  auto id = *db.postlist_begin(schema::id_term("a"));
  Xapian::Document doc = db.get_document(id);
  std::vector<std::string> terms;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if ((*t).rfind("XE", 0) == 0) terms.push_back(*t);
  EXPECT_EQ(terms, (std::vector<std::string>{"XEbrussels", "XEnato", "XEpete hegseth",
                                             "XEunited states"}));
  std::string value = doc.get_value(schema::entities_slot);
  EXPECT_NE(value.find("Pete Hegseth"), std::string::npos);
  EXPECT_NE(value.find("United States"), std::string::npos);
}

TEST_F(EntityIndex, EntityField) {
  EXPECT_EQ(ids("entity:NATO"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ids("entity:\"North Atlantic Treaty Organization\""),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ids("entity:\"Pete Hegseth\""), (std::vector<std::string>{"a"}));
  EXPECT_EQ(ids("entity:us"), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(ids("entity:Kiev"), (std::vector<std::string>{"b"}));
}

TEST_F(EntityIndex, PlainWordsMatchOtherNames) {
  // "United States" finds the article that only writes "U.S.", and "U.S." the one that only
  // writes "United States"; "NATO" the one that spells it out.
  EXPECT_EQ(ids("\"United States\""), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(ids("U.S."), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(ids("NATO"), (std::vector<std::string>{"a", "b"}));
  // The pronoun stays a pronoun.
  auto us = ids("us");
  EXPECT_EQ(std::count(us.begin(), us.end(), "a"), 0);
}

TEST_F(EntityIndex, Stats) {
  EntityStats all = entity_stats(db_, {});
  EXPECT_EQ(all.articles, 4u);
  ASSERT_FALSE(all.entities.empty());
  std::map<std::string, std::uint64_t> counts;
  for (const auto& e : all.entities) counts[e.name] = e.articles;
  EXPECT_EQ(counts["NATO"], 2u);
  EXPECT_EQ(counts["United States"], 2u);
  EXPECT_EQ(counts["Pete Hegseth"], 1u);
  EXPECT_EQ(all.entities.front().articles, 2u);
  EntityStatsRequest kyiv;
  kyiv.query = "Kyiv";
  kyiv.limit = 10;
  EntityStats q = entity_stats(db_, kyiv);
  EXPECT_EQ(q.articles, 1u);
  std::vector<std::string> names;
  for (const auto& e : q.entities) names.push_back(e.name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"Kyiv", "NATO"}));
  RelatedRequest related;
  related.entity = "Pete Hegseth";
  related.min_together = 1;
  RelatedEntities r = related_entities(db_, related);
  EXPECT_EQ(r.entity, "Pete Hegseth");
  EXPECT_EQ(r.with_entity, 1u);
  ASSERT_FALSE(r.related.empty());
  EXPECT_EQ(r.related.front().name, "Brussels"); // only with Hegseth: the strongest association
  for (const auto& e : r.related) EXPECT_GT(e.score, 0);
}

} // namespace
} // namespace newsdex::detail
