/// \file
/// Writing articles into a collection.
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/article.hpp>
#include <newsdex/export.hpp>
#include <newsdex/reader.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// Progress of a running index job, reported through IndexOptions::progress.
struct IndexProgress {
  std::uint64_t articles = 0;    ///< articles read so far
  std::uint64_t bytes = 0;       ///< input bytes read so far
  double seconds = 0;            ///< since the job started
  std::uint64_t total_bytes = 0; ///< input bytes in all, when known (files); 0 when unknown
  std::uint64_t indexed = 0;     ///< articles written so far (added or replaced)
  /// Articles the writers found unchanged so far (not written). indexed + unchanged is how many
  /// articles the writers have dealt with, which trails `articles` by what is queued between them.
  std::uint64_t unchanged = 0;
  bool merging = false; ///< reading is over; a fresh build is merging its shards
};

/// How a collection's articles are split by date (IndexOptions::partition, docs/SCALE.md "Time
/// partitions").
enum class TimePartition {
  none,  ///< by id only (the default)
  month, ///< one period a calendar month ("YYYY-MM"), undated articles in a period of their own
  year,  ///< one period a calendar year ("YYYY"), undated articles in a period of their own
};

/// How an Indexer opens its collection and how Indexer::index reads, analyzes and writes.
/// The defaults suit a collection on a local disk.
struct IndexOptions {
  /// How articles are analyzed. Absent (the default): as the collection records it (its
  /// manifest), or the defaults for a new collection. Given for a new collection, it is recorded;
  /// given for an existing one, it must match the record (Error(usage) naming the option).
  std::optional<AnalyzerOptions> analyzer;
  /// How Indexer::index reads its inputs (id prefix, file size limit, globs, JSON fields).
  ReadOptions read;
  /// Commit after this many documents (per shard writer). Default 5000. A fresh build (see
  /// Indexer::index) publishes nothing before its end, so its temporary databases, shared out
  /// among the writers, are flushed every min(batch_documents / writers, 250) documents
  /// instead: Xapian's in-memory buffer costs more per document the larger it grows.
  std::size_t batch_documents = 5000;
  /// ... or once the uncommitted documents take about this many megabytes of the writer's memory
  /// (an estimate: stored data plus postings), whichever comes first. Default 64.
  std::size_t batch_megabytes = 64;
  /// Analysis threads; 0 means one per core. Default 0.
  unsigned threads = 0;
  /// Shards of a new collection (0 or 1: one database), or of each period of a partitioned one
  /// (`partition`). For an existing collection 0 means "as it is"; any other value must equal its
  /// shard count, or its shards a period (Error(usage) otherwise).
  unsigned shards = 0;
  /// Time partitions of a new collection: each article goes to the shards of its date's period
  /// (and, with `shards` > 1, to one of that period's `shards` by id hash); a period's shards are
  /// created when its first article arrives. Such a collection is written in place by one writer
  /// (never a fresh build), and a date-restricted search reads only the periods that can match.
  /// For an existing collection none means "as it is"; any other value must equal its scheme
  /// (Error(usage) otherwise).
  TimePartition partition = TimePartition::none;
  /// Remote shards of a new collection, in shard order: `tcp:HOST:PORT` (a `xapian-tcpsrv
  /// --writable`; no authentication, so a host other than loopback logs a warning) or
  /// `ssh:[USER@]HOST:/PATH` (`xapian-progsrv` over ssh). The collection is then a stub of
  /// Xapian `remote` lines, each shard created and written through its server (docs/SCALE.md).
  /// Error(usage) for a malformed one, with `shards` > 1 or `partition`, or when a collection
  /// already exists at the path; a shard that does not answer leaves no collection behind.
  std::vector<std::string> remote_shards;
  /// Parallel writers of a fresh build of a one-database collection: each writes a temporary
  /// database, merged by compaction at the end. 0 picks automatically (see docs/PERFORMANCE.md).
  /// Runs into an existing collection always use its one writer per shard.
  unsigned writers = 0;
  /// When set and true, the read stage stops: what was read is analyzed, written and committed,
  /// and index() returns with IndexSummary::interrupted. Safe to set from a signal handler.
  const std::atomic<bool>* stop = nullptr;
  /// Called from one thread at a time (the pipeline's serial stage) about every
  /// `progress_interval_ms`, and once at the end. An exception it throws cancels the job: what
  /// reached the writers is committed (a fresh build publishes nothing), and index() rethrows
  /// that exception unchanged, the one exception not translated into newsdex::Error.
  std::function<void(const IndexProgress&)> progress;
  /// Milliseconds between two `progress` calls (at least). Default 500.
  unsigned progress_interval_ms = 500;
  /// Create the collection when nothing is at the path (the default). False: opening a missing
  /// collection throws Error(database_missing, "no collection at PATH") and creates nothing,
  /// what a command that only changes an existing collection (delete, compact) wants.
  bool create = true;
};

/// What an index job did.
struct IndexSummary {
  std::uint64_t read = 0;             ///< articles read
  std::uint64_t indexed = 0;          ///< added or replaced
  std::uint64_t unchanged = 0;        ///< skipped because the stored content hash matched
  std::uint64_t skipped = 0;          ///< inputs deliberately not read (empty, binary, too large)
  std::uint64_t failed = 0;           ///< inputs or records that could not be read
  std::uint64_t bytes = 0;            ///< input bytes read
  double seconds = 0;                 ///< wall-clock time of the job, merging included
  std::vector<InputProblem> problems; ///< every warning, skip and failure, in input order
  bool interrupted = false; ///< stopped early through IndexOptions::stop (what was read is stored)
  bool fresh_build = false; ///< the collection was new: built in temporary shards and compacted
  unsigned writers = 0;     ///< writer threads used
  double merge_seconds = 0; ///< time spent compacting temporary shards (fresh builds)
};

/// The one writer of a collection (one database, or shards routed by fnv1a64(id) mod N). Opening
/// it takes Xapian's write lock (a second Indexer on the same path throws Error(database_locked)).
/// A new collection becomes visible to readers at the first commit (or, for index(), when the
/// fresh build is complete). Not thread-safe; the pipeline inside index() is.
///
/// Every member function throws newsdex::Error only (a Xapian, file-system or allocation failure
/// is translated, with its code), except that index() rethrows an exception of the caller's own
/// progress callback unchanged.
///
/// Ending: call commit() or close(), which throw when the changes cannot be made durable. The
/// destructor commits what is left as a last resort, as Xapian's WritableDatabase does, because
/// throwing away an application's writes when it forgot to commit would be the worse surprise;
/// but a destructor cannot throw, so a failure there is only logged (LogLevel::error, through
/// set_log_sink) and the uncommitted changes are lost. Code that must know calls close().
class NEWSDEX_EXPORT Indexer {
public:
  /// Opens the collection at `path`, creating it when missing (unless IndexOptions::create is
  /// false). Throws Error on failure, with code database_mismatch when it was built with another
  /// schema or analyzer fingerprint.
  Indexer(const std::string& path, IndexOptions options = {});
  /// Commits what is uncommitted unless close() was called; a failure is logged, not thrown.
  ~Indexer();
  /// Takes over the other's collection and write lock; the other may then only be destroyed,
  /// assigned to or closed (any other call throws Error(usage)).
  Indexer(Indexer&&) noexcept;
  /// Takes over the other's collection and write lock; the other is then as after a move. The
  /// collection assigned over is finished as the destructor finishes it: its changes committed (a
  /// failure logged, not thrown; call close() first to see it) and its write lock released.
  Indexer& operator=(Indexer&&) noexcept;

  /// Reads, analyzes (in parallel) and writes every input; commits per batch and at the end.
  IndexSummary index(const std::vector<std::string>& inputs);

  /// Adds or replaces one article (by id). Returns false when an identical version is stored.
  /// Throws Error(input) when the article has no id.
  bool add(const Article& article);

  /// Removes the article with this id. Returns false when there was none.
  bool remove(std::string_view id);

  /// True when an article with this id is in the collection (uncommitted changes included).
  bool contains(std::string_view id) const;

  /// Makes every change so far durable and visible to readers. Throws Error when it cannot.
  void commit();

  /// Commits (throwing Error when that fails, the Indexer then still open), then releases the
  /// write lock. Afterwards every member function but close() throws Error(usage), and the
  /// destructor does nothing. Calling it twice is harmless.
  void close();

  /// Number of documents in the collection.
  std::uint64_t size() const;

  /// Removes every article matching `query` (newsdex's query language, over the committed
  /// state). Unlike a search, every word is required (MatchMode::all): "nato budget" removes the
  /// articles with both words. A query with nothing positive to match ("-sport", "NOT x", or
  /// such a part OR-ed with others) would remove almost everything and is refused with
  /// Error(usage); so is a syntax error (Error(query_syntax), strict parsing). Returns how many
  /// were removed; commits. Throws Error(database_missing) and creates nothing when this Indexer
  /// created the collection and nothing was written to it.
  std::uint64_t remove_matching(const std::string& query);

  /// The ids of the articles remove_matching(query) would remove, in collection order, changing
  /// nothing (a dry run). Refuses the same queries.
  std::vector<std::string> ids_matching(const std::string& query);

  /// Compacts the collection (Xapian compaction of every shard) into a new generation and swaps
  /// it in atomically (a new stub file renamed over the old one, under the write lock). Readers
  /// opened before keep reading the previous generation, which is kept until the next swap.
  /// Throws Error(usage) for a collection newsdex did not create (a bare database directory), and
  /// Error(database_missing) (creating nothing) when this Indexer created the collection and
  /// nothing was written to it.
  void compact();

  /// Rebuilds the collection from its own stored articles into a new generation, analyzed with
  /// `analyzer` (absent: the recorded settings; given: recorded from now on, so a schema or
  /// analyzer change never strands a collection), and swaps it in atomically like compact().
  /// The articles pass through a JSON Lines file in PATH.d (as `newsdex export` writes them), so
  /// the rebuild is the fast fresh build. Throws Error(usage) for a bare database directory.
  IndexSummary reindex(std::optional<AnalyzerOptions> analyzer = std::nullopt);

  /// Shards of the collection (1 for one database).
  unsigned shards() const;

  /// Bytes the collection's current generation takes on disk.
  std::uint64_t disk_size() const;

private:
  struct NEWSDEX_NO_EXPORT Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace newsdex
