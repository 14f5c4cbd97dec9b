// Writing articles into a collection.
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/article.hpp>
#include <newsdex/reader.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// Progress of a running index job, reported through IndexOptions::progress.
struct IndexProgress {
  std::uint64_t articles = 0; ///< articles read so far
  std::uint64_t bytes = 0;    ///< input bytes read so far
  double seconds = 0;         ///< since the job started
};

struct IndexOptions {
  AnalyzerOptions analyzer;
  ReadOptions read;
  /// Commit after this many documents. Default 5000.
  std::size_t batch_documents = 5000;
  /// ... or after this many megabytes of input, whichever comes first. Default 64.
  std::size_t batch_megabytes = 64;
  /// Analysis threads; 0 means one per core. Default 0.
  unsigned threads = 0;
  /// Called from the writer thread about every `progress_interval_ms`.
  std::function<void(const IndexProgress&)> progress;
  unsigned progress_interval_ms = 500;
};

/// What an index job did.
struct IndexSummary {
  std::uint64_t read = 0;      ///< articles read
  std::uint64_t indexed = 0;   ///< added or replaced
  std::uint64_t unchanged = 0; ///< skipped because the stored content hash matched
  std::uint64_t skipped = 0;   ///< inputs deliberately not read (empty, binary, too large)
  std::uint64_t failed = 0;    ///< inputs or records that could not be read
  std::uint64_t bytes = 0;     ///< input bytes read
  double seconds = 0;
  std::vector<InputProblem> problems; ///< every warning, skip and failure, in input order
};

/// The one writer of a collection. Opening it takes Xapian's write lock (a second Indexer on the
/// same path throws Error(database_locked)). Not thread-safe; the pipeline inside index() is.
class Indexer {
public:
  /// Opens the collection at `path`, creating it when missing. Throws Error on failure, with
  /// code database_mismatch when it was built with another schema or analyzer fingerprint.
  Indexer(const std::string& path, IndexOptions options = {});
  ~Indexer();
  Indexer(Indexer&&) noexcept;
  Indexer& operator=(Indexer&&) noexcept;

  /// Reads, analyzes (in parallel) and writes every input; commits per batch and at the end.
  IndexSummary index(const std::vector<std::string>& inputs);

  /// Adds or replaces one article (by id). Returns false when an identical version is stored.
  /// Throws Error(input) when the article has no id.
  bool add(const Article& article);

  /// Removes the article with this id. Returns false when there was none.
  bool remove(std::string_view id);

  /// Makes every change so far durable and visible to readers.
  void commit();

  /// Number of documents in the collection.
  std::uint64_t size() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace newsdex
