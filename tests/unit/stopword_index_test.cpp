// Stopwords are not indexed: no term, no position, but the words around them keep their distance,
// and phrases with function words span them (schema.hpp, docs/QUERY.md).
#include <newsdex/indexer.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <random>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

class StopwordIndexTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("newsdex-stopword-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    Indexer indexer(db());
    add(indexer, "boe", "Bank of England holds rates",
        "The Bank of England kept the rate at four per cent.");
    add(indexer, "apart", "Clearing banks",
        "A bank in Leeds said that the north of England was slowing.");
    add(indexer, "other", "Bank for England",
        "A campaign asks for a bank for England, separate from the Treasury.");
    indexer.commit();
  }
  static void add(Indexer& indexer, std::string id, std::string title, std::string body) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    indexer.add(a);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string db() const { return (dir_ / "db").string(); }
  std::vector<std::string> ids(const std::string& query) const {
    Searcher s(db());
    std::vector<std::string> out;
    SearchRequest r;
    r.query = query;
    for (const auto& h : s.search(r).hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path dir_;
};

TEST_F(StopwordIndexTest, StopwordsHaveNoTermsButKeepTheirPositions) {
  Xapian::Database x(db());
  EXPECT_EQ(x.get_termfreq("of"), 0u);
  EXPECT_EQ(x.get_termfreq("the"), 0u);
  EXPECT_EQ(x.get_termfreq("Sof"), 0u);
  EXPECT_EQ(x.get_termfreq("bank"), 3u);
  // "Bank of England": bank and england two positions apart, as in the text.
  Xapian::Document d = x.get_document(*x.postlist_begin("Qboe"));
  std::vector<Xapian::termpos> bank, england;
  for (auto p = x.positionlist_begin(d.get_docid(), "bank");
       p != x.positionlist_end(d.get_docid(), "bank"); ++p)
    bank.push_back(*p);
  for (auto p = x.positionlist_begin(d.get_docid(), "england");
       p != x.positionlist_end(d.get_docid(), "england"); ++p)
    england.push_back(*p);
  ASSERT_EQ(bank.size(), 2u);
  ASSERT_EQ(england.size(), 2u);
  EXPECT_EQ(england[0] - bank[0], 2u);
  EXPECT_EQ(england[1] - bank[1], 2u);
}

TEST_F(StopwordIndexTest, PhrasesSpanTheirStopwords) {
  // Words far apart do not match; the same width with another function word does (the
  // documented price of not indexing stopwords).
  EXPECT_EQ(ids("\"bank of england\""), (std::vector<std::string>{"boe", "other"}));
  EXPECT_EQ(ids("title:\"bank of england\""), (std::vector<std::string>{"boe", "other"}));
  EXPECT_EQ(ids("\"bank england\""), std::vector<std::string>{});
  EXPECT_EQ(ids("\"kept the rate\""), std::vector<std::string>{"boe"});
  EXPECT_EQ(ids("\"kept rate\""), std::vector<std::string>{});
}

TEST_F(StopwordIndexTest, AStopwordOnlyPhraseFindsNothingWithoutError) {
  Searcher s(db());
  SearchRequest request;
  request.query = "\"of the\"";
  SearchResults r = s.search(request);
  EXPECT_TRUE(r.hits.empty());
  EXPECT_EQ(ids("\"of the\" rates"), std::vector<std::string>{"boe"});
}

} // namespace
} // namespace newsdex
