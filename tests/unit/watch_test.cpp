// The watched inbox's parts: the state file that lets a restart skip unchanged files (its
// escaping, its log and compaction, a torn last line), the change queue's coalescing, and
// newsdex::watch itself run in a thread against a temporary folder (events, stop, refusals).
#include "index/watch_queue.hpp"
#include "index/watch_state.hpp"
#include "temp_folder.hpp"

#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/searcher.hpp>
#include <newsdex/watch.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string slurp(const std::string& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const std::string& file, const std::string& text) {
  fs::create_directories(fs::path(file).parent_path());
  std::ofstream(file) << text;
}

TEST(WatchState, EscapingKeepsAnyBytesOnOneLine) {
  const std::string nasty = "a\tb\nc\\d\re\\t";
  const std::string escaped = detail::escape_state_field(nasty);
  EXPECT_EQ(escaped.find_first_of("\t\n\r"), std::string::npos);
  EXPECT_EQ(detail::unescape_state_field(escaped), nasty);
}

TEST(WatchState, RecordsSurviveAReloadAndForgottenOnesDoNot) {
  test::TempFolder dir("newsdex-watch-");
  const std::string file = dir / "state";
  {
    detail::WatchState s(file);
    EXPECT_TRUE(s.files().empty());
    s.record("/in/a.jsonl", {10, 20, 30, {"id\t1", "id 2"}});
    s.record("/in/b.txt", {1, 2, 3, {"b.txt"}});
    s.flush();
    s.forget("/in/b.txt");
    s.record("/in/a.jsonl", {11, 21, 31, {"id 3"}});
    s.flush();
  }
  detail::WatchState again(file);
  ASSERT_EQ(again.files().size(), 1u);
  const detail::WatchedFile* a = again.find("/in/a.jsonl");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(*a, (detail::WatchedFile{11, 21, 31, {"id 3"}}));
  EXPECT_EQ(again.find("/in/b.txt"), nullptr);
}

// A file last changed before 1970 (an archive's dates, `touch -d 1960-01-01`) has a negative
// mtime: it must read back as written, or the file would be read again at every start.
TEST(WatchState, AModificationTimeBefore1970ReadsBack) {
  test::TempFolder dir("newsdex-watch-");
  const std::string file = dir / "state";
  {
    detail::WatchState s(file);
    s.record("/in/old.txt", {5, -315619200000000000, 7, {"old.txt"}});
    s.flush();
  }
  detail::WatchState again(file);
  const detail::WatchedFile* old = again.find("/in/old.txt");
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(*old, (detail::WatchedFile{5, -315619200000000000, 7, {"old.txt"}}));
}

// A crash while appending leaves a line without its newline: it is ignored, and the next flush
// rewrites the file rather than appending after the fragment (which would spoil the next line).
TEST(WatchState, ATornLastLineIsIgnoredAndNotAppendedTo) {
  test::TempFolder dir("newsdex-watch-");
  const std::string file = dir / "state";
  {
    detail::WatchState s(file);
    s.record("/in/a.txt", {1, 2, 3, {"a.txt"}});
    s.flush();
  }
  std::ofstream(file, std::ios::app) << "F\t/in/torn.txt\t5\t6";
  {
    detail::WatchState s(file);
    EXPECT_EQ(s.files().size(), 1u);
    EXPECT_EQ(s.find("/in/torn.txt"), nullptr);
    s.record("/in/b.txt", {4, 5, 6, {"b.txt"}});
    s.flush();
  }
  detail::WatchState again(file);
  EXPECT_EQ(again.files().size(), 2u);
  EXPECT_NE(again.find("/in/b.txt"), nullptr);
}

TEST(WatchState, AFileThatIsNotAStateIsAnEmptyState) {
  test::TempFolder dir("newsdex-watch-");
  write(dir / "state", "something else entirely\nF\t/x\t1\t2\t3\tx\n");
  detail::WatchState s(dir / "state");
  EXPECT_TRUE(s.files().empty());
}

TEST(WatchState, TheLogIsRewrittenBeforeItOutgrowsWhatItDescribes) {
  test::TempFolder dir("newsdex-watch-");
  const std::string file = dir / "state";
  detail::WatchState s(file);
  for (int i = 0; i < 300; ++i) {
    s.record("/in/a.txt", {static_cast<std::uint64_t>(i), 0, 0, {"a.txt"}});
    s.flush();
  }
  const std::string text = slurp(file);
  EXPECT_LT(std::count(text.begin(), text.end(), '\n'), 100);
  detail::WatchState again(file);
  ASSERT_NE(again.find("/in/a.txt"), nullptr);
  EXPECT_EQ(again.find("/in/a.txt")->size, 299u);
}

TEST(ChangeQueue, CoalescesByPathAndRemembersAClose) {
  using Clock = detail::ChangeQueue::Clock;
  detail::ChangeQueue q(200ms, 1s);
  const Clock::time_point t0{};
  EXPECT_TRUE(q.empty());
  q.add({"/in/b", false}, t0);
  q.add({"/in/a", true}, t0 + 50ms);
  q.add({"/in/b", true}, t0 + 100ms);
  q.add({"/in/a", false}, t0 + 150ms);
  EXPECT_EQ(q.due(), t0 + 350ms); // quiet for 200 ms after the last event
  auto changes = q.take();
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].path, "/in/a");
  EXPECT_TRUE(changes[0].closed);
  EXPECT_EQ(changes[1].path, "/in/b");
  EXPECT_TRUE(changes[1].closed);
  EXPECT_TRUE(q.empty());
}

TEST(ChangeQueue, ASteadyStreamIsStillDueAfterTheLongestWait) {
  using Clock = detail::ChangeQueue::Clock;
  detail::ChangeQueue q(200ms, 1s);
  const Clock::time_point t0{};
  for (int i = 0; i < 20; ++i) q.add({"/in/" + std::to_string(i), true}, t0 + i * 100ms);
  EXPECT_EQ(q.due(), t0 + 1s);
}

// newsdex::watch in a thread, its events collected, stopped at the end of the test.
class Watching {
public:
  Watching(const std::string& db, const std::string& folder, WatchOptions options = {}) {
    options.stop = &stop_;
    options.debounce_ms = 50;
    options.on_event = [this](const WatchEvent& e) {
      std::lock_guard<std::mutex> lock(mutex_);
      events_.push_back(e);
      changed_.notify_all();
    };
    options_ = std::move(options);
    thread_ = std::thread([this, db, folder] {
      try {
        summary_ = watch(db, {folder}, options_);
      } catch (...) {
        error_ = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
      changed_.notify_all();
    });
  }
  ~Watching() { stop(); }

  // Waits (up to a generous deadline: no timing is asserted) for an event that satisfies `f`.
  bool wait_for(const std::function<bool(const WatchEvent&)>& f) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, 30s, [&] {
      return done_ || std::any_of(events_.begin(), events_.end(), f);
    }) && std::any_of(events_.begin(), events_.end(), f);
  }
  bool wait_for(WatchEvent::Kind kind, const std::string& file_end = {}) {
    return wait_for([&](const WatchEvent& e) {
      return e.kind == kind && e.file.size() >= file_end.size() &&
             e.file.compare(e.file.size() - file_end.size(), file_end.size(), file_end) == 0;
    });
  }
  WatchSummary stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
    return summary_;
  }

private:
  std::atomic<bool> stop_{false};
  WatchOptions options_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<WatchEvent> events_;
  bool done_ = false;
  WatchSummary summary_;
  std::exception_ptr error_;
};

std::size_t hits(const std::string& db, const std::string& query) {
  SearchRequest r;
  r.query = query;
  return Searcher(db).search(r).hits.size();
}

TEST(Watch, IndexesAFileClosedAfterWritingAndRemovesItWhenDeleted) {
  test::TempFolder dir("newsdex-watch-");
  fs::create_directories(dir / "in");
  WatchOptions options;
  options.delete_missing = true;
  Watching w(dir / "db", dir / "in", options);
  ASSERT_TRUE(w.wait_for(WatchEvent::Kind::ready));
  write(dir / "in/okapi.txt", "Okapi sighting\n\nAn okapi was seen near the river.\n");
  ASSERT_TRUE(w.wait_for(WatchEvent::Kind::indexed, "okapi.txt"));
  EXPECT_EQ(hits(dir / "db", "okapi"), 1u); // "indexed" is reported once committed
  fs::remove(dir / "in/okapi.txt");
  ASSERT_TRUE(w.wait_for(WatchEvent::Kind::removed, "okapi.txt"));
  EXPECT_EQ(hits(dir / "db", "okapi"), 0u);
  WatchSummary s = w.stop();
  EXPECT_EQ(s.articles_indexed, 1u);
  EXPECT_EQ(s.articles_removed, 1u);
}

// Two files naming the same article (its own id): deleting one keeps the article.
TEST(Watch, AnArticleStaysWhileAnotherFileStillHoldsIt) {
  test::TempFolder dir("newsdex-watch-");
  const std::string article = "Id: shared-1\nTitle: Narwhal\n\nA narwhal story.\n";
  write(dir / "in/a.txt", article);
  write(dir / "in/b.txt", article);
  WatchOptions options;
  options.delete_missing = true;
  Watching w(dir / "db", dir / "in", options);
  ASSERT_TRUE(w.wait_for(WatchEvent::Kind::ready));
  fs::remove(dir / "in/a.txt");
  write(dir / "in/c.txt", "Marker\n\nA marker file.\n");
  ASSERT_TRUE(w.wait_for(WatchEvent::Kind::indexed, "c.txt"));
  EXPECT_EQ(hits(dir / "db", "narwhal"), 1u);
  fs::remove(dir / "in/b.txt");
  ASSERT_TRUE(w.wait_for(WatchEvent::Kind::removed, "b.txt"));
  EXPECT_EQ(hits(dir / "db", "narwhal"), 0u);
}

TEST(Watch, AMissingFolderIsRefusedBeforeAnythingIsCreated) {
  test::TempFolder dir("newsdex-watch-");
  try {
    watch(dir / "db", {dir / "nowhere"}, {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::usage);
    EXPECT_EQ(e.where().file, dir / "nowhere");
  }
  EXPECT_FALSE(fs::exists(dir / "db"));
}

TEST(Watch, AnotherWriterMakesItRefuseWithLocked) {
  test::TempFolder dir("newsdex-watch-");
  fs::create_directories(dir / "in");
  Indexer writer(dir / "db");
  writer.commit();
  try {
    watch(dir / "db", {dir / "in"}, {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::database_locked);
  }
}

TEST(Watch, AnExceptionOfTheCallbackStopsItAndComesBackUnchanged) {
  test::TempFolder dir("newsdex-watch-");
  write(dir / "in/a.txt", "Aardvark\n\nAn aardvark.\n");
  WatchOptions options;
  options.on_event = [](const WatchEvent& e) {
    if (e.kind == WatchEvent::Kind::indexed) throw std::runtime_error("enough");
  };
  EXPECT_THROW(watch(dir / "db", {dir / "in"}, options), std::runtime_error);
  EXPECT_EQ(hits(dir / "db", "aardvark"), 1u); // committed before it was reported
}

} // namespace
} // namespace newsdex
