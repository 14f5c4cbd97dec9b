// One database being written (Target) and the thread that writes it
// (WriterThread). Kept apart from the pipeline that feeds them and from the
// collection that owns them: a run into an existing collection writes its
// shards, a fresh build its temporary databases, both the same way.
#pragma once

#include <newsdex/indexer.hpp>
#include <newsdex/reader.hpp>

#include "index/bounded_queue.hpp"
#include "index/document_builder.hpp"
#include "index/fresh_parts.hpp"
#include "index/spelling_writer.hpp"

#include <xapian.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace newsdex::detail {

/// One article's trip through the pipeline: read, then analyzed, then queued
/// for its writer.
struct PipelineItem {
  RawRecord record;
  bool has_record = false;
  /// The walker's byte count once this record was read: the read stage owns the walker, so the
  /// route stage, which reports progress, reads the count here and never from the walker.
  std::uint64_t bytes_read = 0;
  bool ok = false;
  std::vector<InputProblem> problems;
  BuiltDocument built;
};

/// One writable database and its uncommitted batch.
struct Target {
  std::string path;
  Xapian::WritableDatabase db;
  bool fresh = false; ///< created empty by this Indexer: ids not seen in this
                      ///< run are not there
  std::size_t uncommitted_docs = 0;
  std::uint64_t uncommitted_bytes = 0;
  bool dirty = false; ///< changes (documents or deletions) since the last commit
  // Spelling data is aggregated: one add_spelling per distinct word and batch.
  // In a fresh build the routing stage hands each article's words to
  // `spelling_sink` instead, a database of its own that compaction merges with
  // the documents (spelling_writer.hpp says why).
  std::unordered_map<std::string, Xapian::termcount> spelling;
  SpellingWriter* spelling_sink = nullptr;
  /// A remote shard's local copy of its spelling data (remote_writer.hpp, local_spelling_path):
  /// the server stores spelling data but serves no suggestion.
  std::unique_ptr<Xapian::WritableDatabase> local_spelling;
  std::unordered_set<std::uint64_t> seen; ///< hashes of ids written (fresh targets only)
  /// A fresh build's temporary database, written in parts (fresh_parts.hpp); `db` is the open one.
  std::unique_ptr<FreshParts> parts;
  /// With `parts`: documents between flushes once the first part is closed (0: the writer's
  /// batch throughout). fresh_build.cpp says why it differs.
  std::size_t later_parts_batch = 0;

  /// Returns true when the document was written, false when an identical one is
  /// stored.
  bool write(BuiltDocument& built);
  /// Adds the batch's spelling data and commits (Xapian errors become
  /// newsdex::Error).
  void commit();
};

/// A thread that owns one Target and writes what the routing stage queues for
/// it.
class WriterThread {
public:
  WriterThread(Target& target, const IndexOptions& options, std::size_t batch_docs,
               std::atomic<std::uint64_t>& indexed, std::atomic<std::uint64_t>& unchanged,
               std::atomic<bool>& failed);
  ~WriterThread();
  WriterThread(const WriterThread&) = delete;
  WriterThread& operator=(const WriterThread&) = delete;

  /// Blocks while the queue is full (memory stays bounded). After a failure the
  /// thread drops what it is given, so this never waits for long.
  void push(std::unique_ptr<PipelineItem> item) { queue_.push(std::move(item)); }

  /// Writes what is queued, commits, stops the thread; rethrows the writer's
  /// error.
  void finish();

private:
  static constexpr std::size_t capacity = 256;

  void loop();
  /// Documents between commits now: the batch, or a later part's (Target::later_parts_batch).
  std::size_t batch_now() const;

  Target& target_;
  const IndexOptions& options_;
  std::size_t batch_docs_;
  std::atomic<std::uint64_t>& indexed_;
  std::atomic<std::uint64_t>& unchanged_;
  std::atomic<bool>& failed_;
  BoundedQueue<std::unique_ptr<PipelineItem>> queue_;
  std::exception_ptr error_;
  std::thread thread_; // last: starts once everything above is constructed
};

} // namespace newsdex::detail
