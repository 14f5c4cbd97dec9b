// What newsdex expands a wildcard to (query/wildcard_terms.hpp): the most frequent terms first,
// ties alphabetical, never more than asked for.
#include "query/wildcard_terms.hpp"

#include <gtest/gtest.h>

namespace newsdex::detail {
namespace {

Xapian::WritableDatabase
database_with(const std::vector<std::pair<std::string, int>>& terms_and_documents) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const auto& [term, documents] : terms_and_documents)
    for (int i = 0; i < documents; ++i) {
      Xapian::Document doc;
      doc.add_term(term);
      db.add_document(doc);
    }
  return db;
}

TEST(WildcardTerms, TheMostFrequentComeFirstAndTiesAlphabetically) {
  auto db = database_with(
      {{"shipyard", 3}, {"shipyards", 5}, {"shipwreck", 3}, {"ships", 1}, {"shop", 9}});
  EXPECT_EQ(most_frequent_terms(db, "ship", 10),
            (std::vector<std::string>{"shipyards", "shipwreck", "shipyard", "ships"}));
  EXPECT_EQ(most_frequent_terms(db, "ship", 2),
            (std::vector<std::string>{"shipyards", "shipwreck"}))
      << "of the two terms in 3 articles, the alphabetically first is kept";
}

TEST(WildcardTerms, NothingStartedOrNothingAskedForIsEmpty) {
  auto db = database_with({{"shipyard", 2}});
  EXPECT_TRUE(most_frequent_terms(db, "dock", 10).empty());
  EXPECT_TRUE(most_frequent_terms(db, "ship", 0).empty());
}

} // namespace
} // namespace newsdex::detail
