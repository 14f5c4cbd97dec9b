// The spelling data of a fresh build, written beside the documents instead of after them.
#pragma once

#include "index/bounded_queue.hpp"

#include <xapian.h>

#include <cstddef>
#include <exception>
#include <string>
#include <thread>
#include <vector>

namespace newsdex::detail {

/// A temporary database holding only spelling data, filled by its own thread with the words of
/// each analyzed article, and merged into the collection with the documents by compaction.
///
/// Why: Xapian's add_spelling is costly for a new word (it files every n-gram fragment of it)
/// and cheap for a known one (a count), and its commit rewrites every fragment entry it touches,
/// so one commit at the end is the cheapest. Added to the compacted database after the run, the
/// spelling data of a reuters21578 build took 0.45 s on one core while the other idled; here the
/// fragments are filed while the pipeline runs, the commit starts as soon as the last article is
/// analyzed (while the writers still drain their queues), and compaction writes the table in
/// full blocks.
class SpellingWriter {
public:
  /// Creates (or overwrites) the database at `path`, without fsync.
  explicit SpellingWriter(std::string path);
  ~SpellingWriter();
  SpellingWriter(const SpellingWriter&) = delete;
  SpellingWriter& operator=(const SpellingWriter&) = delete;

  const std::string& path() const { return path_; }

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
  /// Articles whose counts are summed before they go to Xapian, whose own count map is slower
  /// than a hash map.
  static constexpr std::size_t articles_per_flush = 2000;

  void loop();

  using Chunk = std::vector<std::vector<std::string>>; ///< empty: the end

  std::string path_;
  Xapian::WritableDatabase db_;
  Chunk filling_;       ///< the producer's, unlocked
  bool closed_ = false; ///< the producer's
  BoundedQueue<Chunk> queue_{capacity};
  std::exception_ptr error_; ///< set by the thread, read after the join
  std::thread thread_;       // last: starts once everything above is constructed
};

} // namespace newsdex::detail
