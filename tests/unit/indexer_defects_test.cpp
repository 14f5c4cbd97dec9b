// The indexing defects of the robustness issue (#15), one regression test (or a few) each: how an
// Indexer ends (close, the destructor's last-resort commit), errors that must arrive as
// newsdex::Error, the pipeline's cancellation and arena, delete by query, and commands that must
// never create a collection.
#include <newsdex/newsdex.hpp>

#include "unit/make_article.hpp"

#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using test::make_article;

class IndexerDefects : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("newsdex-indexer-defects-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    set_log_sink({});
    fs::remove_all(dir_);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // A collection of `n` articles; every third is about a budget, every fifth about NATO.
  std::string small_collection(int n = 30) {
    const std::string db = path("db");
    Indexer indexer(db);
    for (int i = 0; i < n; ++i) {
      std::string body = "Harbour report number " + std::to_string(i) + ".";
      if (i % 3 == 0) body += " The budget was agreed.";
      if (i % 5 == 0) body += " NATO ministers met.";
      if (i % 7 == 0) body += " A sport story.";
      // Appended, not `"a" + std::to_string(i)`: g++ 12's -Wrestrict false positive at -O3.
      std::string id = "a", title = "Report ";
      id += std::to_string(i);
      title += std::to_string(i);
      indexer.add(make_article(id, title, body));
    }
    indexer.close();
    return db;
  }

  // `n` JSON Lines articles in one file, for index().
  std::string jsonl(int n) {
    const std::string file = path("in.jsonl");
    std::ofstream out(file);
    for (int i = 0; i < n; ++i)
      out << R"({"id": "j)" << i << R"(", "title": "Ferry timetable )" << i
          << R"(", "body": "The ferry sailed at )" << i << R"( past the harbour wall."})" << '\n';
    return file;
  }

  fs::path dir_;
};

std::uint64_t documents_in(const std::string& db) {
  return Searcher(db).stats().documents;
}

// --- Ending an Indexer -------------------------------------------------------------------------

TEST_F(IndexerDefects, CloseCommitsReleasesTheLockAndRefusesLaterCalls) {
  const std::string db = path("db");
  Indexer indexer(db);
  indexer.add(make_article("x1", "Ferry", "The ferry sailed."));
  indexer.close();
  EXPECT_EQ(documents_in(db), 1u);
  // The lock is released: another writer opens while this object still exists.
  EXPECT_NO_THROW(Indexer(db).close());
  try {
    indexer.add(make_article("x2", "Ferry", "Another ferry."));
    FAIL() << "add after close";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::usage);
  }
  EXPECT_NO_THROW(indexer.close()); // twice is harmless
}

TEST_F(IndexerDefects, CloseThrowsWhenTheFinalCommitFails) {
  const std::string db = path("db");
  Indexer indexer(db);
  indexer.add(make_article("x1", "Ferry", "The ferry sailed."));
  indexer.commit();
  indexer.add(make_article("x2", "Ferry", "Another ferry sailed."));
  // The shards' directory goes: the commit cannot write its new revision.
  fs::remove_all(db + ".d");
  EXPECT_THROW(indexer.close(), Error);
}

TEST_F(IndexerDefects, TheDestructorsFailedCommitIsLoggedAtErrorLevel) {
  std::mutex mutex;
  std::vector<std::string> errors;
  set_log_sink([&](LogLevel level, std::string_view message) {
    std::lock_guard lock(mutex);
    if (level == LogLevel::error) errors.emplace_back(message);
  });
  const std::string db = path("db");
  {
    Indexer indexer(db);
    indexer.add(make_article("x1", "Ferry", "The ferry sailed."));
    indexer.commit();
    indexer.add(make_article("x2", "Ferry", "Another ferry sailed."));
    fs::remove_all(db + ".d");
  } // no close(): the destructor commits, fails, and must say so
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("final commit failed"), std::string::npos) << errors[0];
}

TEST_F(IndexerDefects, TheDestructorStillCommitsWhatWasNotCommitted) {
  const std::string db = path("db");
  {
    Indexer indexer(db);
    indexer.add(make_article("x1", "Ferry", "The ferry sailed."));
  }
  EXPECT_EQ(documents_in(db), 1u);
}

// Assigning over an Indexer is the end of the one replaced: it commits as the destructor would
// and lets go of its write lock (the defaulted assignment dropped both: the collection was never
// published).
TEST_F(IndexerDefects, AssigningOverAnIndexerCommitsAndUnlocksTheReplacedCollection) {
  const std::string first = path("first"), second = path("second");
  Indexer indexer(first);
  indexer.add(make_article("x1", "Ferry", "The ferry sailed."));
  indexer = Indexer(second);
  EXPECT_EQ(documents_in(first), 1u);
  Indexer again(first); // the write lock was released
  EXPECT_TRUE(again.contains("x1"));
  indexer.add(make_article("y1", "Harbour", "The harbour reopened."));
  indexer.close();
  EXPECT_EQ(documents_in(second), 1u);
}

TEST_F(IndexerDefects, AMovedFromIndexerRefusesCallsInsteadOfCrashing) {
  Indexer indexer(path("db"));
  Indexer taken(std::move(indexer));
  try {
    indexer.add(
        make_article("x1", "Ferry", "The ferry sailed.")); // NOLINT(bugprone-use-after-move)
    FAIL() << "a moved-from Indexer accepted an article";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::usage) << e.what();
  }
  EXPECT_THROW((void)indexer.contains("x1"), Error);
  EXPECT_NO_THROW(indexer.close());
  taken.close();
}

// --- Only newsdex::Error leaves the Indexer ----------------------------------------------------

TEST_F(IndexerDefects, AFileSystemFailureIsAnIoError) {
  std::ofstream(path("plain-file")) << "not a directory\n";
  // The collection would live under a regular file: std::filesystem throws its own error inside.
  try {
    Indexer indexer(path("plain-file/db"));
    FAIL() << "opened a collection under a regular file";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::io) << e.what();
  }
}

TEST_F(IndexerDefects, AShardRemovedUnderTheWriterIsADatabaseErrorForEveryCall) {
  const std::string db = small_collection(6);
  Indexer indexer(db);
  fs::remove_all(db + ".d");
  for (auto call : std::vector<std::function<void()>>{
           [&] { indexer.add(make_article("n1", "Ferry", "A new ferry.")), indexer.commit(); },
           [&] { (void)indexer.disk_size(); },
           [&] { indexer.compact(); },
       }) {
    try {
      call();
    } catch (const Error&) {
      continue; // the one type the header promises
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not a newsdex::Error: " << e.what();
    }
  }
}

// --- The index pipeline --------------------------------------------------------------------------

struct Cancelled {};

// A job cancelled by an exception from the progress callback: the caller gets its own exception
// back, and the items in flight are freed (the sanitizer job runs LeakSanitizer over this test;
// with raw pointers between the stages they leaked).
TEST_F(IndexerDefects, ACancelledIndexRethrowsTheCallersExceptionAndLeaksNothing) {
  const std::string input = jsonl(3000);
  const std::string db = small_collection(3); // a run into an existing collection
  IndexOptions options;
  options.threads = 2;
  options.progress_interval_ms = 0;
  int calls = 0;
  options.progress = [&](const IndexProgress&) {
    if (++calls == 20) throw Cancelled{};
  };
  {
    Indexer indexer(db, options);
    EXPECT_THROW(indexer.index({input}), Cancelled);
    indexer.close();
  }
  // What reached the writers is committed, and the collection still opens.
  const std::uint64_t n = documents_in(db);
  EXPECT_GE(n, 3u);
  EXPECT_LT(n, 3003u);
}

TEST_F(IndexerDefects, ACancelledFreshBuildPublishesNothing) {
  const std::string input = jsonl(2000);
  IndexOptions options;
  options.progress_interval_ms = 0;
  int calls = 0;
  options.progress = [&](const IndexProgress&) {
    if (++calls == 10) throw Cancelled{};
  };
  {
    Indexer indexer(path("fresh"), options);
    EXPECT_THROW(indexer.index({input}), Cancelled);
  }
  EXPECT_FALSE(fs::exists(path("fresh")));
}

TEST_F(IndexerDefects, AStoppedIndexCommitsWhatItReadAndLeaksNothing) {
  const std::string input = jsonl(3000);
  const std::string db = small_collection(3);
  std::atomic<bool> stop{false};
  IndexOptions options;
  options.stop = &stop;
  options.progress_interval_ms = 0;
  options.progress = [&](const IndexProgress& p) {
    if (p.articles >= 50) stop = true;
  };
  IndexSummary s;
  {
    Indexer indexer(db, options);
    s = indexer.index({input});
    indexer.close();
  }
  EXPECT_TRUE(s.interrupted);
  EXPECT_LT(s.read, 3000u);
  EXPECT_EQ(documents_in(db), 3u + s.indexed);
}

// tbb::global_control capped TBB for the whole process while index() ran; a task_arena limits
// the pipeline alone. Read from the progress callback (inside the run) and from another thread.
TEST_F(IndexerDefects, IndexLeavesTheHostProcessTbbParallelismAlone) {
  const auto limit = tbb::global_control::max_allowed_parallelism;
  const std::size_t before = tbb::global_control::active_value(limit);
  const int host_arena = tbb::this_task_arena::max_concurrency();
  std::size_t during = 0;
  int other_thread_arena = 0;
  IndexOptions options;
  options.threads = 1;
  options.progress_interval_ms = 0;
  options.progress = [&](const IndexProgress&) {
    if (during) return;
    during = tbb::global_control::active_value(limit);
    std::thread([&] { other_thread_arena = tbb::this_task_arena::max_concurrency(); }).join();
  };
  Indexer indexer(path("db"), options);
  indexer.index({jsonl(50)});
  indexer.close();
  EXPECT_EQ(during, before);
  EXPECT_EQ(other_thread_arena, host_arena);
}

// The pipeline reports the bytes it read, counted by the read stage alone.
TEST_F(IndexerDefects, ProgressBytesGrowToTheSizeOfTheInput) {
  const std::string input = jsonl(500);
  std::vector<std::uint64_t> bytes;
  IndexOptions options;
  options.progress_interval_ms = 0;
  options.progress = [&](const IndexProgress& p) { bytes.push_back(p.bytes); };
  Indexer indexer(path("db"), options);
  IndexSummary s = indexer.index({input});
  indexer.close();
  ASSERT_FALSE(bytes.empty());
  EXPECT_TRUE(std::is_sorted(bytes.begin(), bytes.end()));
  EXPECT_EQ(s.bytes, fs::file_size(input));
}

// The writers' counts trail the articles read (queued articles are read, not yet written), and the
// last report counts every article: written in a fresh build, found unchanged when the same input
// is indexed again. (bench-index measures the rate of indexing from these counts.)
TEST_F(IndexerDefects, ProgressCountsWhatTheWritersDidBehindWhatWasRead) {
  const std::string input = jsonl(600);
  std::vector<IndexProgress> reports;
  IndexOptions options;
  options.progress_interval_ms = 0;
  options.progress = [&](const IndexProgress& p) { reports.push_back(p); };
  auto last_before_merge = [&] {
    for (auto it = reports.rbegin(); it != reports.rend(); ++it)
      if (!it->merging) return *it;
    return IndexProgress{};
  };
  {
    Indexer indexer(path("db"), options);
    IndexSummary s = indexer.index({input});
    ASSERT_EQ(s.indexed, 600u);
  }
  ASSERT_FALSE(reports.empty());
  for (const auto& p : reports) EXPECT_LE(p.indexed + p.unchanged, p.articles);
  EXPECT_EQ(last_before_merge().indexed, 600u);
  EXPECT_EQ(last_before_merge().unchanged, 0u);

  reports.clear();
  {
    Indexer indexer(path("db"), options);
    IndexSummary s = indexer.index({input});
    ASSERT_EQ(s.unchanged, 600u);
  }
  for (const auto& p : reports) EXPECT_LE(p.indexed + p.unchanged, p.articles);
  EXPECT_EQ(last_before_merge().indexed, 0u);
  EXPECT_EQ(last_before_merge().unchanged, 600u);
}

// --- add() keeps one analyzer set ---------------------------------------------------------------

// add() reuses its analyzers between calls; a reindex with new settings must replace them, or
// later articles would be analyzed with the old settings.
TEST_F(IndexerDefects, AddAnalyzesWithTheSettingsOfTheLatestReindex) {
  const std::string db = small_collection(3);
  Indexer indexer(db);
  indexer.add(make_article("s1", "Sailing", "The boats were sailing."));
  AnalyzerOptions unstemmed;
  unstemmed.stem = false;
  indexer.reindex(unstemmed);
  indexer.add(make_article("s2", "Rowing", "The crews were rowing."));
  indexer.close();
  Searcher searcher(db);
  SearchRequest exact{.query = "rowing"};
  EXPECT_EQ(searcher.search(exact).hits.size(), 1u);
  SearchRequest stem{.query = "row"};
  EXPECT_EQ(searcher.search(stem).hits.size(), 0u); // "rowing" was not stemmed to "row"
}

// --- Delete by query ----------------------------------------------------------------------------

TEST_F(IndexerDefects, DeleteByQueryRequiresEveryWord) {
  const std::string db = small_collection(30);
  Indexer indexer(db);
  // Both words: i % 15 == 0 -> a0, a15 (a search would match either, 14 articles).
  EXPECT_EQ(indexer.remove_matching("nato budget"), 2u);
  EXPECT_FALSE(indexer.contains("a0"));
  EXPECT_FALSE(indexer.contains("a15"));
  EXPECT_TRUE(indexer.contains("a3"));
  EXPECT_TRUE(indexer.contains("a5"));
  EXPECT_EQ(indexer.size(), 28u);
}

TEST_F(IndexerDefects, DeleteByQueryRefusesAQueryWithNothingPositive) {
  const std::string db = small_collection(30);
  Indexer indexer(db);
  for (const char* q : {"-sport", "NOT sport", "budget OR -sport", "(-sport) OR nato"}) {
    try {
      indexer.remove_matching(q);
      ADD_FAILURE() << "accepted " << q;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), Error::Code::usage) << q;
      EXPECT_NE(e.message().find("nothing positive"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(indexer.size(), 30u);
  // A positive part narrowed by an exclusion is fine: budget articles without sport.
  EXPECT_EQ(indexer.remove_matching("budget -sport"), 8u); // 0,3,...,27 minus 0 and 21
  EXPECT_EQ(indexer.size(), 22u);
}

TEST_F(IndexerDefects, IdsMatchingListsWhatWouldGoAndChangesNothing) {
  const std::string db = small_collection(30);
  Indexer indexer(db);
  std::vector<std::string> ids = indexer.ids_matching("nato budget");
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"a0", "a15"}));
  EXPECT_EQ(indexer.size(), 30u);
  EXPECT_THROW(indexer.ids_matching("-sport"), Error);
  indexer.close();
  EXPECT_EQ(documents_in(db), 30u);
}

// --- Commands that change an existing collection never create one -------------------------------

TEST_F(IndexerDefects, OpeningWithoutCreateNeverCreatesACollection) {
  IndexOptions options;
  options.create = false;
  try {
    Indexer indexer(path("typo"), options);
    FAIL() << "opened a missing collection";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::database_missing);
    EXPECT_NE(e.message().find("no collection at"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(path("typo")));
  EXPECT_FALSE(fs::exists(path("typo.d")));
}

TEST_F(IndexerDefects, CompactOrDeleteOnANewEmptyCollectionLeavesNothing) {
  for (int which = 0; which < 3; ++which) {
    const std::string db = path("typo" + std::to_string(which));
    {
      Indexer indexer(db);
      try {
        if (which == 0) indexer.compact();
        if (which == 1) indexer.remove_matching("nato");
        if (which == 2) (void)indexer.ids_matching("nato");
        ADD_FAILURE() << "call " << which << " on a collection that was never there";
      } catch (const Error& e) {
        EXPECT_EQ(e.code(), Error::Code::database_missing) << which;
      }
    } // the destructor must not publish the empty collection either
    EXPECT_FALSE(fs::exists(db)) << which;
    EXPECT_FALSE(fs::exists(db + ".d")) << which;
  }
}

} // namespace
} // namespace newsdex
