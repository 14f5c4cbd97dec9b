// The search features through the library API (Searcher), on the project's sample articles.
#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/searcher.hpp>

#include "sample_collection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

const std::string k001 = "https://example.org/harbour-post/2025/06/24/nato-hague-spending";
const std::string k002 = "https://example.org/defense-daily-wire/2025/02/hegseth-contact-group";

class SearcherTest : public test::SampleCollection {
protected:
  static std::vector<std::string> ids(const SearchResults& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
  }
};

TEST_F(SearcherTest, RanksAndFillsHits) {
  Searcher s(db());
  SearchRequest r{.query = "Hague summit"};
  auto res = s.search(r);
  ASSERT_FALSE(res.hits.empty());
  const Hit& h = res.hits[0];
  EXPECT_EQ(h.id, k001);
  EXPECT_EQ(h.rank, 1u);
  EXPECT_EQ(h.url, k001);
  EXPECT_EQ(h.date, "2025-06-24");
  EXPECT_EQ(h.source, "Harbour Post");
  EXPECT_FALSE(h.highlights.empty());
  EXPECT_GT(res.total_estimate, 0u);
}

TEST_F(SearcherTest, FacetsSortAndSuggestion) {
  Searcher s(db());
  SearchRequest r{.query = "date:2024.."};
  r.facets = {FacetKind::year, FacetKind::source};
  r.sort = SortOrder::date_desc;
  auto res = s.search(r);
  ASSERT_EQ(res.hits.size(), 5u);
  EXPECT_EQ(res.hits[0].id, k001);
  ASSERT_EQ(res.facets.size(), 2u);
  EXPECT_EQ(res.facets[0].kind, FacetKind::year);
  EXPECT_EQ(res.facets[0].values, (std::vector<FacetValue>{{"2025", 3}, {"2024", 2}}));
  EXPECT_EQ(res.facets[1].values.size(), 5u);

  auto misspelt = s.search(SearchRequest{.query = "Ukrane"});
  EXPECT_TRUE(misspelt.hits.empty());
  EXPECT_EQ(misspelt.suggestion, "Ukraine");
  SearchRequest quiet{.query = "Ukrane"};
  quiet.suggest = false;
  EXPECT_TRUE(s.search(quiet).suggestion.empty());
}

TEST_F(SearcherTest, StrictAndExplain) {
  Searcher s(db());
  SearchRequest r{.query = "NATO (Russia"};
  EXPECT_EQ(s.search(r).warnings.size(), 1u);
  r.strict = true;
  EXPECT_THROW(s.search(r), Error);
  SearchRequest e{.query = "title:frigate"};
  e.explain = true;
  auto res = s.search(e);
  EXPECT_EQ(res.explanation.tree, "Sfrigat\n");
  ASSERT_EQ(res.explanation.words.size(), 1u);
  EXPECT_EQ(res.explanation.words[0].field, "title");
  SearchRequest bad{.query = "NATO"};
  bad.k1 = -1;
  EXPECT_THROW(s.search(bad), Error);
}

TEST_F(SearcherTest, RecencyBoostIsBoundedByTheWeight) {
  Searcher s(db());
  SearchRequest plain{.query = "NATO"};
  plain.limit = 50;
  SearchRequest boosted = plain;
  boosted.recency_half_life_days = 30;
  boosted.recency_weight = 0.5;
  auto a = s.search(plain), b = s.search(boosted);
  double top = a.hits[0].score;
  for (const auto& h : b.hits) {
    auto it =
        std::find_if(a.hits.begin(), a.hits.end(), [&](const Hit& x) { return x.id == h.id; });
    ASSERT_NE(it, a.hits.end());
    EXPECT_GE(h.score, it->score - 1e-9);
    EXPECT_LE(h.score, it->score + 0.5 * top + 1e-9);
  }
}

TEST_F(SearcherTest, SimilarExcludesTheArticle) {
  Searcher s(db());
  auto res = s.similar(k002);
  ASSERT_FALSE(res.hits.empty());
  for (const auto& h : res.hits) EXPECT_NE(h.id, k002);
  EXPECT_FALSE(res.query.empty());
  EXPECT_THROW(s.similar("missing"), Error);
  ASSERT_TRUE(s.article(k002).has_value());
  EXPECT_EQ(s.article(k002)->date, "2025-02-13");
}

TEST(FacetKind, Names) {
  for (auto k : {FacetKind::source, FacetKind::year, FacetKind::month, FacetKind::entity})
    EXPECT_EQ(facet_kind_from_string(to_string(k)), k);
  EXPECT_FALSE(facet_kind_from_string("colour"));
}

} // namespace
} // namespace newsdex
