// Indexing concurrency and crash safety: the write lock, readers during commits, SIGKILL,
// SIGINT/SIGTERM, and fresh builds that are either absent or complete.
#include "cli/indexing_process.hpp"

#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace newsdex::test {
namespace {

constexpr int big = 3000; // articles in a "long" run: long enough to act on while it runs

std::string make_db(const TempDir& dir, int articles) {
  write_file(dir / "seed.jsonl", generated_jsonl(100000, articles, "anchor"));
  CliResult r = run_cli({"index", "--db", dir / "db", dir / "seed.jsonl"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return dir / "db";
}

TEST(IndexingLock, ASecondWriterFailsAtOnceWithExitCode3) {
  TempDir dir;
  std::string db = make_db(dir, 5);
  write_file(dir / "more.jsonl", generated_jsonl(0, 10, "tariff"));
  {
    Indexer holder(db); // the write lock, held as by a running index job
    CliResult r = run_cli({"index", "--db", db, dir / "more.jsonl"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("database is locked by another writer"), std::string::npos) << r.err;
    CliResult d = run_cli({"delete", "--db", db, "a100000"});
    EXPECT_EQ(d.exit_code, 3) << d.err;
    CliResult c = run_cli({"compact", "--db", db});
    EXPECT_EQ(c.exit_code, 3) << c.err;
  }
  EXPECT_EQ(run_cli({"index", "--db", db, dir / "more.jsonl"}).exit_code, 0);
  EXPECT_EQ(documents_in(db), 15);
}

TEST(IndexingLock, AFreshBuildHoldsTheLockBeforeItIsPublished) {
  TempDir dir;
  write_file(dir / "in.jsonl", generated_jsonl(0, 10, "tariff"));
  Indexer holder(dir / "db"); // a fresh collection, not yet visible to readers
  CliResult r = run_cli({"index", "--db", dir / "db", dir / "in.jsonl"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("database is locked by another writer"), std::string::npos) << r.err;
}

TEST(IndexingLock, ASecondIndexRunFailsWhileTheFirstIsRunning) {
  TempDir dir;
  std::string db = make_db(dir, 5);
  write_file(dir / "big.jsonl", generated_jsonl(0, big, "tariff"));
  write_file(dir / "small.jsonl", generated_jsonl(big, 3, "tariff"));
  BackgroundCli first({"index", "--db", db, "--batch", "50", dir / "big.jsonl"}, dir / "1.out",
                      dir / "1.err");
  ASSERT_TRUE(wait_until(first, [&] { return documents_in(db) > 5; })) << first.err();
  CliResult second = run_cli({"index", "--db", db, dir / "small.jsonl"});
  if (!first.running()) GTEST_SKIP() << "the first run finished before the second started";
  EXPECT_EQ(second.exit_code, 3);
  EXPECT_NE(second.err.find("database is locked by another writer"), std::string::npos);
}

TEST(IndexingReaders, SearchesStayCorrectWhileAnIndexRunCommits) {
  TempDir dir;
  std::string db = make_db(dir, 20);
  write_file(dir / "big.jsonl", generated_jsonl(0, big, "tariff"));
  Searcher searcher(db); // opened once, before the writer's commits
  BackgroundCli writer({"index", "--db", db, "--batch", "20", dir / "big.jsonl"}, dir / "w.out",
                       dir / "w.err");
  SearchRequest anchor;
  anchor.query = "anchor";
  anchor.limit = 100;
  SearchRequest tariff;
  tariff.query = "tariff";
  tariff.limit = 1;
  std::uint64_t last = 0;
  int searches = 0;
  while (writer.running() || searches == 0) {
    // The long-lived reader: its snapshot may be overwritten by the writer's commits, which
    // Xapian reports as DatabaseModifiedError; Searcher reopens and retries, so this never throws.
    ASSERT_EQ(searcher.search(anchor).hits.size(), 20u);
    // A new reader sees the latest commit: whole batches only, never a half-written one.
    Searcher now(db);
    ASSERT_EQ(now.search(anchor).hits.size(), 20u);
    std::uint64_t seen = now.search(tariff).total_estimate;
    EXPECT_GE(seen, last);
    EXPECT_TRUE(seen % 20 == 0 || seen == static_cast<std::uint64_t>(big)) << seen;
    last = seen;
    ++searches;
  }
  EXPECT_EQ(writer.wait(), 0) << writer.err();
  EXPECT_EQ(searcher.search(anchor).hits.size(), 20u);
  EXPECT_EQ(Searcher(db).search(tariff).total_estimate, static_cast<std::uint64_t>(big));
}

TEST(IndexingCrash, SigkillKeepsExactlyTheCommittedBatchesAndARerunCompletes) {
  TempDir dir;
  std::string db = make_db(dir, 7);
  write_file(dir / "big.jsonl", generated_jsonl(0, big, "tariff"));
  std::vector<std::string> args{"index", "--db", db, "--batch", "40", dir / "big.jsonl"};
  {
    BackgroundCli run(args, dir / "k.out", dir / "k.err");
    ASSERT_TRUE(wait_until(run, [&] { return documents_in(db) > 7; })) << run.err();
    run.signal(SIGKILL);
    EXPECT_EQ(run.wait(), 128 + SIGKILL);
  }
  long after_kill = documents_in(db);
  ASSERT_GT(after_kill, 7);                          // it opens, with what was committed
  EXPECT_EQ((after_kill - 7) % 40, 0) << after_kill; // whole batches only
  EXPECT_LE(after_kill, 7 + big);
  CliResult again = run_cli({"index", "--db", db, "--format", "json", dir / "big.jsonl"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto j = nlohmann::json::parse(again.out);
  EXPECT_EQ(j["documents"], 7 + big);
  EXPECT_EQ(j["unchanged"], after_kill - 7);
  EXPECT_EQ(documents_in(db), 7 + big);
}

void expect_clean_stop(int sig, int code, const char* name) {
  TempDir dir;
  std::string db = make_db(dir, 3);
  write_file(dir / "big.jsonl", generated_jsonl(0, 2 * big, "tariff"));
  BackgroundCli run({"index", "--db", db, "--format", "json", "--batch", "50", dir / "big.jsonl"},
                    dir / "s.out", dir / "s.err");
  ASSERT_TRUE(wait_until(run, [&] { return documents_in(db) > 3; })) << run.err();
  run.signal(sig);
  int exit_code = run.wait();
  if (exit_code == 0) GTEST_SKIP() << "the run finished before the signal";
  EXPECT_EQ(exit_code, code) << run.err();
  EXPECT_NE(run.err().find(std::string("interrupted by ") + name), std::string::npos) << run.err();
  auto j = nlohmann::json::parse(run.out());
  EXPECT_TRUE(j["interrupted"].get<bool>());
  // Everything read was analyzed, written and committed.
  EXPECT_EQ(j["indexed"], j["read"]);
  EXPECT_EQ(j["documents"], 3 + j["read"].get<long>());
  EXPECT_EQ(documents_in(db), 3 + j["read"].get<long>());
  EXPECT_LT(j["read"].get<long>(), 2 * big);
  // The same command again finishes the job.
  CliResult again = run_cli({"index", "--db", db, "--format", "json", dir / "big.jsonl"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out)["documents"], 3 + 2 * big);
}

TEST(IndexingSignals, SigintCommitsWhatWasReadAndExits130) {
  expect_clean_stop(SIGINT, 130, "SIGINT");
}

TEST(IndexingSignals, SigtermCommitsWhatWasReadAndExits143) {
  expect_clean_stop(SIGTERM, 143, "SIGTERM");
}

TEST(IndexingCrash, SigkillDuringAFreshBuildLeavesNoDatabaseOrACompleteOne) {
  for (int delay_ms : {0, 60, 250}) {
    TempDir dir;
    const std::string db = dir / "db";
    write_file(dir / "big.jsonl", generated_jsonl(0, big / 3, "tariff"));
    std::vector<std::string> args{"index", "--db", db, "--batch", "50", dir / "big.jsonl"};
    {
      BackgroundCli run(args, dir / "k.out", dir / "k.err");
      wait_until(run, [&] { return std::filesystem::exists(db + ".d"); });
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      run.signal(SIGKILL);
      run.wait();
    }
    long n = documents_in(db);
    if (std::filesystem::exists(db)) {
      EXPECT_EQ(n, big / 3) << "delay " << delay_ms; // complete
    } else {
      EXPECT_EQ(n, -1);
      CliResult stats = run_cli({"stats", "--db", db});
      EXPECT_EQ(stats.exit_code, 3); // no database
    }
    CliResult again = run_cli({"index", "--db", db, "--format", "json", dir / "big.jsonl"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(nlohmann::json::parse(again.out)["documents"], big / 3);
    EXPECT_EQ(documents_in(db), big / 3);
    // Nothing of the killed build is left next to the collection.
    for (const auto& e : std::filesystem::directory_iterator(db + ".d"))
      EXPECT_EQ(e.path().filename().string().substr(0, 1), "g") << e.path();
  }
}

} // namespace
} // namespace newsdex::test
