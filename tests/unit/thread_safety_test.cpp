// The thread-safety promises of the public headers, exercised with plain std::threads so that
// ThreadSanitizer (scripts/test.sh --tsan) sees every synchronisation: Analyzers built at once in
// several threads (the shared table caches), entity recognition in parallel, one Searcher per
// thread over a collection a writer keeps committing to, and the log sink called from many
// threads. The index pipeline's own threads run on TBB, whose hand-offs TSan cannot see in
// Debian's uninstrumented libtbb: docs/RELIABILITY.md, "Concurrency", says what covers it instead.
#include <newsdex/analyzer.hpp>
#include <newsdex/entities.hpp>
#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/log.hpp>
#include <newsdex/searcher.hpp>

#include "common/log.hpp"
#include "temp_folder.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace newsdex {
namespace {

constexpr int threads = 4;

const std::string article_text =
    "NATO defence ministers met in Brussels on Thursday. Pete Hegseth told allies in Europe that "
    "the 5% of GDP target for defense spending was the floor, not the ceiling, and Ukraine's "
    "minister asked for more air defence before the winter.";

std::vector<std::string> terms_of(Analyzer& analyzer) {
  std::vector<std::string> out;
  analyzer.analyze(article_text, [&](const Token& t) { out.emplace_back(t.term); });
  return out;
}

// Runs `job(i)` in `threads` threads started together; rethrows nothing, counts failures.
template <class F> int run_together(F job) {
  std::atomic<int> failures{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i)
    pool.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      try {
        job(i);
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << "thread " << i << ": " << e.what(); // which failure, not only how many
      } catch (...) {
        ++failures;
        ADD_FAILURE() << "thread " << i << ": an exception that is not a std::exception";
      }
    });
  go = true;
  for (auto& t : pool) t.join();
  return failures.load();
}

TEST(ThreadSafety, AnalyzersBuiltAtOnceInSeveralThreadsAgree) {
  test::TempFolder dir("newsdex-threads-");
  std::ofstream(dir / "variants.txt") << "defence\tdefense\n";
  AnalyzerOptions options;
  options.variant_files = {dir / "variants.txt"};
  Analyzer reference(options);
  const auto expected = terms_of(reference);
  ASSERT_FALSE(expected.empty());

  std::vector<std::vector<std::string>> got(threads);
  // Each thread builds its own Analyzers, alternating languages, so the table caches are filled
  // and read concurrently.
  int failures = run_together([&](int i) {
    for (int round = 0; round < 20; ++round) {
      AnalyzerOptions o = options;
      if (round % 2) o.language = i % 2 ? "de" : "fr";
      Analyzer a(o);
      auto terms = terms_of(a);
      if (round % 2 == 0) got[i] = std::move(terms);
    }
  });
  EXPECT_EQ(failures, 0);
  for (int i = 0; i < threads; ++i) EXPECT_EQ(got[i], expected) << "thread " << i;
}

TEST(ThreadSafety, CopiesOfOneAnalyzerWorkInParallel) {
  Analyzer original;
  const auto expected = terms_of(original);
  std::vector<std::vector<std::string>> got(threads);
  int failures = run_together([&](int i) {
    Analyzer copy = original;
    for (int round = 0; round < 50; ++round) got[i] = terms_of(copy);
  });
  EXPECT_EQ(failures, 0);
  for (int i = 0; i < threads; ++i) EXPECT_EQ(got[i], expected) << "thread " << i;
}

TEST(ThreadSafety, EntityRecognitionInParallel) {
  test::TempFolder dir("newsdex-threads-");
  std::ofstream(dir / "aliases.txt") << "Atlantic Alliance\tNATO\n";
  const auto expected = find_entities(article_text, 0, {dir / "aliases.txt"});
  ASSERT_FALSE(expected.empty());
  std::vector<std::size_t> counts(threads);
  int failures = run_together([&](int i) {
    for (int round = 0; round < 20; ++round)
      counts[i] = find_entities(article_text, 0, {dir / "aliases.txt"}).size();
  });
  EXPECT_EQ(failures, 0);
  for (int i = 0; i < threads; ++i) EXPECT_EQ(counts[i], expected.size()) << "thread " << i;
}

Article article(int n) {
  Article a;
  a.id = "story-" + std::to_string(n);
  a.title = "Allies discuss defence spending, part " + std::to_string(n);
  a.body = article_text + " Story number " + std::to_string(n) + ".";
  a.date = "2025-06-24";
  a.source = "Test Wire";
  return a;
}

TEST(ThreadSafety, OneSearcherPerThreadWhileAWriterCommits) {
  test::TempFolder dir("newsdex-threads-");
  const std::string db = dir / "db";
  Indexer indexer(db);
  for (int n = 0; n < 20; ++n) indexer.add(article(n));
  indexer.commit();

  std::atomic<bool> writing{true};
  std::vector<std::size_t> last_seen(threads, 0);
  std::atomic<int> went_backwards{0};
  std::thread writer([&] {
    for (int n = 20; n < 120; ++n) {
      indexer.add(article(n));
      if (n % 10 == 9) indexer.commit();
    }
    writing = false;
  });
  int failures = run_together([&](int i) {
    Searcher searcher(db);
    SearchRequest request;
    request.query = i % 2 ? "defence spending" : "NATO Hegseth";
    request.limit = 200;
    do {
      std::size_t matches = searcher.search(request).hits.size();
      if (matches < last_seen[i]) ++went_backwards; // a reader never sees commits undone
      last_seen[i] = matches;
    } while (writing.load());
  });
  writer.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(went_backwards.load(), 0);
  Searcher final_state(db);
  SearchRequest all;
  all.query = "NATO";
  all.limit = 200;
  EXPECT_EQ(final_state.search(all).hits.size(), 120u);
}

TEST(ThreadSafety, TheLogSinkIsCalledFromManyThreads) {
  std::atomic<int> calls{0};
  set_log_sink([&](LogLevel, std::string_view message) {
    if (message == "from a thread") ++calls;
  });
  int failures = run_together([](int) {
    for (int k = 0; k < 100; ++k) detail::log(LogLevel::warning, "from a thread");
  });
  set_log_sink(nullptr);
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(calls.load(), threads * 100);
}

} // namespace
} // namespace newsdex
