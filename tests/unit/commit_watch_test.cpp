// A searcher reopens its database only when a shard's version file says a writer committed, and
// its collection only when the stub it holds was replaced or rewritten (search/commit_watch.hpp):
// the watches must see every change, and say "changed" whenever they cannot tell.
#include "search/commit_watch.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace newsdex::detail {
namespace {

namespace fs = std::filesystem;

class CommitWatchTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("newsdex-watch-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A glass database at dir_/NAME with one committed document.
  std::string shard(const std::string& name) {
    const std::string path = (dir_ / name).string();
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    commit(db);
    return path;
  }
  static void commit(Xapian::WritableDatabase& db) {
    Xapian::Document doc;
    doc.add_term("word");
    db.add_document(doc);
    db.commit();
  }

  fs::path dir_;
};

TEST_F(CommitWatchTest, SeesEachCommitToAnyShard) {
  const std::string a = shard("a"), b = shard("b");
  CommitWatch watch = CommitWatch::of({a, b});
  EXPECT_FALSE(watch.changed()) << "nothing was committed since the watch was taken";

  {
    Xapian::WritableDatabase db(b);
    commit(db);
  }
  EXPECT_TRUE(watch.changed());
  EXPECT_TRUE(watch.changed()) << "it stays changed until the watch is taken again";

  watch = CommitWatch::of({a, b});
  EXPECT_FALSE(watch.changed());
  {
    Xapian::WritableDatabase db(a);
    commit(db);
    commit(db); // two commits: the first version file's inode may be reused by the second
  }
  EXPECT_TRUE(watch.changed());
}

TEST_F(CommitWatchTest, AReadOnlyOpenIsNoCommit) {
  const std::string a = shard("a");
  CommitWatch watch = CommitWatch::of({a});
  Xapian::Database reader(a);
  reader.reopen();
  EXPECT_EQ(reader.get_doccount(), 1u);
  EXPECT_FALSE(watch.changed());
}

TEST_F(CommitWatchTest, ChangedWhenItCannotTell) {
  EXPECT_TRUE(CommitWatch{}.changed()) << "an empty watch";
  EXPECT_TRUE(CommitWatch::of({}).changed()) << "no local shard (remote ones are not listed)";
  EXPECT_TRUE(CommitWatch::of({(dir_ / "missing").string()}).changed()) << "not a glass shard";
  const std::string a = shard("a");
  EXPECT_TRUE(CommitWatch::of({a, (dir_ / "missing").string()}).changed())
      << "one shard it cannot watch";
  std::vector<std::string> many(17, a);
  EXPECT_TRUE(CommitWatch::of(many).changed()) << "more shards than it holds files for";
  EXPECT_FALSE(CommitWatch::of(std::vector<std::string>(16, a)).changed());
}

TEST_F(CommitWatchTest, AMovedWatchKeepsWatching) {
  const std::string a = shard("a");
  CommitWatch first = CommitWatch::of({a});
  CommitWatch second = std::move(first);
  EXPECT_FALSE(second.changed());
  {
    Xapian::WritableDatabase db(a);
    commit(db);
  }
  EXPECT_TRUE(second.changed());
}

// The stub: a new generation is renamed over it; a damaged or repaired one is written in place.
TEST_F(CommitWatchTest, StubWatchSeesARenameOverItAndAWriteInPlace) {
  const fs::path stub = dir_ / "db";
  std::ofstream(stub) << "auto db.d/g1/s0\n";
  StubWatch watch = StubWatch::of(stub.string());
  ASSERT_TRUE(watch.watching());
  EXPECT_FALSE(watch.changed());

  std::ofstream(dir_ / "db.tmp") << "auto db.d/g2/s0\n";
  fs::rename(dir_ / "db.tmp", stub);
  EXPECT_TRUE(watch.changed()) << "a new stub renamed over the one held";

  watch = StubWatch::of(stub.string());
  EXPECT_FALSE(watch.changed());
  std::ofstream(stub) << "garbage line\n";
  EXPECT_TRUE(watch.changed()) << "written in place";
}

TEST_F(CommitWatchTest, StubWatchSeesARenameOverAHardLinkedStub) {
  const fs::path stub = dir_ / "db";
  std::ofstream(stub) << "auto db.d/g1/s0\n";
  fs::create_hard_link(stub, dir_ / "backup"); // as rsync --link-dest leaves it
  StubWatch watch = StubWatch::of(stub.string());
  std::ofstream(dir_ / "db.tmp") << "auto db.d/g2/s0\n";
  fs::rename(dir_ / "db.tmp", stub);
  EXPECT_TRUE(watch.changed()) << "the file held keeps a link, but one fewer";
}

TEST_F(CommitWatchTest, StubWatchWatchesNoDirectoryAndNothingMissing) {
  EXPECT_FALSE(StubWatch::of(dir_.string()).watching()) << "a database directory";
  EXPECT_FALSE(StubWatch::of((dir_ / "missing").string()).watching());
  EXPECT_TRUE(StubWatch{}.changed());
  const fs::path stub = dir_ / "db";
  std::ofstream(stub) << "auto db.d/g1/s0\n";
  StubWatch watch = StubWatch::of(stub.string());
  fs::remove(stub);
  EXPECT_TRUE(watch.changed()) << "the collection removed";
}

} // namespace
} // namespace newsdex::detail
