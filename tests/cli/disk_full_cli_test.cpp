// A disk that fills while newsdex writes: the command stops with exit 3 and says the disk is
// full, everything committed before stays searchable, and the same command completes once there
// is space again. The full disk is tests/faults/enospc_shim.cpp, preloaded into the CLI.
#include "cli/indexing_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

// The environment that makes everything under `dir` fail with ENOSPC after `budget` bytes (all
// succeed, and the bytes are counted into `report`, when budget is negative).
std::vector<std::string> full_disk(const std::string& dir, long long budget,
                                   const std::string& report = "") {
  std::vector<std::string> env{"LD_PRELOAD=" NEWSDEX_ENOSPC_SHIM,
                               "NEWSDEX_ENOSPC_DIR=" + fs::canonical(dir).string(),
                               "NEWSDEX_ENOSPC_AFTER=" + (budget < 0 ? "" : std::to_string(budget)),
                               "NEWSDEX_ENOSPC_REPORT=" + report};
  // Under AddressSanitizer the shim is preloaded ahead of the sanitizer's runtime.
  const char* asan = std::getenv("ASAN_OPTIONS");
  env.push_back(std::string("ASAN_OPTIONS=") + (asan && *asan ? std::string(asan) + ":" : "") +
                "verify_asan_link_order=0");
  return env;
}

// Copies a collection (stub and generations) from `from` to `to`, directories named alike.
void copy_collection(const std::string& from, const std::string& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive);
}

// Bytes `args` writes under `dir`, measured on a copy of `dir` made in `scratch`, with `db`
// replaced by its path in the copy: the budget of a real run, not a guess.
long long bytes_written(const std::vector<std::string>& args, const std::string& dir,
                        const std::string& db, const std::string& scratch) {
  const std::string copy = scratch + "/copy";
  fs::remove_all(copy);
  copy_collection(dir, copy);
  std::vector<std::string> copied = args;
  for (auto& a : copied)
    if (a == db) a = copy + "/" + fs::path(db).filename().string();
  CliResult r = run_cli(copied, "", full_disk(copy, -1, scratch + "/bytes"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(scratch + "/bytes");
  long long bytes = -1;
  in >> bytes;
  fs::remove_all(copy);
  return bytes;
}

long hits(const std::string& db, const std::string& query) {
  CliResult r = run_cli({"search", "--db", db, "--format", "ids", "--limit", "100000", query});
  return r.exit_code == 0 ? static_cast<long>(std::count(r.out.begin(), r.out.end(), '\n')) : 0;
}

void expect_disk_full_error(const CliResult& r) {
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("disk full (No space left on device)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  // One failure, one line: the Indexer's destructor does not log again what the caller was told.
  // (Counted as lines of newsdex's: LeakSanitizer adds its own report in the sanitizer job.)
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = r.err.find("newsdex: ", at)) != std::string::npos; ++at)
    if (at == 0 || r.err[at - 1] == '\n') ++lines;
  EXPECT_EQ(lines, 1u) << r.err;
}

// Xapian 1.4 (Debian 12 ships 1.4.22) ends the process when a write fails at some points of a
// commit: a DatabaseError escapes a function that may not throw, and std::terminate runs. Nothing
// committed is lost (a commit survives the process dying), and the CLI's terminate handler
// (tools/newsdex/main.cpp) reports it as the library would: exit 3 and "disk full". Before that
// handler these runs aborted ("terminate called after throwing ..."); they are counted apart so
// that a regression says what it is. With two shards both writer threads can meet it at once, and
// a second terminate() then says "terminate called recursively" or "without an active exception".
bool aborted_inside_xapian(const CliResult& r) {
  return r.exit_code == 128 + SIGABRT && r.err.find("terminate called") != std::string::npos;
}

// One run on a full disk must stop cleanly: exit 3, "disk full". Returns whether it did.
bool expect_stopped(const CliResult& r, int& aborts) {
  if (aborted_inside_xapian(r)) {
    ++aborts;
    return false;
  }
  expect_disk_full_error(r);
  return true;
}

void report_aborts(int aborts, int runs) {
  EXPECT_EQ(aborts, 0) << aborts << " of " << runs
                       << " runs aborted inside Xapian instead of exiting 3 with \"disk full\"";
}

void expect_check_ok(const std::string& db) {
  CliResult c = run_cli({"check", "--db", db});
  EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
}

TEST(DiskFull, TheShimFailsWritesUnderItsDirectoryOnly) {
  // Without this, a test below could pass because nothing was ever full.
  TempDir dir, scratch;
  write_file(scratch / "in.jsonl", generated_jsonl(0, 50, "tariff"));
  CliResult r = run_cli({"index", "--db", dir / "db", scratch / "in.jsonl"}, "",
                        full_disk(dir.path().string(), 0));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  CliResult elsewhere = run_cli({"index", "--db", scratch / "db", scratch / "in.jsonl"}, "",
                                full_disk(dir.path().string(), 0));
  EXPECT_EQ(elsewhere.exit_code, 0) << elsewhere.err;
}

TEST(DiskFull, IndexingStopsKeepsWhatWasCommittedAndCompletesOnceThereIsSpace) {
  TempDir base, scratch;
  write_file(scratch / "seed.jsonl", generated_jsonl(100000, 150, "anchor"));
  ASSERT_EQ(run_cli({"index", "--db", base / "db", scratch / "seed.jsonl"}).exit_code, 0);
  // 15 batches: enough budgets fall between commits; more articles only cost time (under the
  // sanitizers most of all).
  const long more = 1500, batch = 100;
  write_file(scratch / "more.jsonl", generated_jsonl(0, more, "tariff"));
  auto args_for = [&](const std::string& db) {
    return std::vector<std::string>{
        "index", "--db", db, "--batch", std::to_string(batch), scratch / "more.jsonl"};
  };
  const long long needed = bytes_written(args_for(base / "db"), base.path().string(), base / "db",
                                         scratch.path().string());
  ASSERT_GT(needed, 0);

  int aborts = 0, clean = 0, clean_after_a_commit = 0;
  const int runs = 8;
  for (int eighth = 0; eighth < runs; ++eighth) {
    const long long budget = needed * eighth / runs;
    SCOPED_TRACE("budget " + std::to_string(budget) + " of " + std::to_string(needed));
    TempDir dir;
    copy_collection(base.path().string(), dir.path().string());
    const std::string db = dir / "db";
    if (expect_stopped(run_cli(args_for(db), "", full_disk(dir.path().string(), budget)), aborts))
      ++clean;
    const long after = documents_in(db);
    EXPECT_GE(after, 150) << "articles committed before the run are gone";
    EXPECT_LT(after, 150 + more);
    EXPECT_EQ((after - 150) % batch, 0) << after << ": whole batches only";
    EXPECT_EQ(hits(db, "anchor"), 150);
    EXPECT_EQ(hits(db, "tariff"), after - 150);
    expect_check_ok(db);
    if (after > 150) ++clean_after_a_commit;

    CliResult again = run_cli(args_for(db)); // space again
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(documents_in(db), 150 + more);
    EXPECT_EQ(hits(db, "tariff"), more);
    expect_check_ok(db);
  }
  report_aborts(aborts, runs);
  EXPECT_GT(clean, 0) << "no run stopped with the disk-full message";
  EXPECT_GT(clean_after_a_commit, 0) << "no run committed a batch before the disk filled";
}

TEST(DiskFull, AFreshBuildLeavesNoCollectionAndARerunBuildsIt) {
  TempDir dir, scratch;
  const std::string db = dir / "db";
  write_file(scratch / "in.jsonl", generated_jsonl(0, 2000, "tariff"));
  const std::vector<std::string> args{"index", "--db", db, "--shards", "2", scratch / "in.jsonl"};
  const long long needed = bytes_written(args, dir.path().string(), db, scratch.path().string());
  ASSERT_GT(needed, 0);
  int aborts = 0, clean = 0;
  const int runs = 6;
  for (int k = 0; k < runs; ++k) {
    // The last budget falls in the merge into the published generation.
    const long long budget = k == 0 ? 0 : needed * (2 * k - 1) / (2 * runs);
    SCOPED_TRACE("budget " + std::to_string(budget) + " of " + std::to_string(needed));
    if (expect_stopped(run_cli(args, "", full_disk(dir.path().string(), budget)), aborts)) ++clean;
    EXPECT_FALSE(fs::exists(db)) << "a collection was published from a failed build";
    EXPECT_EQ(documents_in(db), -1);
  }
  report_aborts(aborts, runs);
  EXPECT_GT(clean, 0) << "no run stopped with the disk-full message";
  CliResult again = run_cli(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(documents_in(db), 2000);
  expect_check_ok(db);
  for (const auto& e : fs::directory_iterator(db + ".d"))
    EXPECT_TRUE(e.path().filename() == "g2" || e.path().filename() == "analysis") << e.path();
}

TEST(DiskFull, CompactionStopsAndTheOldGenerationStaysWhole) {
  TempDir dir, scratch;
  const std::string db = dir / "db";
  write_file(scratch / "in.jsonl", generated_jsonl(0, 2000, "tariff"));
  ASSERT_EQ(run_cli({"index", "--db", db, "--shards", "2", scratch / "in.jsonl"}).exit_code, 0);
  ASSERT_EQ(run_cli({"delete", "--db", db, "a1", "a2", "a3"}).exit_code, 0);
  const std::string stub = read_file(db);
  const std::vector<std::string> args{"compact", "--db", db};
  const long long needed = bytes_written(args, dir.path().string(), db, scratch.path().string());
  ASSERT_GT(needed, 0);

  int aborts = 0;
  const int runs = 4;
  for (int k = 0; k < runs; ++k) {
    const long long budget = needed * k / runs;
    SCOPED_TRACE("budget " + std::to_string(budget) + " of " + std::to_string(needed));
    expect_stopped(run_cli(args, "", full_disk(dir.path().string(), budget)), aborts);
    EXPECT_EQ(read_file(db), stub) << "the stub moved to a generation that was never finished";
    EXPECT_EQ(documents_in(db), 1997);
    EXPECT_EQ(hits(db, "tariff"), 1997);
    expect_check_ok(db);
  }
  report_aborts(aborts, runs);

  CliResult again = run_cli(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(read_file(db), stub);
  EXPECT_EQ(documents_in(db), 1997);
  expect_check_ok(db);
  // The failed attempts' partial generation was replaced, not kept beside.
  for (const auto& e : fs::directory_iterator(db + ".d"))
    EXPECT_TRUE(e.path().filename() == "g2" || e.path().filename() == "g3" ||
                e.path().filename() == "analysis")
        << e.path();
}

} // namespace
} // namespace newsdex::test
