// `newsdex watch` as a user runs it: the real binary in the background on a temporary folder,
// files written, renamed in, changed, half-written and deleted, and `newsdex search` polled until
// it sees the change (a generous deadline, no timing asserted). Also: a restart reads only what
// changed, SIGINT/SIGTERM end it with exit 0 and everything read committed, a second writer gets
// exit 3, a missing folder exit 2. The whole suite (WatchCli.*) takes some seconds of waiting.
#include "cli/indexing_process.hpp"

#include <gtest/gtest.h>
#include <sched.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Polls `f` until it holds or a generous deadline passes: the machine may be slow and busy.
template <class F> bool eventually(F&& f) {
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (f()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return f();
}

// The ids `search` prints for `query`; empty when nothing matches.
std::string ids_of(const std::string& db, const std::string& query) {
  CliResult r = run_cli({"search", "--db", db, "--format", "ids", query});
  return r.exit_code == 0 ? r.out : std::string();
}

bool found(const std::string& db, const std::string& query, const std::string& id) {
  return ids_of(db, query).find(id) != std::string::npos;
}

void write_text(const std::string& path, const std::string& title, const std::string& body) {
  write_file(path, title + "\n\n" + body + "\n");
}

// Writes `text` to the /proc file `path`; false when that is refused.
bool write_proc(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// `newsdex ARGS` in a user namespace of its own whose inotify watch limit is `watches`
// (/proc/sys/user/max_inotify_watches, Linux 5.11+), so the limit can be reached without touching
// the machine's. The child exits 77 when the namespace or the limit cannot be had.
pid_t start_with_watch_limit(const std::vector<std::string>& args, int watches,
                             const std::string& out_file, const std::string& err_file) {
  const uid_t uid = getuid();
  const gid_t gid = getgid();
  pid_t pid = fork();
  if (pid != 0) return pid;
  int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(out, 1);
  dup2(err, 2);
  if (unshare(CLONE_NEWUSER) != 0 || !write_proc("/proc/self/setgroups", "deny") ||
      !write_proc("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
      !write_proc("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1") ||
      !write_proc("/proc/sys/user/max_inotify_watches", std::to_string(watches)))
    _exit(77);
  exec_cli(args);
}

class WatchCli : public ::testing::Test {
protected:
  std::string db() const { return tmp_ / "db"; }
  std::string inbox() const { return tmp_ / "inbox"; }
  void SetUp() override { fs::create_directories(inbox()); }

  std::unique_ptr<BackgroundCli> start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"watch", "--db", db()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(inbox());
    ++runs_;
    auto p = std::make_unique<BackgroundCli>(args, tmp_ / ("out" + std::to_string(runs_)),
                                             tmp_ / ("err" + std::to_string(runs_)));
    EXPECT_TRUE(wait_ready(*p)) << p->out() << p->err();
    return p;
  }

  // The start-up scan is committed once the ready line is out.
  static bool wait_ready(BackgroundCli& p) {
    return eventually([&] {
             const std::string out = p.out();
             return out.find("watching ") != std::string::npos ||
                    out.find("\"event\":\"ready\"") != std::string::npos || !p.running();
           }) &&
           p.running();
  }

  TempDir tmp_;
  int runs_ = 0;
};

TEST_F(WatchCli, FilesRenamedInWrittenChangedAndDeletedAreFollowed) {
  auto watch = start({"--delete"});
  // Written elsewhere, then renamed in: the way to drop a file atomically.
  write_text(tmp_ / "staging.txt", "Capybara census", "The capybara census counted the herd.");
  fs::rename(tmp_ / "staging.txt", inbox() + "/capybara.txt");
  EXPECT_TRUE(eventually([&] { return found(db(), "capybara", "capybara.txt"); }));
  // Written in place and closed.
  write_text(inbox() + "/pangolin.txt", "Pangolin rescue", "A pangolin was rescued.");
  EXPECT_TRUE(eventually([&] { return found(db(), "pangolin", "pangolin.txt"); }));
  // Changed: the new text is found and the old is not.
  write_text(inbox() + "/pangolin.txt", "Armadillo rescue", "An armadillo was rescued.");
  EXPECT_TRUE(eventually([&] { return found(db(), "armadillo", "pangolin.txt"); }));
  EXPECT_EQ(ids_of(db(), "pangolin"), "");
  // A folder made later is watched, with what it already holds.
  fs::create_directories(inbox() + "/later/deeper");
  write_text(inbox() + "/later/deeper/wombat.txt", "Wombat", "A wombat dug a burrow.");
  EXPECT_TRUE(eventually([&] { return found(db(), "wombat", "later/deeper/wombat.txt"); }));
  // Deleted, with --delete: gone from the collection.
  fs::remove(inbox() + "/capybara.txt");
  EXPECT_TRUE(eventually([&] { return ids_of(db(), "capybara").empty(); }));
  EXPECT_TRUE(found(db(), "wombat", "wombat.txt"));

  watch->signal(SIGTERM);
  EXPECT_EQ(watch->wait(), 0) << watch->err();
  EXPECT_NE(watch->out().find("indexed " + inbox() + "/capybara.txt (1 article)"),
            std::string::npos)
      << watch->out();
  EXPECT_NE(watch->out().find("removed " + inbox() + "/capybara.txt (1 article)"),
            std::string::npos)
      << watch->out();
  EXPECT_NE(watch->out().find("stopped: "), std::string::npos) << watch->out();
}

// Open, written in part, kept open: never read, even by the rescans that run meanwhile; read
// once closed.
TEST_F(WatchCli, AHalfWrittenFileIsNotReadUntilItIsClosed) {
  auto watch = start({"--rescan", "1"});
  std::FILE* f = std::fopen((inbox() + "/quokka.txt").c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("Quokka selfie\n\nA quokka ", f);
  std::fflush(f);
  // A file closed after the half-written one was opened is indexed: the watcher is awake...
  write_text(inbox() + "/marker.txt", "Marker", "A marker.");
  EXPECT_TRUE(eventually([&] { return found(db(), "marker", "marker.txt"); }));
  // ... and a few rescans (one a second) pass over the open file.
  std::this_thread::sleep_for(2500ms);
  EXPECT_EQ(ids_of(db(), "quokka"), "");
  std::fputs("smiled at the camera on Rottnest Island.\n", f);
  std::fclose(f);
  EXPECT_TRUE(eventually([&] { return found(db(), "rottnest", "quokka.txt"); }));
  watch->signal(SIGINT);
  EXPECT_EQ(watch->wait(), 0) << watch->err();
  EXPECT_EQ(watch->out().find("indexed " + inbox() + "/quokka.txt (1 article)"),
            watch->out().rfind("indexed " + inbox() + "/quokka.txt"))
      << "read more than once: " << watch->out();
}

// Stopped, then started again: only the files that changed meanwhile are read.
TEST_F(WatchCli, ARestartReadsOnlyWhatChanged) {
  write_text(inbox() + "/a.txt", "Alpaca", "An alpaca.");
  write_text(inbox() + "/b.txt", "Bison", "A bison.");
  write_file(inbox() + "/c.jsonl",
             "{\"id\": \"c1\", \"title\": \"Cheetah\", \"body\": \"A cheetah ran.\"}\n"
             "{\"id\": \"c2\", \"title\": \"Coyote\", \"body\": \"A coyote howled.\"}\n");
  auto first = start({"--format", "jsonl"});
  first->signal(SIGINT);
  ASSERT_EQ(first->wait(), 0) << first->err();
  EXPECT_NE(first->out().find("\"event\":\"indexed\",\"file\":\"" + inbox() +
                              "/c.jsonl\","
                              "\"articles\":2"),
            std::string::npos)
      << first->out();

  write_text(inbox() + "/b.txt", "Buffalo", "A buffalo, not a bison.");
  write_text(inbox() + "/d.txt", "Dingo", "A dingo.");
  auto second = start({"--format", "jsonl"});
  second->signal(SIGTERM);
  ASSERT_EQ(second->wait(), 0) << second->err();
  const std::string out = second->out();
  EXPECT_NE(out.find("\"file\":\"" + inbox() + "/b.txt\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"file\":\"" + inbox() + "/d.txt\""), std::string::npos) << out;
  EXPECT_EQ(out.find("a.txt"), std::string::npos) << "an unchanged file was read again: " << out;
  EXPECT_EQ(out.find("c.jsonl"), std::string::npos) << "an unchanged file was read again: " << out;
  EXPECT_NE(out.find("{\"format_version\":1,\"event\":\"ready\",\"files\":4}"), std::string::npos)
      << out;
  EXPECT_TRUE(found(db(), "buffalo", "b.txt"));
  EXPECT_TRUE(found(db(), "coyote", "c2"));
}

TEST_F(WatchCli, AnotherWriterGetsExit3WhileItRuns) {
  auto watch = start();
  write_text(tmp_ / "other.txt", "Other", "Another article.");
  CliResult index = run_cli({"index", "--db", db(), tmp_ / "other.txt"});
  EXPECT_EQ(index.exit_code, 3) << index.err;
  EXPECT_NE(index.err.find("locked"), std::string::npos) << index.err;
  CliResult second = run_cli({"watch", "--db", db(), inbox()});
  EXPECT_EQ(second.exit_code, 3) << second.err;
  EXPECT_EQ(run_cli({"search", "--db", db(), "anything"}).exit_code,
            1); // readers are not locked out
  watch->signal(SIGTERM);
  EXPECT_EQ(watch->wait(), 0);
  EXPECT_EQ(run_cli({"index", "--db", db(), tmp_ / "other.txt"}).exit_code, 0);
}

// The collection kept inside the folder it watches: its own files are never read as articles.
TEST_F(WatchCli, ACollectionInsideTheWatchedFolderIsLeftAlone) {
  const std::string inner = inbox() + "/news.db";
  write_text(inbox() + "/otter.txt", "Otter", "An otter swam.");
  BackgroundCli watch({"watch", "--db", inner, inbox()}, tmp_ / "out", tmp_ / "err");
  ASSERT_TRUE(wait_ready(watch)) << watch.err();
  write_text(inbox() + "/beaver.txt", "Beaver", "A beaver built a dam.");
  EXPECT_TRUE(eventually([&] { return found(inner, "beaver", "beaver.txt"); }));
  watch.signal(SIGTERM);
  EXPECT_EQ(watch.wait(), 0);
  EXPECT_EQ(watch.err(), "");
  EXPECT_EQ(documents_in(inner), 2);
}

// Over the inotify watch limit: said once on stderr, and the folders left unwatched are still
// followed, by the rescan.
TEST_F(WatchCli, FoldersOverTheInotifyWatchLimitAreFollowedByTheRescan) {
  for (const char* sub : {"a", "b", "c", "d", "e"}) fs::create_directories(inbox() + "/" + sub);
  // The root and two subfolders get a watch; c, d and e do not.
  pid_t pid = start_with_watch_limit({"watch", "--db", db(), "--rescan", "1", inbox()}, 3,
                                     tmp_ / "out", tmp_ / "err");
  auto read = [](const std::string& f) {
    std::ifstream in(f);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  int status = 0;
  bool ready = eventually([&] {
    return read(tmp_ / "out").find("watching") != std::string::npos ||
           waitpid(pid, &status, WNOHANG) == pid;
  });
  if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
    GTEST_SKIP() << "no user namespace with its own inotify limit here (Linux 5.11+ needed)";
  ASSERT_TRUE(ready && read(tmp_ / "out").find("watching") != std::string::npos)
      << read(tmp_ / "err");
  write_text(inbox() + "/e/lemur.txt", "Lemur", "A lemur leapt.");
  EXPECT_TRUE(eventually([&] { return found(db(), "lemur", "e/lemur.txt"); }));
  kill(pid, SIGTERM);
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read(tmp_ / "err");
  const std::string err = read(tmp_ / "err");
  const std::string said = "3 folders cannot be watched: the inotify watch limit";
  EXPECT_NE(err.find(said), std::string::npos) << err;
  EXPECT_EQ(err.find(said), err.rfind(said)) << "said at every rescan: " << err;
}

TEST_F(WatchCli, AMissingFolderIsAUsageErrorNamingIt) {
  CliResult r = run_cli({"watch", "--db", db(), inbox(), tmp_ / "nowhere"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(tmp_ / "nowhere"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(db()));
}

} // namespace
} // namespace newsdex::test
