// The spelling data of a fresh build, written beside the documents instead of after them.
#pragma once

#include "common/string_hash.hpp"
#include "index/bounded_queue.hpp"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace newsdex::detail {

/// Temporary databases holding only spelling data, filled by their own thread with the words of
/// each analyzed article, and merged into the collection with the documents by compaction.
///
/// Why: Xapian's add_spelling is costly for a new word (it files every n-gram fragment of it)
/// and cheap for a known one (a count), and its commit rewrites every fragment entry it touches,
/// so one commit at the end is the cheapest. Added to the compacted database after the run, the
/// spelling data of a reuters21578 build took 0.45 s on one core while the other idled; here the
/// fragments are filed while the pipeline runs, the commit starts as soon as the last article is
/// analyzed (while the writers still drain their queues), and compaction writes the table in
/// full blocks.
///
/// Memory stays bounded at any collection size: Xapian holds every new word's fragments in memory
/// until a commit, so a part is committed and the next begun once it holds `part_words` distinct
/// words, `first_part_words` for the first (compaction merges the parts' spelling tables, summing
/// counts; a collection whose vocabulary fits the first part has no such merge).
///
/// Each word is filed (its fragments written) in one part only: a word met again after its part
/// was closed has its count kept here and added to that part at the end, when the part is opened
/// again and only the word's count changes. Filed again in every part, the common words of
/// reuters21578 x 10 (92,683 spelling words) were filed about five times over (simulated:
/// 513,000 filings in thirteen parts of 40,000).
class SpellingWriter {
public:
  /// How much the writer holds before it passes words on; the defaults are the product's, tests
  /// choose small ones.
  struct Limits {
    /// Distinct words a part takes before it is committed and the next begun. Xapian keeps a
    /// new word's n-gram fragments in memory until the commit, several hundred bytes a word:
    /// without parts, the spelling data of reuters21578 x 10 took 75 of the build's 155 MB.
    /// 40,000 until each word was filed in one part; since then a smaller part costs no more
    /// filing, and 25,000 took the peak RSS of a 10x build from 121 to 109 MB, its CPU time the
    /// same within the noise (docs/PERFORMANCE.md).
    std::size_t part_words = 25000;
    /// ... but the first part takes this many. Two parts or more are merged by the build's
    /// compaction, which decompresses, joins and compresses again every fragment entry the parts
    /// share (nearly all): on bbc (26,968 spelling words, a first part of 25,000) that merge was
    /// 0.84 G of the build's 10.4 G instructions, and bbc indexed 6-11 % faster in one part.
    /// Collections whose vocabulary fits the first part (reuters21578 has 40,475 words) skip the
    /// merge; larger ones pay for the bigger first part in memory while it is open (peak RSS
    /// +12 MB at reuters21578 x 10, +3 MB at x 40, their CPU time unchanged;
    /// docs/PERFORMANCE.md, "One spelling part for a collection that fits it").
    std::size_t first_part_words = 50000;
    /// Distinct words whose counts are summed before they go to Xapian, whose own count map is
    /// slower than a hash map, and which costs a call a word and batch: a common word is passed
    /// once for many articles. By words, not articles, so memory is bounded. Measured on
    /// reuters21578 x 10 (docs/PERFORMANCE.md): flushing every 2,000 articles spent 8 s more
    /// CPU than every 20,000.
    std::size_t pending_words = 30000;
    /// Words of closed parts remembered (their part, and their count since it closed), about 32
    /// bytes each. Beyond it the closed parts are brought up to date and their words forgotten:
    /// a word met again is then filed again, in the open part. A reuters21578 x 10 collection
    /// holds 92,683 spelling words; x 40 about 273,000 distinct words (a rough count).
    std::size_t remembered_words = 100000;
  };

  /// Creates (or overwrites) the database at `path` (and `path`.1, .2, ... for more parts),
  /// without fsync.
  explicit SpellingWriter(std::string path);
  SpellingWriter(std::string path, Limits limits);
  ~SpellingWriter();
  SpellingWriter(const SpellingWriter&) = delete;
  SpellingWriter& operator=(const SpellingWriter&) = delete;

  /// Every part written, in order. Complete once finish() has returned.
  const std::vector<std::string>& paths() const { return paths_; }

  /// Queues one article's distinct words (blocks while the queue is full, so memory stays
  /// bounded). One producer: the routing stage.
  void add(std::vector<std::string> words);

  /// No more words: the thread adds what is queued and commits, in the background. Idempotent.
  void close_input();

  /// close_input(), then waits for the commit; rethrows the thread's error.
  void finish();

private:
  /// Articles handed over at once: a wake-up an article cost more than the counting.
  static constexpr std::size_t articles_per_chunk = 256;
  static constexpr std::size_t capacity = 8; ///< queued chunks
  /// Where a word was filed, and its count since that part was closed.
  struct Filed {
    std::uint32_t part;
    Xapian::termcount later = 0;
  };

  void loop();
  /// Passes `word` to the part it was filed in: the open part now, a closed part at the end. A new
  /// word is filed in the open part, beginning a new part when it is full.
  void add_to_part(const std::string& word, Xapian::termcount count);
  /// Commits and closes the open part and creates the next.
  void begin_next_part();
  /// Adds the counts kept for the closed parts' words to those parts, and forgets those words.
  void settle_closed_parts();

  using Chunk = std::vector<std::vector<std::string>>; ///< empty: the end

  std::string path_;
  Limits limits_;
  std::vector<std::string> paths_; ///< the thread's until the join
  Xapian::WritableDatabase db_;
  /// By the word's 64-bit hash, not the word (a 10x build's peak RSS 121 MB against 126 with the
  /// words as keys): a part names its own words when it is brought up to date. Two words of one
  /// build with the same hash (about one chance in 10^9 at 100,000 words) would leave the second
  /// out of the spelling data and add its count to the first's; nothing else.
  std::unordered_map<std::uint64_t, Filed> filed_; ///< the thread's
  std::size_t open_part_words_ = 0;                ///< distinct words filed in the open part
  Chunk filling_;                                  ///< the producer's, unlocked
  bool closed_ = false;                            ///< the producer's
  BoundedQueue<Chunk> queue_{capacity};
  std::exception_ptr error_; ///< set by the thread, read after the join
  std::thread thread_;       // last: starts once everything above is constructed
};

} // namespace newsdex::detail
