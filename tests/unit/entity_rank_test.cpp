// Entity- and phrase-aware ranking (issue 17, item 1): what the query side recognises in plain
// words, the query it becomes, what it leaves alone, and its bounds.
#include "common/ascii.hpp"
#include "entities/recognizer.hpp"
#include "make_article.hpp"
#include "query/entity_boost.hpp"
#include "query/query_parser.hpp"
#include "temp_folder.hpp"

#include <newsdex/indexer.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace newsdex::detail {
namespace {

Analyzer& analyzer() {
  static Analyzer a;
  return a;
}

std::vector<BoostWord> words_of(const std::string& q) {
  std::vector<BoostWord> out;
  analyzer().analyze(q, [&](const Token& t) {
    if (t.kind == TokenKind::joined) return;
    out.push_back({q.substr(t.begin, t.end - t.begin), std::string(t.term), t.begin, t.end,
                   t.position, t.stopword});
  });
  return out;
}

std::vector<RecognisedSpan> spans_of(const std::string& q, bool shouted = false) {
  return recognise_spans(q, words_of(q), *entity_tables({}), shouted, 16, /*expressions=*/true);
}

std::string xe(const std::string& lowered) {
  return schema::bounded_term(schema::entity_prefix, lowered);
}

ParsedQuery parse(const std::string& q, bool boost = true, QueryParserOptions o = {}) {
  o.entity_boost = boost;
  o.phrase_boost = true;
  return parse_query(q, analyzer(), o);
}

bool has_term(const Xapian::Query& q, const std::string& term) {
  return std::find(q.get_unique_terms_begin(), q.get_unique_terms_end(), term) !=
         q.get_unique_terms_end();
}

TEST(EntityRank, EveryNameOfAnEntityBecomesItsCanonicalTerm) {
  for (const std::string q : {"United Nations", "UN", "U.N.", "united nations"}) {
    auto spans = spans_of(q);
    ASSERT_EQ(spans.size(), 1u) << q;
    EXPECT_TRUE(spans[0].known) << q;
    EXPECT_EQ(spans[0].term, xe("united nations")) << q;
  }
}

TEST(EntityRank, ALoneLowerCaseWordOrAShoutedAcronymNamesNothing) {
  EXPECT_TRUE(spans_of("un").empty()); // a French article, not the UN
  EXPECT_TRUE(spans_of("who").empty());
  // In a shouted query WHO is a pronoun: no World Health Organization.
  for (const auto& s : spans_of("WHO WILL PAY", true)) EXPECT_TRUE(s.term != xe("who"));
}

TEST(EntityRank, TheLongestNameWinsAndANameInsideItIsLeftOut) {
  auto spans = spans_of("United Nations Security Council vote");
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].first, 0u);
  EXPECT_EQ(spans[0].last, 3u);
  EXPECT_EQ(spans[0].term, xe("un security council"));
}

TEST(EntityRank, NamesSideBySideAreEachRecognised) {
  auto spans = spans_of("NATO Ukraine United Nations");
  std::vector<std::string> terms;
  for (const auto& s : spans) terms.push_back(s.term);
  EXPECT_NE(std::find(terms.begin(), terms.end(), xe("united nations")), terms.end());
  EXPECT_NE(std::find(terms.begin(), terms.end(), xe("nato")), terms.end());
  EXPECT_NE(std::find(terms.begin(), terms.end(), xe("ukraine")), terms.end());
}

TEST(EntityRank, ACapitalisedRunTheTablesDoNotKnowIsANameAsTheIndexWritesIt) {
  auto spans = spans_of("Zorbulon Quintavell's merger");
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_FALSE(spans[0].known);
  EXPECT_EQ(spans[0].term, xe("zorbulon quintavell"));
  EXPECT_TRUE(spans_of("ZORBULON QUINTAVELL", true).empty()); // shouted: capitals mean nothing
}

TEST(EntityRank, OffTheQueryIsTheBagOfWords) {
  EXPECT_EQ(parse("United Nations", false).explanation.tree, "OR\n  unit\n  nation\n");
}

TEST(EntityRank, OnTheEntityAndThePhraseAddToTheBagOfWords) {
  auto p = parse("United Nations");
  const std::string& tree = p.explanation.tree;
  EXPECT_EQ(tree.rfind("AND_MAYBE\n  OR\n    unit\n    nation\n", 0), 0u) << tree;
  EXPECT_TRUE(has_term(p.query, xe("united nations"))) << tree;
  EXPECT_NE(tree.find("PHRASE"), std::string::npos) << tree;
  auto note = std::find_if(p.explanation.words.begin(), p.explanation.words.end(),
                           [](const ExplainedWord& w) { return w.note.find("boost") == 0; });
  ASSERT_NE(note, p.explanation.words.end());
  EXPECT_EQ(note->note, "boost: entity United Nations");
  EXPECT_EQ(note->text, "United Nations");
}

TEST(EntityRank, ANameThatIsOneFacetOfTheQueryWeighsItsShareOfTheWords) {
  // "US dollar exchange rate" asks about the exchange rate; the articles naming the United States
  // most are not what it is about. The name's evidence counts for 1 of the 4 words.
  QueryParserOptions o;
  o.entity_boost = true;
  o.explain = true;
  auto p = parse_query("US dollar exchange rate", analyzer(), o);
  const std::string& tree = p.explanation.tree;
  EXPECT_NE(tree.find("SCALE_WEIGHT 0.25"), std::string::npos) << tree;
  auto note = std::find_if(p.explanation.words.begin(), p.explanation.words.end(),
                           [](const ExplainedWord& w) { return w.note.find("boost") == 0; });
  ASSERT_NE(note, p.explanation.words.end()) << tree;
  EXPECT_EQ(note->note, "boost: entity United States (1 of 4 words)");
  // The weight asked for is scaled, not replaced.
  o.entity_boost_weight = 2;
  EXPECT_NE(parse_query("US dollar exchange rate", analyzer(), o)
                .explanation.tree.find("SCALE_WEIGHT 0.5"),
            std::string::npos);
  // A query that is all names weighs them fully, as one name alone does.
  o.entity_boost_weight = 1;
  EXPECT_EQ(parse_query("NATO Ukraine", analyzer(), o).explanation.tree.find("SCALE_WEIGHT"),
            std::string::npos);
  EXPECT_EQ(parse("United Nations").explanation.tree.find("SCALE_WEIGHT"), std::string::npos);
}

// The ids of `query`'s hits, best first, with the boost at `weight`.
std::vector<std::string> facet_ranking(const std::string& path, const std::string& query,
                                       double weight) {
  Searcher s(path);
  SearchRequest r;
  r.query = query;
  r.entity_boost_weight = weight;
  std::vector<std::string> ids;
  for (const auto& h : s.search(r).hits) ids.push_back(h.id);
  return ids;
}

TEST(EntityRank, AnArticleAboutTheQuerysTopicOutranksOneAboutTheNameInIt) {
  test::TempFolder dir("newsdex-entity-facet-");
  const std::string path = dir / "c";
  {
    Indexer ix(path);
    ix.add(test::make_article("about-france", "France votes as France weighs reform",
                              "France voted on Sunday, and France counted overnight. Turnout in "
                              "France was low; parties in France said France would decide in "
                              "the spring. Farmers said the wheat harvest was late."));
    ix.add(test::make_article("about-wheat", "Wheat harvest sets a record",
                              "The wheat harvest set a record this year, the farm ministry said. "
                              "Wheat yields rose across the plains and growers expect the "
                              "harvest to lift exports, some of them to France."));
    ix.add(test::make_article("rail", "Rail strike in France",
                              "Rail workers in France went on strike; France's trains ran at "
                              "half capacity."));
    ix.add(test::make_article("corn", "Corn crop", "The corn crop was smaller than forecast."));
    ix.add(test::make_article("fair", "Harvest fair", "The town held its harvest fair."));
    ix.add(test::make_article("wheat-prices", "Wheat prices",
                              "Wheat prices fell as rains improved crop prospects."));
    ix.commit();
  }
  // France is one of the three words: the article about the wheat harvest comes first.
  auto ids = facet_ranking(path, "France wheat harvest", 1.0);
  ASSERT_GE(ids.size(), 2u);
  EXPECT_EQ(ids[0], "about-wheat");
  EXPECT_EQ(ids[1], "about-france");
  // At three times the weight (the name's evidence counted in full, as before the share) the
  // article that names France most would lead.
  ids = facet_ranking(path, "France wheat harvest", 3.0);
  ASSERT_GE(ids.size(), 2u);
  EXPECT_EQ(ids[0], "about-france");
  // Asked for the name alone, the articles about it lead.
  ids = facet_ranking(path, "France", 1.0);
  ASSERT_GE(ids.size(), 2u);
  EXPECT_EQ(ids[0], "about-france");
}

TEST(EntityRank, TheShareOfTheWordsLeavesStopwordsOutAndCountsAWordOnce) {
  auto words = words_of("the Bank of England cuts rates");
  std::vector<BoostPart> parts(1);
  parts[0].first = 1; // Bank of England
  parts[0].last = 3;
  BoostCover c = boost_cover(words, parts);
  EXPECT_EQ(c.covered, 2u); // bank, england; "of" is a stopword
  EXPECT_EQ(c.words, 4u);   // and cuts, rates; not "the"
  parts.push_back(parts[0]);
  parts[1].first = 3; // an overlapping span: England counts once
  EXPECT_EQ(boost_cover(words, parts).covered, 2u);
  EXPECT_DOUBLE_EQ(boost_weight(1.0, c), 0.5);
  EXPECT_DOUBLE_EQ(boost_weight(3.0, {2, 2}), 3.0);
  EXPECT_DOUBLE_EQ(boost_weight(3.0, {0, 0}), 3.0);
}

TEST(EntityRank, ACapitalisedRunIsReadAsTheIndexReadsIt) {
  // The index writes one organisation for "European Investment Bank", not the nationality
  // "European" beside an "Investment Bank": the query must ask for the same term.
  auto bank = spans_of("European Investment Bank loans");
  ASSERT_EQ(bank.size(), 1u);
  EXPECT_EQ(bank[0].term, xe("european investment bank"));
  EXPECT_EQ(bank[0].last, 2u);
  const auto& tables = *entity_tables({});
  std::vector<std::string> indexed;
  for (const auto& m : find_mentions("The European Investment Bank lends.", tables))
    indexed.push_back(xe(lower_ascii(m.name)));
  EXPECT_EQ(indexed, std::vector<std::string>{bank[0].term});
  // Names the tables know stay apart, and the words around them are a name of their own.
  auto two = spans_of("Pete Hegseth NATO");
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].term, xe("pete hegseth"));
  EXPECT_EQ(two[1].term, xe("nato"));
}

TEST(EntityRank, AMultiWordExpressionIsRecognisedInAnyCase) {
  for (const std::string q : {"oil prices", "Oil Prices", "OIL PRICES", "balance of payments"}) {
    auto spans = spans_of(q, q == "OIL PRICES");
    ASSERT_EQ(spans.size(), 1u) << q;
    EXPECT_FALSE(spans[0].known) << q;
    EXPECT_TRUE(spans[0].term.empty()) << q; // no entity term: the phrase is the evidence
    EXPECT_EQ(spans[0].first, 0u) << q;
    EXPECT_EQ(spans[0].last, words_of(q).size() - 1) << q;
  }
  EXPECT_TRUE(spans_of("prices oil").empty());
  EXPECT_TRUE(spans_of("oil").empty());
}

TEST(EntityRank, ANameComesBeforeAnExpressionAndBothAreKept) {
  auto spans = spans_of("OPEC oil prices");
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].term, xe("organization of the petroleum exporting countries"));
  EXPECT_EQ(spans[1].name, "oil prices");
  EXPECT_EQ(spans[1].first, 1u);
}

TEST(EntityRank, AnExpressionAddsItsPhraseAndNoEntityTerm) {
  auto p = parse("oil prices");
  const std::string& tree = p.explanation.tree;
  EXPECT_EQ(tree.rfind("AND_MAYBE\n  OR\n    oil\n    price\n", 0), 0u) << tree;
  EXPECT_NE(tree.find("PHRASE"), std::string::npos) << tree;
  EXPECT_EQ(tree.find("XE"), std::string::npos) << tree;
  EXPECT_EQ(parse("oil prices", false).explanation.tree.find("PHRASE"), std::string::npos);
  QueryParserOptions without;
  without.entity_boost = true;
  without.explain = true;
  EXPECT_EQ(parse_query("oil prices", analyzer(), without).explanation.tree.find("PHRASE"),
            std::string::npos); // phrase_boost is off unless asked for
}

TEST(EntityRank, AdjacentWordsThatNameNothingAreLeftAsWords) {
  // NEAR pairs cost five times the query time for 0.004 MAP on news: not by default.
  auto p = parse("coffee quotas");
  EXPECT_EQ(p.explanation.tree.find("NEAR"), std::string::npos) << p.explanation.tree;
  EXPECT_FALSE(has_term(p.query, xe("coffee quotas")));
}

TEST(EntityRank, ASentenceLongRunGetsNoNearPairsButKeepsItsNames) {
  auto p = parse("what did the United Nations say about coffee export quotas and prices");
  EXPECT_EQ(p.explanation.tree.find("NEAR"), std::string::npos) << p.explanation.tree;
  EXPECT_TRUE(has_term(p.query, xe("united nations"))) << p.explanation.tree;
}

TEST(EntityRank, NamesStayWithinTheTermBudget) {
  const auto words = words_of("alpha beta gamma delta");
  const std::vector<RecognisedSpan> spans{{0, 1, true, "Alpha Beta", "XEalpha beta"},
                                          {2, 3, false, "Gamma Delta", "XEgamma delta"}};
  std::size_t used = 0;
  // A two-word name costs its XE term and the two words of its phrase.
  EXPECT_EQ(boost_parts(words, spans, 1000, used).size(), 2u);
  EXPECT_EQ(used, 6u);
  EXPECT_EQ(boost_parts(words, spans, 5, used).size(), 1u); // the second does not fit in five
  EXPECT_EQ(used, 3u);
}

TEST(EntityRank, QuotesFieldsOperatorsAndExclusionsAreLeftAlone) {
  for (const std::string q :
       {"\"United Nations\"", "entity:UN", "title:\"United Nations\"", "United OR Nations",
        "United AND Nations", "-United -Nations", "United NEAR/2 Nations", "Unit*"}) {
    auto p = parse(q);
    EXPECT_EQ(p.explanation.tree, parse(q, false).explanation.tree) << q;
  }
  // Only the plain run is boosted: "United Nations" beside a quoted phrase.
  auto p = parse("\"coffee quotas\" United Nations");
  EXPECT_TRUE(has_term(p.query, xe("united nations"))) << p.explanation.tree;
  EXPECT_EQ(p.explanation.tree.find("NEAR"), std::string::npos) << p.explanation.tree;
}

TEST(EntityRank, WithoutSyntaxTheWholeQueryIsOneRun) {
  QueryParserOptions o;
  o.syntax = false;
  auto p = parse("the United Nations and coffee", true, o);
  EXPECT_TRUE(has_term(p.query, xe("united nations"))) << p.explanation.tree;
}

TEST(EntityRank, ALongQueryBuildsABoundedBoost) {
  std::string q;
  for (int i = 0; i < 300; ++i) q += "word" + std::to_string(i) + " United Nations ";
  auto p = parse(q);
  std::size_t parts =
      std::count_if(p.explanation.words.begin(), p.explanation.words.end(),
                    [](const ExplainedWord& w) { return w.note.find("boost") == 0; });
  EXPECT_GT(parts, 0u);
  EXPECT_LE(parts, 16u); // at most 16 names
  // The boost never takes terms past the query's budget.
  QueryParserOptions small;
  small.limits.max_terms = 3;
  auto tight = parse("United Nations coffee quotas", true, small);
  std::size_t terms = 0;
  for (auto t = tight.query.get_terms_begin(); t != tight.query.get_terms_end(); ++t) ++terms;
  EXPECT_LE(terms, 3u) << tight.explanation.tree;
}

} // namespace
} // namespace newsdex::detail
