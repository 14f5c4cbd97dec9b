// A reader's pin on a shard (storage/read_pin.hpp): while it is held, a newsdex writer commits
// once more at most, so the revision the reader opened is never overwritten under it.
#include <newsdex/schema.hpp>

#include "index/document_builder.hpp"
#include "index/writer.hpp"
#include "storage/read_pin.hpp"
#include "temp_folder.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

namespace newsdex::detail {
namespace {

BuiltDocument built(const std::string& id) {
  BuiltDocument b;
  b.id = id;
  b.id_term = std::string(schema::id_term(id));
  b.content_hash = id;
  b.document.add_boolean_term(b.id_term);
  b.document.add_term("word" + id);
  b.document.add_value(schema::hash_slot, id);
  b.document.set_data(std::string(4000, 'x') + id); // enough data that commits rewrite blocks
  return b;
}

Target shard_at(const std::string& path) {
  Target t;
  t.path = path;
  t.db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE);
  return t;
}

void write_batch(Target& t, int first, int count) {
  for (int i = first; i < first + count; ++i) {
    BuiltDocument b = built(std::to_string(i));
    t.write(b);
  }
  t.commit();
}

TEST(ReadPin, AWriterGoesNoFurtherThanOneCommitPastAPinnedRevision) {
  test::TempFolder dir("newsdex-read-pin-");
  const std::string shard = dir / "s0";
  Target t = shard_at(shard);
  write_batch(t, 0, 50);

  auto pin = std::make_unique<ReadPin>(shard);
  ASSERT_TRUE(pin->held());
  Xapian::Database reader(shard);
  const Xapian::rev pinned = reader.get_revision();

  // The writer's first commit lands, then it waits inside Target::commit for the pin.
  std::atomic<int> batches{0};
  std::thread writer([&] {
    for (int batch = 1; batch <= 5; ++batch) {
      write_batch(t, batch * 50, 50);
      ++batches;
    }
  });
  while (Xapian::Database(shard).get_revision() == pinned)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // Had the writer not waited, its four other batches would land in this time.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(batches.load(), 0);
  EXPECT_EQ(Xapian::Database(shard).get_revision(), pinned + 1);
  // Every block of the pinned revision is still there to read.
  EXPECT_EQ(reader.get_doccount(), 50u);
  for (Xapian::docid id = 1; id <= 50; ++id)
    EXPECT_EQ(reader.get_document(id).get_data().substr(4000), std::to_string(id - 1));

  pin.reset();
  writer.join();
  EXPECT_EQ(batches.load(), 5);
  EXPECT_EQ(Xapian::Database(shard).get_doccount(), 300u);
  EXPECT_EQ(Xapian::Database(shard).get_revision(), pinned + 5);
}

TEST(ReadPin, WithNoReaderEverPinningTheWriterLeavesNoPinFile) {
  test::TempFolder dir("newsdex-read-pin-");
  const std::string shard = dir / "s0";
  Target t = shard_at(shard);
  for (int batch = 0; batch < 3; ++batch) write_batch(t, batch * 10, 10);
  EXPECT_FALSE(std::filesystem::exists(shard + "/" + read_pin_file));
  EXPECT_EQ(Xapian::Database(shard).get_doccount(), 30u);
}

TEST(ReadPin, PinsDoNotExcludeEachOther) {
  test::TempFolder dir("newsdex-read-pin-");
  const std::string shard = dir / "s0";
  Target t = shard_at(shard);
  write_batch(t, 0, 1);
  ReadPin a(shard);
  ReadPin b(shard); // would block forever were pins exclusive
  EXPECT_TRUE(a.held());
  EXPECT_TRUE(b.held());
}

TEST(ReadPin, NothingIsPinnedWhereNoShardIs) {
  test::TempFolder dir("newsdex-read-pin-");
  ReadPin pin(dir / "missing");
  EXPECT_FALSE(pin.held());
  wait_for_read_pins(dir / "missing"); // returns at once
}

} // namespace
} // namespace newsdex::detail
