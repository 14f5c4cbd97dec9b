// The phrase table's expressions indexed as terms of their own (issue 17, item 1): what the index
// side writes, what the query side searches, and the fallback to the phrase of the words for a
// collection whose shards were created before the terms existed. Articles written for this test.
#include "entities/recognizer.hpp"
#include "index/document_builder.hpp"
#include "make_article.hpp"
#include "query/expression_terms.hpp"
#include "query/query_parser.hpp"
#include "storage/collection.hpp"
#include "temp_folder.hpp"

#include <newsdex/indexer.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace newsdex::detail {
namespace {

// Every expression term of the article (without the prefix), with its wdf.
std::map<std::string, Xapian::termcount> expression_terms_of(const Article& a) {
  AnalyzerSet analyzers(Analyzer{}, entity_tables({}));
  const Xapian::Document doc = build_document(a, analyzers).document;
  std::map<std::string, Xapian::termcount> out;
  const std::string prefix(schema::expression_prefix);
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if ((*t).rfind(prefix, 0) == 0) out[(*t).substr(prefix.size())] = t.get_wdf();
  return out;
}

TEST(ExpressionTerms, SingularAndPluralAreOneTermAndAStopwordIsAGap) {
  auto found = expression_terms_of(test::make_article(
      "a", "Budget talks",
      "Interest rates rose. The interest rate may rise again, and the balance of payments "
      "worsened."));
  EXPECT_EQ(found.count("interest rate"), 1u);
  EXPECT_EQ(found.count("balanc _ payment"), 1u);
  EXPECT_EQ(found.size(), 2u);
}

TEST(ExpressionTerms, TheyAreBooleanSoTheDocumentLengthIsUnchanged) {
  const auto a = test::make_article("b", "Oil prices fall",
                                    "Crude oil prices fell for a third day, dealers said.");
  auto found = expression_terms_of(a);
  // A longer one keeps the shorter inside it, in the title and in the body.
  EXPECT_EQ(found.count("oil price"), 1u);
  EXPECT_EQ(found.count("crude oil price"), 1u);
  EXPECT_EQ(found.count("crude oil"), 1u);
  for (const auto& [key, wdf] : found) EXPECT_EQ(wdf, 0u) << key;
  AnalyzerSet analyzers(Analyzer{}, entity_tables({}));
  const Xapian::Document doc = build_document(a, analyzers).document;
  Xapian::termcount length = 0, without = 0;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    length += t.get_wdf();
    if ((*t).rfind(std::string(schema::expression_prefix), 0) != 0) without += t.get_wdf();
  }
  EXPECT_EQ(length, without);
}

TEST(ExpressionTerms, WordsApartOrInTwoFieldsAreNoExpression) {
  auto found = expression_terms_of(test::make_article(
      "c", "Rising oil", "Prices of oil and wheat prices rose; the interest paid rates well."));
  EXPECT_TRUE(found.empty()) << found.begin()->first;
}

TEST(ExpressionTerms, TheKeyIsTheSameFromTheQuerySide) {
  Analyzer analyzer;
  std::vector<PlacedTerm> placed;
  std::vector<Analyzer::OwnedToken> tokens = analyzer.tokens("Balance of Payments");
  for (const auto& t : tokens)
    if (!t.stopword) placed.push_back({t.term, t.position});
  EXPECT_EQ(expression_key(placed), "balanc _ payment");
  EXPECT_EQ(expression_term("interest rate"), "XPinterest rate");
}

bool query_has_term(const Xapian::Query& q, const std::string& term) {
  return std::find(q.get_unique_terms_begin(), q.get_unique_terms_end(), term) !=
         q.get_unique_terms_end();
}

TEST(ExpressionTerms, TheQuerySearchesTheTermWhenTheCollectionHasThem) {
  Analyzer analyzer;
  QueryParserOptions o;
  o.entity_boost = true;
  o.phrase_boost = true;
  o.expression_terms = true;
  ParsedQuery with = parse_query("oil prices", analyzer, o);
  EXPECT_TRUE(query_has_term(with.query, "XPoil price")) << with.query.get_description();
  // The phrase still scores, read only where the term is.
  EXPECT_NE(with.query.get_description().find("PHRASE"), std::string::npos);
  EXPECT_NE(with.query.get_description().find("FILTER"), std::string::npos);
  o.expression_terms = false;
  ParsedQuery without = parse_query("oil prices", analyzer, o);
  EXPECT_FALSE(query_has_term(without.query, "XPoil price"));
  EXPECT_NE(without.query.get_description().find("PHRASE"), std::string::npos);
}

// A collection: the article with the expression, and one with its words apart, more often.
void build_oil_collection(const std::string& path) {
  Indexer ix(path);
  ix.add(test::make_article("together", "Markets", "Oil prices rose as traders bought."));
  ix.add(test::make_article("apart", "Palm oil",
                            "Palm oil output rose; prices of rubber and prices of tin fell, "
                            "and oil stocks grew."));
  ix.commit();
}

std::string explained_oil_prices(const std::string& path, std::vector<std::string>* ids = nullptr) {
  Searcher s(path);
  SearchRequest r;
  r.query = "oil prices";
  r.explain = true;
  r.phrase_boost = true;
  SearchResults results = s.search(r);
  if (ids)
    for (const auto& h : results.hits) ids->push_back(h.id);
  return results.explanation.tree;
}

// As shards created by an older newsdex: no record of their creation.
void forget_creation(const std::string& path) {
  for (const auto& shard : read_layout(path).shards) {
    Xapian::WritableDatabase w(shard, Xapian::DB_OPEN);
    w.set_metadata(std::string(schema::meta_created), "");
    w.commit();
  }
}

TEST(ExpressionTerms, ANewCollectionIsSearchedByTheTerm) {
  test::TempFolder dir("newsdex-expressions-");
  const std::string path = dir / "c";
  build_oil_collection(path);
  std::vector<std::string> ids;
  const std::string tree = explained_oil_prices(path, &ids);
  EXPECT_NE(tree.find("XPoil price"), std::string::npos) << tree;
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "together");
}

TEST(ExpressionTerms, ACollectionCreatedBeforeTheTermsIsSearchedByThePhraseEvenAfterAnAppend) {
  test::TempFolder dir("newsdex-expressions-");
  const std::string path = dir / "c";
  build_oil_collection(path);
  forget_creation(path);
  {
    Indexer ix(path); // a later run writes the terms, but the older documents lack them
    ix.add(test::make_article("later", "Rates", "Oil prices and interest rates rose."));
    ix.commit();
  }
  std::vector<std::string> ids;
  const std::string tree = explained_oil_prices(path, &ids);
  EXPECT_EQ(tree.find("XPoil price"), std::string::npos) << tree;
  EXPECT_NE(tree.find("PHRASE"), std::string::npos) << tree;
  ASSERT_FALSE(ids.empty());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "together"), ids.end());
}

TEST(ExpressionTerms, AReindexGivesAnOlderCollectionTheTerms) {
  test::TempFolder dir("newsdex-expressions-");
  const std::string path = dir / "c";
  build_oil_collection(path);
  forget_creation(path);
  ASSERT_EQ(explained_oil_prices(path).find("XPoil price"), std::string::npos);
  Indexer(path).reindex();
  std::vector<std::string> ids;
  const std::string tree = explained_oil_prices(path, &ids);
  EXPECT_NE(tree.find("XPoil price"), std::string::npos) << tree;
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "together");
}

} // namespace
} // namespace newsdex::detail
