// A fresh build's temporary databases written in parts (index/fresh_parts.hpp) and its spelling
// data in parts (index/spelling_writer.hpp): whatever the parts, the merged collection holds each
// id once, with its last content, and every word's count; and how often a writer flushes them.
#include <newsdex/schema.hpp>

#include "common/hash.hpp"
#include "index/document_builder.hpp"
#include "index/fresh_parts.hpp"
#include "index/spelling_writer.hpp"
#include "index/writer.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsdex::detail {
namespace {

namespace fs = std::filesystem;

class FreshPartsTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("newsdex-fresh-parts-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  static BuiltDocument built(const std::string& id, const std::string& content) {
    BuiltDocument b;
    b.id = id;
    b.id_term = std::string(schema::id_term(id));
    b.content_hash = content;
    b.document.add_boolean_term(b.id_term);
    b.document.add_term(content);
    b.document.add_value(schema::hash_slot, content);
    b.document.set_data(id);
    return b;
  }

  // Writes `docs` in order, committing after each (the parts rotate at commits); returns what
  // each write() said, and leaves the parts' paths in `paths`.
  std::vector<bool> write_all(const std::vector<BuiltDocument>& docs, std::size_t part_docs,
                              std::vector<std::string>& paths) {
    const std::string base = path("t0");
    Xapian::WritableDatabase db;
    FreshParts parts(db, base, part_docs);
    std::vector<bool> written;
    for (auto d : docs) {
      written.push_back(parts.write(d));
      db.commit();
      parts.committed();
    }
    paths = parts.close();
    return written;
  }

  static Xapian::Database merged(const std::vector<std::string>& paths) {
    Xapian::Database all;
    for (const auto& p : paths) all.add_database(Xapian::Database(p));
    return all;
  }

  fs::path dir_;
};

TEST_F(FreshPartsTest, APartIsClosedOnceFull) {
  std::vector<std::string> paths;
  write_all({built("a", "x"), built("b", "x"), built("c", "x"), built("d", "x"), built("e", "x")},
            2, paths);
  ASSERT_EQ(paths.size(), 3u);
  EXPECT_EQ(paths[0], path("t0"));
  EXPECT_EQ(paths[1], path("t0") + ".1");
  EXPECT_EQ(Xapian::Database(paths[0]).get_doccount(), 2u);
  EXPECT_EQ(Xapian::Database(paths[2]).get_doccount(), 1u);
  EXPECT_EQ(merged(paths).get_doccount(), 5u);
}

TEST_F(FreshPartsTest, AnIdChangedAfterItsPartClosedIsStoredOnceWithItsLastContent) {
  std::vector<std::string> paths;
  auto written = write_all(
      {built("a", "old"), built("b", "x"), built("c", "x"), built("a", "new"), built("a", "newer")},
      2, paths);
  EXPECT_EQ(written, (std::vector<bool>{true, true, true, true, true}));
  Xapian::Database all = merged(paths);
  EXPECT_EQ(all.get_doccount(), 3u);
  EXPECT_EQ(all.get_termfreq(std::string(schema::id_term("a"))), 1u);
  EXPECT_EQ(all.get_termfreq("old"), 0u);
  EXPECT_EQ(all.get_termfreq("new"), 0u);
  EXPECT_EQ(all.get_termfreq("newer"), 1u);
}

TEST_F(FreshPartsTest, AnIdChangedTwiceAcrossThreePartsIsStoredOnce) {
  std::vector<std::string> paths;
  write_all({built("a", "v1"), built("b", "x"), built("a", "v2"), built("c", "x"), built("d", "x"),
             built("a", "v3")},
            2, paths);
  Xapian::Database all = merged(paths);
  EXPECT_EQ(all.get_termfreq(std::string(schema::id_term("a"))), 1u);
  EXPECT_EQ(all.get_termfreq("v3"), 1u);
  EXPECT_EQ(all.get_doccount(), 4u);
}

TEST_F(FreshPartsTest, AnUnchangedIdInAClosedPartIsNotWrittenAgain) {
  std::vector<std::string> paths;
  auto written = write_all({built("a", "same"), built("b", "x"), built("c", "x"),
                            built("a", "same"), built("a", "same")},
                           2, paths);
  EXPECT_EQ(written, (std::vector<bool>{true, true, true, false, false}));
  Xapian::Database all = merged(paths);
  EXPECT_EQ(all.get_termfreq(std::string(schema::id_term("a"))), 1u);
  EXPECT_EQ(all.get_doccount(), 3u);
}

TEST_F(FreshPartsTest, AnIdRepeatedWithinTheOpenPartIsReplacedThere) {
  std::vector<std::string> paths;
  auto written = write_all({built("a", "one"), built("a", "two"), built("a", "two")}, 10, paths);
  EXPECT_EQ(written, (std::vector<bool>{true, true, false}));
  ASSERT_EQ(paths.size(), 1u);
  Xapian::Database all = merged(paths);
  EXPECT_EQ(all.get_doccount(), 1u);
  EXPECT_EQ(all.get_termfreq("two"), 1u);
}

// Closed parts keep 32 bits of each id's hash: two ids that share them are told apart by the
// part's own look-up, so the second is stored, not taken for an unchanged copy of the first.
TEST_F(FreshPartsTest, TwoIdsSharingTheKeptHashBitsAreBothStored) {
  std::unordered_map<std::uint32_t, std::string> seen;
  std::string first, second;
  for (unsigned n = 0; second.empty(); ++n) {
    const std::string id = "id" + std::to_string(n);
    const auto kept = static_cast<std::uint32_t>(fnv1a64(schema::id_term(id)) >> 32);
    auto [it, inserted] = seen.emplace(kept, id);
    if (!inserted) {
      first = it->second;
      second = id;
    }
  }
  ASSERT_NE(fnv1a64(schema::id_term(first)), fnv1a64(schema::id_term(second)));
  std::vector<std::string> paths;
  auto written =
      write_all({built(first, "same"), built("b", "x"), built(second, "same")}, 2, paths);
  EXPECT_EQ(written, (std::vector<bool>{true, true, true}));
  Xapian::Database all = merged(paths);
  EXPECT_EQ(all.get_doccount(), 3u);
  EXPECT_EQ(all.get_termfreq(std::string(schema::id_term(first))), 1u);
  EXPECT_EQ(all.get_termfreq(std::string(schema::id_term(second))), 1u);
}

// `n` distinct words: `stem`, then `stem` with letters naming 1, 2, ... (stema, stemb, ...).
std::vector<std::string> distinct_words(const std::string& stem, int n) {
  std::vector<std::string> words;
  for (int i = 0; i < n; ++i) {
    std::string w = stem;
    for (int k = i; k > 0; k /= 26) w += static_cast<char>('a' + k % 26);
    words.push_back(w);
  }
  return words;
}

TEST_F(FreshPartsTest, SpellingPartsMergeIntoEveryWordWithItsCount) {
  const std::vector<std::string> words = distinct_words("word", 100);
  // 25 distinct words a part: four parts or more, "common" in each; and one part as reference.
  auto build = [&](const std::string& name, std::size_t part_words, std::size_t& parts) {
    SpellingWriter::Limits limits;
    limits.part_words = limits.first_part_words = part_words;
    SpellingWriter spelling(path(name), limits);
    for (int round = 0; round < 2; ++round)
      for (const auto& w : words) spelling.add({w, "common"});
    spelling.finish();
    parts = spelling.paths().size();
    Xapian::Database src;
    for (const auto& p : spelling.paths()) src.add_database(Xapian::Database(p));
    src.compact(path(name + "-merged"));
    return Xapian::Database(path(name + "-merged"));
  };
  std::size_t parts = 0, one = 0;
  Xapian::Database db = build("parts", 25, parts);
  Xapian::Database reference = build("whole", 1000, one);
  ASSERT_GE(parts, 4u);
  ASSERT_EQ(one, 1u);
  std::map<std::string, Xapian::doccount> frequency;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
    frequency[*it] = it.get_termfreq();
  EXPECT_EQ(frequency.size(), words.size() + 1);
  EXPECT_EQ(frequency["common"], 200u);
  for (const auto& w : words) EXPECT_EQ(frequency[w], 2u) << w;
  for (const char* typo : {"comon", "wordbxq", "wrodcd", "wordzz"})
    EXPECT_EQ(db.get_spelling_suggestion(typo), reference.get_spelling_suggestion(typo)) << typo;
  EXPECT_EQ(db.get_spelling_suggestion("comon"), "common");
}

// The first part takes first_part_words, the later ones part_words: a vocabulary that fits the
// first part is one part, which the build's compaction copies instead of merging.
TEST_F(FreshPartsTest, SpellingFirstPartHasItsOwnSize) {
  const std::vector<std::string> words = distinct_words("firm", 100);
  auto parts_for = [&](const std::string& name, std::size_t first, std::size_t later) {
    SpellingWriter::Limits limits;
    limits.first_part_words = first;
    limits.part_words = later;
    SpellingWriter spelling(path(name), limits);
    for (const auto& w : words) spelling.add({w});
    spelling.finish();
    std::vector<std::size_t> sizes;
    for (const auto& p : spelling.paths()) {
      Xapian::Database part(p);
      sizes.push_back(
          static_cast<std::size_t>(std::distance(part.spellings_begin(), part.spellings_end())));
    }
    return sizes;
  };
  EXPECT_EQ(parts_for("first40", 40, 25), (std::vector<std::size_t>{40, 25, 25, 10}));
  EXPECT_EQ(parts_for("fits", 100, 25), (std::vector<std::size_t>{100}));
  EXPECT_EQ(SpellingWriter::Limits{}.first_part_words, 50000u)
      << "docs/PERFORMANCE.md measured this default";
}

// A word met again after its part was closed is not filed again in a later part (its fragments
// written twice): its count goes to the part it is in, which the merge then sums. With fewer words
// remembered than there are, the closed parts are brought up to date on the way and a word may be
// filed again, and the merged counts are still exact.
TEST_F(FreshPartsTest, SpellingFilesAWordInOnePartAndCountsItThere) {
  const std::vector<std::string> words = distinct_words("term", 100);
  for (std::size_t remembered : {std::size_t{1000}, std::size_t{30}}) {
    SCOPED_TRACE(remembered);
    const std::string name = "once" + std::to_string(remembered);
    // 25 distinct words a part, counts passed on after every chunk of 256 articles: the second
    // chunk meets every word again, most of them in parts closed by then.
    SpellingWriter::Limits limits;
    limits.part_words = limits.first_part_words = 25;
    limits.pending_words = 1;
    limits.remembered_words = remembered;
    SpellingWriter spelling(path(name), limits);
    std::map<std::string, Xapian::doccount> expected;
    for (int article = 0; article < 768; ++article) {
      const std::string& w = words[static_cast<std::size_t>(article % 100)];
      spelling.add({w, "common"});
      ++expected[w];
      ++expected["common"];
    }
    spelling.finish();
    ASSERT_GE(spelling.paths().size(), 4u);

    std::map<std::string, int> parts_holding;
    Xapian::Database src;
    for (const auto& p : spelling.paths()) {
      Xapian::Database part(p);
      for (auto it = part.spellings_begin(); it != part.spellings_end(); ++it) ++parts_holding[*it];
      src.add_database(part);
    }
    EXPECT_EQ(parts_holding.size(), expected.size());
    const int most =
        std::max_element(parts_holding.begin(), parts_holding.end(), [](auto& a, auto& b) {
          return a.second < b.second;
        })->second;
    if (remembered == 1000)
      EXPECT_EQ(most, 1);
    else
      EXPECT_GT(most, 1); // the bound was reached: some words were filed again

    src.compact(path(name + "-merged"));
    Xapian::Database db(path(name + "-merged"));
    std::map<std::string, Xapian::doccount> frequency;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
      frequency[*it] = it.get_termfreq();
    EXPECT_EQ(frequency, expected);
    EXPECT_EQ(db.get_spelling_suggestion("comon"), "common");
    EXPECT_EQ(db.get_spelling_suggestion("trmab"), "termab");
  }
}

// A writer of a fresh build flushes every `batch` documents while its first part is open and
// every `later_parts_batch` after: each commit is one revision of the part it wrote. Parts of 12
// documents, 20 written.
TEST_F(FreshPartsTest, AWriterFlushesLessOftenOnceItsFirstPartIsClosed) {
  auto revisions = [&](const std::string& name, std::size_t later) {
    Target target;
    target.path = path(name);
    target.parts = std::make_unique<FreshParts>(target.db, target.path, 12);
    target.later_parts_batch = later;
    IndexOptions options;
    std::atomic<std::uint64_t> indexed{0}, unchanged{0};
    std::atomic<bool> failed{false};
    {
      WriterThread writer(target, options, 2, indexed, unchanged, failed);
      for (int i = 0; i < 20; ++i) {
        std::string id(name);
        id.append(std::to_string(i));
        auto item = std::make_unique<PipelineItem>();
        item->built = built(id, id);
        writer.push(std::move(item));
      }
      writer.finish();
    }
    EXPECT_EQ(indexed.load(), 20u);
    EXPECT_FALSE(failed.load());
    std::vector<Xapian::rev> revs;
    for (const auto& p : target.parts->close()) revs.push_back(Xapian::Database(p).get_revision());
    return revs;
  };
  const std::vector<Xapian::rev> same = revisions("same", 0);
  const std::vector<Xapian::rev> fewer = revisions("fewer", 6);
  // Every 2 documents: 6 commits in the first part; in the second (8 documents) 4 and the
  // writer's last.
  EXPECT_EQ(same, (std::vector<Xapian::rev>{6, 5}));
  // The first part alike; in the second, one after 6 documents and the writer's last.
  EXPECT_EQ(fewer, (std::vector<Xapian::rev>{6, 2}));
}

} // namespace
} // namespace newsdex::detail
