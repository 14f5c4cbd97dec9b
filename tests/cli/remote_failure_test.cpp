// A remote shard that fails (issue 16, item 3): nothing listening on its port, a server that
// stops answering, a server killed after a Searcher opened the collection. Each is a database
// error (CLI exit 3) naming the shard as HOST:PORT, within the remote timeout
// (NEWSDEX_REMOTE_TIMEOUT, seconds), never a hang.
#include "cli/remote_shards.hpp"

#include <newsdex/error.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace newsdex::test {
namespace {

class RemoteFailure : public ::testing::Test {
protected:
  void SetUp() override {
    if (!have_xapian_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv not installed (xapian-tools)";
    shards_ = std::make_unique<RemoteShards>(2);
  }
  std::string name_of(std::size_t k) const {
    return "127.0.0.1:" + std::to_string(shards_->server(k).port());
  }
  std::unique_ptr<RemoteShards> shards_;
};

// NEWSDEX_REMOTE_TIMEOUT for this process (the library reads it), unset again at scope end.
struct ScopedTimeout {
  explicit ScopedTimeout(const char* seconds) { ::setenv("NEWSDEX_REMOTE_TIMEOUT", seconds, 1); }
  ~ScopedTimeout() { ::unsetenv("NEWSDEX_REMOTE_TIMEOUT"); }
  ScopedTimeout(const ScopedTimeout&) = delete;
  ScopedTimeout& operator=(const ScopedTimeout&) = delete;
};

// `newsdex ARGS...` with NEWSDEX_REMOTE_TIMEOUT=`timeout`, killed if it takes more than two
// minutes (a hang is then exit 128 + SIGKILL, never a test that waits forever).
CliResult run_with_deadline(const std::vector<std::string>& args, const std::string& timeout,
                            const TempDir& dir) {
  const std::string out = dir / "out.txt", err = dir / "err.txt";
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(o, 1);
    ::dup2(e, 2);
    exec_cli(args, {"NEWSDEX_REMOTE_TIMEOUT=" + timeout});
  }
  CliResult r;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream o(out), e(err);
  std::stringstream so, se;
  so << o.rdbuf();
  se << e.rdbuf();
  r.out = so.str();
  r.err = se.str();
  return r;
}

TEST_F(RemoteFailure, NothingListeningIsExit3NamingTheShard) {
  const std::string dead = "127.0.0.1:" + std::to_string(unused_loopback_port());
  const std::string stub = shards_->dir() / "dead.db";
  write_file(stub, "remote " + name_of(0) + "\nremote " + dead + "\n");
  const CliResult r = run_with_deadline({"search", "--db", stub, "NATO"}, "5", shards_->dir());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("remote shard " + dead + " does not answer"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(name_of(0)), std::string::npos) << "names the live shard: " << r.err;
}

// A server that accepts connections but never answers (stopped with SIGSTOP: the kernel still
// completes the TCP handshake): the remote timeout ends the wait.
TEST_F(RemoteFailure, ServerThatNeverAnswersTimesOut) {
  shards_->server(1).signal(SIGSTOP);
  const CliResult r =
      run_with_deadline({"search", "--db", shards_->remote(), "NATO"}, "1", shards_->dir());
  shards_->server(1).signal(SIGCONT);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  // (On a machine loaded enough that the live shard misses the 1 s too, both are named.)
  EXPECT_NE(r.err.find(name_of(1)), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("does not answer"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1000 ms"), std::string::npos) << r.err;
}

TEST_F(RemoteFailure, ServerKilledAfterTheSearcherOpenedIsADatabaseError) {
  const ScopedTimeout timeout("5");
  Searcher searcher(shards_->remote());
  SearchRequest request;
  request.query = "NATO";
  ASSERT_GT(searcher.search(request).hits.size(), 0u);
  const std::string killed = name_of(1);
  shards_->server(1).stop(SIGKILL);
  try {
    (void)searcher.search(request);
    ADD_FAILURE() << "a search with a dead shard succeeded";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::database) << e.what();
    EXPECT_NE(std::string(e.what()).find("remote shard " + killed + " does not answer"),
              std::string::npos)
        << e.what();
  }
}

// --allow-partial: the shards that answer are searched, and the result says which did not.
TEST_F(RemoteFailure, AllowPartialSearchesTheShardsThatAnswer) {
  const std::string dead = name_of(1);
  shards_->server(1).stop();
  // What the live shard alone answers.
  const std::string alone = shards_->dir() / "alone.db";
  write_file(alone, "remote " + name_of(0) + "\n");
  const CliResult expected = run_with_deadline(
      {"search", "--db", alone, "--format", "ids", "--limit", "50", "NATO"}, "5", shards_->dir());
  ASSERT_EQ(expected.exit_code, 0) << expected.err;

  const CliResult ids = run_with_deadline({"search", "--db", shards_->remote(), "--allow-partial",
                                           "--format", "ids", "--limit", "50", "NATO"},
                                          "5", shards_->dir());
  EXPECT_EQ(ids.exit_code, 0) << ids.err;
  EXPECT_EQ(ids.out, expected.out);
  EXPECT_NE(ids.err.find("partial results: remote shard " + dead + " did not answer"),
            std::string::npos)
      << ids.err;

  const CliResult json = run_with_deadline({"search", "--db", shards_->remote(), "--allow-partial",
                                            "--format", "json", "--facet", "source", "NATO"},
                                           "5", shards_->dir());
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["partial"], true);
  EXPECT_EQ(j["failed_shards"], nlohmann::json::array({dead}));
  EXPECT_GT(j["hits"].size(), 0u);

  // Without the option the same search is a database error.
  const CliResult strict =
      run_with_deadline({"search", "--db", shards_->remote(), "NATO"}, "5", shards_->dir());
  EXPECT_EQ(strict.exit_code, 3) << strict.err;

  // With every shard dead there is nothing to search: still exit 3.
  shards_->server(0).stop();
  const CliResult none = run_with_deadline(
      {"search", "--db", shards_->remote(), "--allow-partial", "NATO"}, "5", shards_->dir());
  EXPECT_EQ(none.exit_code, 3) << none.err;
}

// A shard that dies under an open Searcher: allow_partial searches the others; a call without
// it is an error naming the shard.
TEST_F(RemoteFailure, AllowPartialAfterTheSearcherOpened) {
  const ScopedTimeout timeout("5");
  Searcher searcher(shards_->remote());
  SearchRequest request;
  request.query = "NATO";
  request.allow_partial = true;
  const SearchResults whole = searcher.search(request);
  EXPECT_FALSE(whole.partial);
  EXPECT_TRUE(whole.failed_shards.empty());
  const std::string killed = name_of(0);
  shards_->server(0).stop(SIGKILL);
  const SearchResults part = searcher.search(request);
  EXPECT_TRUE(part.partial);
  EXPECT_EQ(part.failed_shards, std::vector<std::string>{killed});
  EXPECT_GT(part.hits.size(), 0u);
  EXPECT_LT(part.hits.size(), whole.hits.size() + 1);
  request.allow_partial = false;
  EXPECT_THROW((void)searcher.search(request), Error);
}

TEST_F(RemoteFailure, BadTimeoutIsAUsageError) {
  for (const char* bad : {"abc", "0", "-1", "1e9"}) {
    const CliResult r =
        run_with_deadline({"search", "--db", shards_->remote(), "NATO"}, bad, shards_->dir());
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;
    EXPECT_NE(r.err.find("NEWSDEX_REMOTE_TIMEOUT"), std::string::npos) << r.err;
  }
}

} // namespace
} // namespace newsdex::test
