// Entity terms carry the article's mentions as wdf (issue 17): BM25 can then rank the articles
// about an entity above those that name it once. A headline mention counts as a headline word.
#include "entities/recognizer.hpp"
#include "index/document_builder.hpp"
#include "make_article.hpp"

#include <newsdex/schema.hpp>

#include <gtest/gtest.h>

#include <string>

namespace newsdex::detail {
namespace {

Xapian::termcount entity_wdf(const Article& a, const std::string& lowered) {
  AnalyzerSet analyzers(Analyzer{}, entity_tables({}));
  const Xapian::Document doc = build_document(a, analyzers).document;
  const std::string term = schema::bounded_term(schema::entity_prefix, lowered);
  auto t = doc.termlist_begin();
  t.skip_to(term);
  if (t == doc.termlist_end() || *t != term) return 0;
  return t.get_wdf();
}

TEST(EntityRankWdf, MentionsAreCountedAndAHeadlineMentionCountsAsAHeadlineWord) {
  const auto once =
      test::make_article("a", "Freight rates climb", "Rates rose, a United Nations agency said.");
  const auto often = test::make_article("b", "Freight rates climb",
                                        "The United Nations said so. The UN agency and a U.N. "
                                        "official agreed.");
  const auto headline =
      test::make_article("c", "UN agency warns on freight", "The United Nations said so.");
  EXPECT_EQ(entity_wdf(once, "united nations"), 1u);
  EXPECT_EQ(entity_wdf(often, "united nations"), 3u);
  // Two mentions, one of them in the headline: 2 + (title_wdf - 1).
  EXPECT_EQ(entity_wdf(headline, "united nations"), 2u + title_wdf - 1);
}

} // namespace
} // namespace newsdex::detail
