// Indexer::Impl: the state of one writer of a collection, shared by the files that each do one
// of its jobs, so that none of them needs the others' internals:
//   collection_writer.cpp  open (or create) the collection, check and record its build, commit,
//                          publish, close;
//   fresh_build.cpp        a run: into the collection's shards, or a fresh build through
//                          temporary databases compacted into the next generation;
//   generations.cpp        compaction and reindex, which swap in a new generation;
//   delete.cpp             removing documents by id or by query.
// The pipeline and the writer threads (pipeline.hpp, writer.hpp) know nothing of a collection;
// boundary.hpp turns whatever a job throws into newsdex::Error at the public methods.
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/indexer.hpp>

#include "entities/recognizer.hpp"
#include "index/document_builder.hpp"
#include "index/writer.hpp"
#include "storage/collection.hpp"
#include "storage/manifest.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

struct Indexer::Impl {
  std::string path;
  IndexOptions options;
  Analyzer analyzer;
  /// The entity tables of the analyzer's alias files, fetched with it: the alias files are read
  /// once, so every document of this writer is recognized with the tables its fingerprint names.
  std::shared_ptr<const detail::EntityTables> entities;
  /// The analyzers add() uses, made once (an analyzer owns an ICU BreakIterator, costly to make).
  std::optional<detail::AnalyzerSet> add_analyzers;
  detail::CollectionLayout layout;
  std::vector<std::unique_ptr<detail::Target>>
      shards;             ///< the writers of the collection, one a shard
  bool created = false;   ///< the collection did not exist: it lives in
                          ///< PATH.d/g1, unpublished
  bool published = true;  ///< PATH names the current shards
  bool abandoned = false; ///< a fresh build failed: never publish what is left
  bool closed = false;    ///< close() released the lock: every method but close() refuses
  /// The shards are served remotely (xapian-tcpsrv --writable): written in place, never through a
  /// fresh build's local temporary databases and generations.
  bool remote = false;
  /// The last public call threw: the caller has the error, so a failure of the destructor's
  /// commit (most often the same full disk) is not logged a second time.
  bool failure_reported = false;
  /// Set when a shard was built with another analyzer fingerprint (an older newsdex, other rules):
  /// the error every method but reindex() and close() throws, so that nothing is written or
  /// searched with terms that silently differ. reindex() rebuilds the collection and clears it.
  std::optional<Error> stale_analysis;
  /// Throws stale_analysis, if set.
  void refuse_if_stale() const {
    if (stale_analysis) throw *stale_analysis;
  }

  detail::Manifest manifest; ///< what every shard records: how the collection is built

  /// Time partitions (storage/partitions.hpp): the scheme, the shards of each period, and the
  /// period of each of `shards` (parallel to it, in the stub's order; empty when not partitioned).
  detail::PartitionScheme partition = detail::PartitionScheme::none;
  unsigned per_period = 1;
  std::vector<std::string> periods;
  /// A partitioned reindex is writing this generation (0: none): new periods go there, and no
  /// stub names them until it is complete.
  unsigned building = 0;

  Impl(const std::string& p, IndexOptions o);

  unsigned shard_count() const { return static_cast<unsigned>(shards.size()); }

  /// Analyzes with `a` from now on (a reindex with new settings).
  void use_analyzer(const Analyzer& a);
  /// Throws Error(usage) once closed.
  void check_open() const;

  bool partitioned() const { return partition != detail::PartitionScheme::none; }

  // collection_writer.cpp
  /// Checks and records the build in a shard; `place` is what newsdex.shard holds ("K/N", or
  /// "PERIOD K/N" in a partitioned collection).
  void prepare(detail::Target& t, const std::string& place);
  /// newsdex.shard of shards[i].
  std::string place_of(unsigned i) const;
  /// Where shards[i] lives in generation `generation`.
  std::string shard_dir(unsigned generation, unsigned i) const;
  /// Opens the collection at `path`: open_layout(), after writing the stub of a new collection
  /// of remote shards (write_remote_stub(); removed again when no shard answers).
  void open();
  void open_layout();
  bool write_remote_stub();
  bool open_new();
  void remove_unpublished_generations();
  /// In a generation directory: it was never published (the lock of a fresh build's new
  /// collection), so no reader holds it.
  static constexpr const char* unpublished_mark = "unpublished";
  void publish(unsigned generation);
  void commit();
  void close();
  bool write_one(detail::BuiltDocument& built);
  /// The shard a document goes to: by id hash, or by its date's period and then id hash, the
  /// period's shards created first when it has none yet.
  unsigned route(const detail::BuiltDocument& built);
  /// Writes a document into its shard of a partitioned collection after removing any copy of its
  /// id from the other shards (its date moved it): the removal is committed first, so the id never
  /// exists twice, even after a crash. Commits the shard at the batch size. False: unchanged.
  bool write_partitioned(detail::BuiltDocument& built);
  /// Creates `period`'s shards in the current generation, records the build in them, and
  /// publishes a stub naming them (when the collection is published). Returns the first's index.
  unsigned create_period(const std::string& period);
  bool nothing_written() const;
  /// A command that only changes an existing collection (compact, delete by query) found one this
  /// Indexer created and nothing written to it: removes it and throws
  /// Error(database_missing), so such a command never creates a collection.
  void refuse_if_created_empty();

  // fresh_build.cpp
  unsigned auto_writers() const;
  IndexSummary run(const std::vector<std::string>& inputs);
  IndexSummary run_fresh(const std::vector<std::string>& inputs);

  // generations.cpp
  IndexSummary reindex(const std::optional<AnalyzerOptions>& given);
  IndexSummary rebuild_partitioned(const std::vector<std::string>& inputs);
  /// Removes generations older than `keep`, but for the shards `in_use` names.
  void remove_generations_before(unsigned keep, const std::vector<std::string>& in_use = {});
  void compact();

  // delete.cpp
  /// The shards that may hold `id`.
  std::vector<detail::Target*> holders(std::string_view id) const;
  bool remove(std::string_view id);
  bool contains(std::string_view id) const;
  std::uint64_t remove_matching(const std::string& query);
  std::vector<std::string> ids_matching(const std::string& query);
  /// The query of remove_matching: every word required; refused when nothing positive.
  Xapian::Query delete_query(const std::string& query);
};

} // namespace newsdex
