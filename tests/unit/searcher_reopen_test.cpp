// A long-lived Searcher follows its collection (issue 15): after `compact` publishes a new
// generation (and a second compaction deletes the one it had open) the same Searcher object
// finds what was added and never fails. And every member function fails with a newsdex::Error
// only: a missing or removed collection, a damaged stub, bad request values, a moved-from object.
#include "unit/make_article.hpp"

#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

class SearcherReopen : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("newsdex-reopen-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string db() const { return (dir_ / "db").string(); }

  // Adds `n` articles "<word>-<i>" whose body has `word`, and commits.
  void add(const std::string& word, int n) {
    Indexer indexer(db());
    for (int i = 0; i < n; ++i) {
      const std::string id = word + "-" + std::to_string(i);
      indexer.add(test::make_article(id, "About " + word, "A report on the " + word + "."));
    }
    indexer.close();
  }
  void compact() {
    Indexer indexer(db());
    indexer.compact();
    indexer.close();
  }

  static std::size_t hits(Searcher& s, const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.limit = 100;
    return s.search(r).hits.size();
  }

private:
  fs::path dir_;
};

TEST_F(SearcherReopen, FollowsEveryCompaction) {
  add("frigate", 5);
  Searcher searcher(db());
  ASSERT_EQ(hits(searcher, "frigate"), 5u);

  add("corvette", 3);
  compact(); // a new generation; the searcher's is kept until the next swap
  EXPECT_EQ(hits(searcher, "corvette"), 3u);
  add("destroyer", 2);
  compact(); // the generation the searcher first opened is deleted now
  compact();
  EXPECT_EQ(hits(searcher, "destroyer"), 2u);
  EXPECT_EQ(hits(searcher, "frigate"), 5u);
  EXPECT_EQ(searcher.stats().documents, 10u);
  EXPECT_TRUE(searcher.article("destroyer-1").has_value());
  int streamed = 0;
  searcher.for_each(SearchRequest{.query = "corvette"}, [&](const Hit&) { return ++streamed > 0; });
  EXPECT_EQ(streamed, 3);
  EXPECT_EQ(searcher.similar("frigate-0").hits.size(), 4u);
}

TEST_F(SearcherReopen, CommitsIntoTheSameGenerationAreSeen) {
  add("frigate", 2);
  Searcher searcher(db());
  ASSERT_EQ(hits(searcher, "frigate"), 2u);
  add("corvette", 2);
  add("destroyer", 2); // two commits since the searcher opened: Xapian's reopen path
  EXPECT_EQ(hits(searcher, "destroyer"), 2u);
}

// The code of the newsdex::Error `f` throws; `internal` with a failure when it throws another
// exception or none.
Error::Code code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not a newsdex::Error: " << e.what();
    return Error::Code::internal;
  }
  ADD_FAILURE() << "no exception";
  return Error::Code::internal;
}

TEST_F(SearcherReopen, EveryMemberFailsWithANewsdexError) {
  EXPECT_EQ(code_of([&] { Searcher s(db()); }), Error::Code::database_missing);

  add("frigate", 3);
  Searcher searcher(db());
  const auto each = [&] {
    searcher.for_each(SearchRequest{.query = "frigate"}, [](const Hit&) { return true; });
  };
  // Bad request values.
  EXPECT_EQ(code_of([&] { searcher.search(SearchRequest{.query = "x", .k1 = -1}); }),
            Error::Code::usage);
  EXPECT_EQ(code_of([&] { searcher.search(SearchRequest{.query = "x", .limit = 200000}); }),
            Error::Code::usage);
  EXPECT_EQ(code_of([&] { searcher.similar("no-such-id"); }), Error::Code::usage);
  EXPECT_EQ(code_of([&] {
              searcher.for_each(SearchRequest{.query = "x", .collapse = true},
                                [](const Hit&) { return true; });
            }),
            Error::Code::usage);

  // A damaged stub: every member says so.
  const std::string stub = db();
  std::string saved;
  {
    std::ifstream in(stub);
    saved.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::ofstream(stub) << "garbage line\n";
  EXPECT_EQ(code_of([&] { hits(searcher, "frigate"); }), Error::Code::database_corrupt);
  EXPECT_EQ(code_of([&] { searcher.stats(); }), Error::Code::database_corrupt);
  std::ofstream(stub) << ""; // an empty stub: Xapian opens it as an empty, unusable database
  EXPECT_EQ(code_of([&] { hits(searcher, "frigate"); }), Error::Code::database_corrupt);
  EXPECT_EQ(code_of([&] { Searcher fresh(stub); }), Error::Code::database_corrupt);
  std::ofstream(stub) << saved;
  EXPECT_EQ(hits(searcher, "frigate"), 3u); // repaired: served again

  // The collection removed under a searcher: database_missing from every member, never a
  // filesystem_error or a Xapian exception.
  fs::remove_all(stub);
  fs::remove_all(stub + ".d");
  EXPECT_EQ(code_of([&] { hits(searcher, "frigate"); }), Error::Code::database_missing);
  EXPECT_EQ(code_of([&] { searcher.similar("frigate-0"); }), Error::Code::database_missing);
  EXPECT_EQ(code_of([&] { searcher.stats(); }), Error::Code::database_missing);
  EXPECT_EQ(code_of([&] { searcher.article("frigate-0"); }), Error::Code::database_missing);
  EXPECT_EQ(code_of(each), Error::Code::database_missing);

  // A moved-from searcher.
  Searcher other(std::move(searcher));
  EXPECT_EQ(code_of([&] { hits(searcher, "frigate"); }), Error::Code::usage);
  EXPECT_EQ(code_of([&] { searcher.stats(); }), Error::Code::usage);
}

} // namespace
} // namespace newsdex
