// NEAR, ADJ and phrases over every kind of word the query side expands (issue 20): each operator
// with each kind, run against a small real collection. For every kind one article has the word
// right before "pipeline" and another has both words thirty words apart; the positional query
// must find the first and not the second.
#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace newsdex {
namespace {

struct Kind {
  std::string name;
  std::string written;   ///< how the articles write the word
  std::string queried;   ///< how the query writes it, next to NEAR and ADJ
  std::string in_phrase; ///< how a quoted phrase writes it; empty: no phrase form
};

// The article text says the word one way, the query another where the kind expands: an alias, a
// dotted acronym, a British spelling, a wildcard.
const std::vector<Kind>& kinds() {
  static const std::vector<Kind> k = {
      {"plain", "frigate", "frigate", "frigate"},
      {"entity_alias", "North Atlantic Treaty Organization", "NATO", "NATO"},
      {"dotted_acronym", "US", "U.S.", "U.S."},
      {"variant", "defense", "defence", "defence"},
      {"wildcard", "shipyards", "shipyar*", "shipyar*"},
      {"cyrillic", "Украины", "Украины", "Украины"},
      {"cjk", "航母", "航母", "航母"},
      {"title_field", "corvette", "title:corvette", ""},
      {"entity_field", "Pete Hegseth", "entity:\"Pete Hegseth\"", ""},
  };
  return k;
}

const std::string filler = "Officials met on Tuesday to review the budget for the coming year and "
                           "agreed that further talks would be needed before any final decision "
                           "could be announced to the press";

class PositionalTable : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ =
        new std::filesystem::path(std::filesystem::temp_directory_path() /
                                  ("newsdex-positional-" + std::to_string(std::random_device{}())));
    std::filesystem::create_directories(*dir_);
    Indexer indexer(db());
    for (const auto& k : kinds()) {
      Article near_article, far_article;
      near_article.id = k.name + "-near";
      far_article.id = k.name + "-far";
      if (k.name == "title_field") {
        near_article.title = "New " + k.written + " pipeline plan";
        far_article.title = k.written + " " + filler + " pipeline";
        near_article.body = far_article.body = "A story about ships.";
      } else {
        near_article.title = far_article.title = "A " + k.name + " story";
        near_article.body =
            "Reports said the " + k.written + " pipeline was finished. " + filler + ".";
        far_article.body =
            "Reports said the " + k.written + " was finished. " + filler + " pipeline.";
      }
      indexer.add(near_article);
      indexer.add(far_article);
    }
    indexer.commit();
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static std::string db() { return (*dir_ / "db").string(); }

  static std::vector<std::string> ids(const std::string& query) {
    Searcher searcher(db());
    SearchRequest r;
    r.query = query;
    r.limit = 50;
    r.summaries = false;
    r.snippets = false;
    std::vector<std::string> out;
    for (const auto& h : searcher.search(r).hits) out.push_back(h.id);
    return out;
  }
  static bool has(const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  }

private:
  static inline std::filesystem::path* dir_ = nullptr;
};

// Both articles of every kind hold both words: the far one is a real negative.
TEST_F(PositionalTable, BothArticlesOfEachKindHoldBothWords) {
  for (const auto& k : kinds()) {
    auto hits = ids("+" + k.queried + " +pipeline");
    EXPECT_TRUE(has(hits, k.name + "-near")) << k.name;
    EXPECT_TRUE(has(hits, k.name + "-far")) << k.name;
  }
}

TEST_F(PositionalTable, NearFindsTheCloseArticleOnly) {
  for (const auto& k : kinds()) {
    for (const std::string& q : {k.queried + " NEAR/3 pipeline", "pipeline NEAR/3 " + k.queried}) {
      auto hits = ids(q);
      EXPECT_TRUE(has(hits, k.name + "-near")) << q;
      EXPECT_FALSE(has(hits, k.name + "-far")) << q;
    }
  }
}

TEST_F(PositionalTable, AdjFindsTheCloseArticleInOrderOnly) {
  for (const auto& k : kinds()) {
    const std::string q = k.queried + " ADJ/3 pipeline";
    auto hits = ids(q);
    EXPECT_TRUE(has(hits, k.name + "-near")) << q;
    EXPECT_FALSE(has(hits, k.name + "-far")) << q;
    // The other order: the word comes before "pipeline" in both articles.
    const std::string reversed = "pipeline ADJ/3 " + k.queried;
    EXPECT_FALSE(has(ids(reversed), k.name + "-near")) << reversed;
  }
}

TEST_F(PositionalTable, PhraseFindsTheAdjacentArticleOnly) {
  for (const auto& k : kinds()) {
    const std::string q = k.name == "title_field" ? "title:\"corvette pipeline\""
                          : k.in_phrase.empty()   ? ""
                                                  : "\"" + k.in_phrase + " pipeline\"";
    if (q.empty()) continue; // entity: names a value, not words of a phrase
    auto hits = ids(q);
    EXPECT_TRUE(has(hits, k.name + "-near")) << q;
    EXPECT_FALSE(has(hits, k.name + "-far")) << q;
  }
}

TEST_F(PositionalTable, NearZeroMeansAdjacent) {
  EXPECT_TRUE(has(ids("frigate NEAR/0 pipeline"), "plain-near"));
  EXPECT_TRUE(has(ids("pipeline NEAR/0 frigate"), "plain-near"));
  EXPECT_TRUE(has(ids("NATO NEAR/0 pipeline"), "entity_alias-near"));
  EXPECT_FALSE(has(ids("frigate NEAR/0 finished"), "plain-near"));
}

TEST_F(PositionalTable, ChainsKeepEveryOperandWithinTheWindow) {
  EXPECT_TRUE(has(ids("Reports NEAR/5 frigate NEAR/5 pipeline"), "plain-near"));
  EXPECT_FALSE(has(ids("Reports NEAR/5 frigate NEAR/5 pipeline"), "plain-far"));
}

TEST_F(PositionalTable, AWildcardThatExpandsToNothingMatchesNothing) {
  EXPECT_TRUE(ids("zzqx* NEAR/3 pipeline").empty());
  EXPECT_TRUE(ids("\"zzqx* pipeline\"").empty());
}

TEST_F(PositionalTable, AHugeWindowIsClampedWithAWarning) {
  Searcher searcher(db());
  SearchRequest r;
  r.query = "frigate NEAR/99999999999999999999 pipeline";
  auto results = searcher.search(r);
  ASSERT_EQ(results.warnings.size(), 1u);
  EXPECT_EQ(results.warnings.front().column, 9u);
  EXPECT_EQ(results.hits.size(), 2u); // both within 1,000 words
  r.strict = true;
  try {
    searcher.search(r);
    FAIL() << "strict mode accepted a window over the limit";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::query_syntax);
    EXPECT_EQ(e.where().column, 9u);
  }
}

TEST_F(PositionalTable, FieldsWithoutPositionsFilterInsteadOfAborting) {
  Searcher searcher(db());
  SearchRequest r;
  r.query = "id:plain-near NEAR/3 pipeline";
  auto results = searcher.search(r);
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(results.hits.front().id, "plain-near");
  ASSERT_FALSE(results.warnings.empty());
  EXPECT_EQ(results.warnings.front().column, 1u);
}

} // namespace
} // namespace newsdex
