// Pseudo-relevance feedback (search --expand) on the project's sample articles
// (tests/fixtures/ARTICLES.md lists the properties relied on here).
#include "search/expansion.hpp"
#include "storage/collection.hpp"

#include <newsdex/indexer.hpp>
#include <newsdex/searcher.hpp>

#include "sample_collection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

class ExpansionTest : public test::SampleCollection {
protected:
  // Rank (0-based) of the hit whose id contains `needle`, or -1.
  static int rank_of(const SearchResults& r, const std::string& needle) {
    for (std::size_t i = 0; i < r.hits.size(); ++i)
      if (r.hits[i].id.find(needle) != std::string::npos) return static_cast<int>(i);
    return -1;
  }
  static std::set<std::string> terms_of(const Xapian::Query& q) {
    return {q.get_unique_terms_begin(), q.get_unique_terms_end()};
  }
};

TEST_F(ExpansionTest, FindsATopicalArticleThePlainQueryMisses) {
  // Both trade-tariff articles are about the same thing, but only 012 names steel importers.
  Searcher s(db());
  SearchRequest plain{.query = "steel importers"};
  SearchRequest expanded = plain;
  expanded.expand = true;
  auto before = s.search(plain);
  auto after = s.search(expanded);
  ASSERT_FALSE(before.hits.empty());
  ASSERT_FALSE(after.hits.empty());
  EXPECT_NE(before.hits[0].id.find("steel-tariffs"), std::string::npos);
  EXPECT_NE(after.hits[0].id.find("steel-tariffs"), std::string::npos) << "feedback keeps the best";
  EXPECT_EQ(rank_of(before, "tariff-countermeasures"), -1);
  const int found = rank_of(after, "tariff-countermeasures");
  ASSERT_GE(found, 0) << "the expansion reaches the other tariff article";
  // It comes first among the articles that none of the query's words reached.
  for (int i = 0; i < found; ++i)
    EXPECT_GE(rank_of(before, after.hits[static_cast<std::size_t>(i)].id), 0)
        << after.hits[static_cast<std::size_t>(i)].id << " outranks it with feedback terms only";
}

TEST_F(ExpansionTest, AddsOnlyNewTextTermsUpToTheLimit) {
  Xapian::Database database = detail::open_collection(db());
  Xapian::Enquire enquire(database);
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.8, 0, 1, 0.5, 0.5));
  const Xapian::Query query(Xapian::Query::OP_OR, Xapian::Query("steel"), Xapian::Query("import"));
  detail::ExpansionSettings settings;
  settings.terms = 12;
  const auto original = terms_of(query);
  for (const auto& t : original) ASSERT_TRUE(database.term_exists(t)) << "stem changed: " << t;
  const auto expanded = terms_of(detail::expand_query(query, database, enquire, settings));
  for (const auto& t : original) EXPECT_TRUE(expanded.contains(t)) << t;
  EXPECT_EQ(expanded.size(), original.size() + settings.terms);
  for (const auto& t : expanded) {
    ASSERT_FALSE(t.empty());
    EXPECT_FALSE(t[0] >= 'A' && t[0] <= 'Z') << "prefixed term " << t;
  }
  EXPECT_TRUE(expanded.contains("tariff")) << "the feedback article's theme";
}

TEST_F(ExpansionTest, LeavesTheQueryAloneWhenThereIsNothingToLearnFrom) {
  Xapian::Database database = detail::open_collection(db());
  Xapian::Enquire enquire(database);
  const Xapian::Query nothing("zzyzx");
  detail::ExpansionSettings settings;
  EXPECT_EQ(detail::expand_query(nothing, database, enquire, settings).get_description(),
            nothing.get_description());
  const Xapian::Query steel("steel");
  settings.weight = 0;
  EXPECT_EQ(detail::expand_query(steel, database, enquire, settings).get_description(),
            steel.get_description());
}

TEST(ExpansionShare, ShrinksAsTheQueryGrows) {
  const double w = detail::ExpansionSettings{}.weight;
  EXPECT_DOUBLE_EQ(detail::expansion_share(w, detail::pivot_query_terms), w);
  double previous = 1;
  for (std::size_t n = 1; n <= 80; ++n) {
    const double share = detail::expansion_share(w, n);
    EXPECT_GT(share, 0);
    EXPECT_LT(share, 1);
    EXPECT_LT(share, previous) << n << " terms";
    previous = share;
  }
  // A one-word query leans on the feedback more than a ten-word one, a 40-word one less.
  EXPECT_GT(detail::expansion_share(w, 1), w);
  EXPECT_LT(detail::expansion_share(w, 40), w);
  // The expansion-to-query odds halve when the query is four times as long.
  auto odds = [&](std::size_t n) {
    const double s = detail::expansion_share(w, n);
    return s / (1 - s);
  };
  EXPECT_NEAR(odds(40) / odds(10), 0.5, 1e-12);
  EXPECT_EQ(detail::expansion_share(w, 0), 0);
  EXPECT_EQ(detail::expansion_share(0, 5), 0);
  EXPECT_EQ(detail::expansion_share(1, 5), 1);
}

TEST(ExpansionShare, RequestDefaultsMatchTheTunedSettings) {
  const SearchRequest request;
  const detail::ExpansionSettings settings;
  EXPECT_EQ(request.expand_documents, settings.documents);
  EXPECT_EQ(request.expand_terms, settings.terms);
  EXPECT_DOUBLE_EQ(request.expand_weight, settings.weight);
  EXPECT_FALSE(request.expand);
}

} // namespace
} // namespace newsdex
