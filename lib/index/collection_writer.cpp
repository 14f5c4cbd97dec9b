// Opening a collection for writing (or creating it), checking and recording how
// it is built in every shard, committing and publishing.
#include "index/indexer_impl.hpp"

#include <newsdex/schema.hpp>

#include "common/log.hpp"
#include "index/files.hpp"
#include "storage/database_meta.hpp"
#include "storage/partitions.hpp"
#include "storage/remote_spec.hpp"
#include "storage/remote_writer.hpp"
#include "storage/xapian_errors.hpp"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view meta_shard = "newsdex.shard"; // "K/N" ("PERIOD K/N") in every shard

detail::PartitionScheme scheme_of(TimePartition p) {
  switch (p) {
  case TimePartition::month:
    return detail::PartitionScheme::month;
  case TimePartition::year:
    return detail::PartitionScheme::year;
  case TimePartition::none:
    break;
  }
  return detail::PartitionScheme::none;
}

// xapian-progsrv (a remote shard reached through ssh) opens an existing database only, and the
// Indexer reads the collection's manifest first, as a reader, which reports a missing one as a
// damaged manifest: each such shard of a remote collection is opened for writing once (and
// closed) before, so that a missing database is named as such.
void check_program_shards(const std::string& path) {
  const detail::CollectionLayout layout = detail::read_layout(path);
  if (layout.remotes.empty() || layout.remotes.size() != layout.entries.size()) return;
  for (const std::string& line : layout.remotes) {
    const detail::RemoteShard shard = detail::parse_remote_line(line, path);
    if (shard.program) detail::open_remote_writable(shard, path).close();
  }
}

} // namespace

Indexer::Impl::Impl(const std::string& p, IndexOptions o) : path(p), options(std::move(o)) {
  check_program_shards(path);
  std::optional<detail::Manifest> recorded = detail::read_manifest(path);
  const AnalyzerOptions resolved = detail::resolve_analyzer_options(path, options.analyzer);
  use_analyzer(Analyzer(resolved));
  // The record is kept as it is (its file names, its contents); a new
  // collection records the options it is created with.
  manifest = recorded ? *recorded : detail::manifest_for(resolved);
  manifest.schema_version = schema::version;
  open();
}

void Indexer::Impl::use_analyzer(const Analyzer& a) {
  analyzer = a;
  entities = detail::entity_tables(analyzer.options().entity_files);
  add_analyzers.reset();
}

void Indexer::Impl::check_open() const {
  if (closed) throw Error(Error::Code::usage, "the Indexer is closed", {path, 0, 0});
}

void Indexer::Impl::prepare(detail::Target& t, const std::string& place) {
  detail::translate_xapian(t.path, [&] {
    // Built with another analyzer but readable: only a reindex may touch it, so its shards are
    // left exactly as they are until then.
    std::optional<Error> mismatch;
    if (detail::check_schema(t.db, path))
      mismatch = detail::analyzer_mismatch(t.db, analyzer.fingerprint(), path);
    if (mismatch) {
      if (!stale_analysis) stale_analysis = std::move(mismatch);
      return;
    }
    // A database of an older readable version takes documents in the current
    // layout from now on, so it records the current version (older newsdex then
    // refuses it cleanly).
    if (t.db.get_metadata(std::string(schema::meta_schema)) != std::to_string(schema::version))
      detail::record_build(t.db, analyzer.fingerprint());
    if (t.db.get_metadata(std::string(meta_shard)) != place)
      t.db.set_metadata(std::string(meta_shard), place);
    // A shard that holds no document yet will hold only documents of this layout: the query side
    // may then rely on what this version writes (the expression terms, schema.hpp).
    if (t.db.get_doccount() == 0 &&
        t.db.get_metadata(std::string(schema::meta_created)) != std::to_string(schema::version))
      t.db.set_metadata(std::string(schema::meta_created), std::to_string(schema::version));
    // Every shard commits a new record, even one that receives no document in
    // this run.
    if (detail::record_manifest(t.db, manifest)) t.dirty = true;
  });
}

std::string Indexer::Impl::place_of(unsigned i) const {
  if (!partitioned()) return std::to_string(i) + "/" + std::to_string(shard_count());
  return periods[i] + " " + std::to_string(i % per_period) + "/" + std::to_string(per_period);
}

std::string Indexer::Impl::shard_dir(unsigned generation, unsigned i) const {
  if (!partitioned()) return detail::shard_path(path, generation, i);
  return detail::partition_shard_path(path, generation, periods[i], i % per_period);
}

// A new collection of remote shards: its stub, which open() then follows to each shard's server.
// Returns whether it wrote one (the caller removes it when no shard answers).
bool Indexer::Impl::write_remote_stub() {
  if (options.remote_shards.empty()) return false;
  if (options.shards > 1 || options.partition != TimePartition::none)
    throw Error(Error::Code::usage,
                "remote shards go one database a shard, without --shards or --partition",
                {path, 0, 0});
  if (detail::read_layout(path).exists)
    throw Error(Error::Code::usage,
                "a collection already exists here; remote shards are named when it is created",
                {path, 0, 0});
  std::vector<std::string> lines;
  for (const std::string& spec : options.remote_shards) {
    const detail::RemoteSpec named = detail::remote_spec(spec);
    if (named.unauthenticated)
      detail::log(LogLevel::warning, "--shard " + spec +
                                         ": xapian-tcpsrv has no authentication and no "
                                         "encryption; across machines use the ssh form "
                                         "(docs/SCALE.md)");
    lines.push_back(named.line);
  }
  detail::write_remote_stub(path, lines);
  return true;
}

void Indexer::Impl::open() {
  if (write_remote_stub()) {
    try {
      open_layout();
    } catch (...) {
      std::error_code ec;
      std::filesystem::remove(path, ec);
      throw;
    }
    return;
  }
  open_layout();
}

void Indexer::Impl::open_layout() {
  const detail::PartitionScheme wanted = scheme_of(options.partition);
  for (int attempt = 0; attempt < 5; ++attempt) {
    shards.clear();
    layout = detail::read_layout(path);
    if (layout.exists && wanted != detail::PartitionScheme::none && wanted != layout.partition)
      throw Error(Error::Code::usage,
                  layout.partition == detail::PartitionScheme::none
                      ? std::string("the collection is not partitioned by date (partitions are "
                                    "chosen when it is created: newsdex init --partition)")
                      : "the collection is partitioned by " +
                            std::string(detail::to_string(layout.partition)) + ", not by " +
                            std::string(detail::to_string(wanted)),
                  {path, 0, 0});
    if (!layout.exists) {
      if (!options.create) throw Error(Error::Code::database_missing, "no collection at " + path);
      if (open_new()) return;
      continue;
    }
    if (!layout.remotes.empty()) {
      if (wanted != detail::PartitionScheme::none)
        throw Error(Error::Code::usage,
                    "time partitions need local shards; this collection's shards are remote",
                    {path, 0, 0});
      // Every shard is served remotely (`newsdex init --shard`): each is written in place through
      // its server, whose lock is the shard's lock; there are no generations here to build or swap
      // (a fresh build, compaction and reindex need the shard's files, on its host). A shard that
      // does not answer fails the open within the timeout, naming it: an index run must never hang.
      if (layout.remotes.size() != layout.entries.size())
        throw Error(Error::Code::usage,
                    "the collection mixes local and remote shards: newsdex searches such a "
                    "collection but does not write it (write each part as a collection of its own)",
                    {path, 0, 0});
      const unsigned n = static_cast<unsigned>(layout.remotes.size());
      if (options.shards > 1 && options.shards != n)
        throw Error(Error::Code::usage,
                    "the collection has " + std::to_string(n) + " remote shard(s), not " +
                        std::to_string(options.shards),
                    {path, 0, 0});
      remote = true;
      for (unsigned k = 0; k < n; ++k) {
        auto t = std::make_unique<detail::Target>();
        // Errors name the stub: a network error is then told apart by trying each remote shard
        // (xapian_errors.cpp), which names the one that does not answer.
        t->path = path;
        t->db =
            detail::open_remote_writable(detail::parse_remote_line(layout.remotes[k], path), path);
        detail::translate_xapian(path, [&] {
          const std::string spelling = detail::local_spelling_path(path, k);
          std::filesystem::create_directories(std::filesystem::path(spelling).parent_path());
          t->local_spelling =
              std::make_unique<Xapian::WritableDatabase>(spelling, Xapian::DB_CREATE_OR_OPEN);
        });
        shards.push_back(std::move(t));
      }
      for (unsigned k = 0; k < n; ++k) prepare(*shards[k], place_of(k));
      return;
    }
    if (layout.shards.empty())
      throw Error(Error::Code::database_corrupt, "the collection's stub file lists no shards",
                  {path, 0, 0});
    const unsigned n = static_cast<unsigned>(layout.shards.size());
    partition = layout.partition;
    per_period = partitioned() ? layout.shards_per_period : 1;
    periods = layout.periods;
    const unsigned stated = partitioned() ? per_period : n;
    if (options.shards > 1 && options.shards != stated)
      throw Error(Error::Code::usage,
                  "the collection has " + std::to_string(stated) +
                      (partitioned() ? " shard(s) a period" : " shard(s)") + ", not " +
                      std::to_string(options.shards) +
                      " (resharding is not supported: index into a new path)",
                  {path, 0, 0});
    if (partitioned()) detail::allow_open_shards(n);
    for (unsigned k = 0; k < n; ++k) {
      auto t = std::make_unique<detail::Target>();
      t->path = layout.shards[k];
      detail::translate_xapian(path, [&] {
        if (!fs::exists(t->path))
          throw Error(Error::Code::database_corrupt,
                      "shard " + t->path + " listed in the stub file is missing", {path, 0, 0});
        try {
          t->db = Xapian::WritableDatabase(t->path, Xapian::DB_OPEN);
        } catch (const Xapian::Error& e) {
          detail::throw_if_out_of_files(e, path, n);
          throw;
        }
      });
      shards.push_back(std::move(t));
    }
    // A compaction may have swapped generations between reading the stub and
    // locking.
    if (detail::read_layout(path).shards != layout.shards) continue;
    for (unsigned k = 0; k < n; ++k) prepare(*shards[k], place_of(k));
    // A fresh build holds the new generation's locks until it has removed its
    // temporary databases, so with those locks ours, any left are a killed
    // build's.
    detail::remove_quietly(detail::generations_dir(path) + "/build");
    remove_unpublished_generations();
    return;
  }
  throw Error(Error::Code::database_locked, "database is locked by another writer", {path, 0, 0});
}

// PATH does not exist: create generation 1 (its first shard's lock is the
// collection's lock until it is published). Returns false when PATH appeared
// meanwhile.
bool Indexer::Impl::open_new() {
  const unsigned n = std::max(1u, options.shards);
  // A partitioned collection starts with its undated period: the first shards of its stub, which
  // a multi-database reads metadata from, whatever periods come later.
  partition = scheme_of(options.partition);
  per_period = partitioned() ? n : 1;
  periods.assign(partitioned() ? n : 0, std::string(detail::undated_period));
  const std::string gens = detail::generations_dir(path);
  std::error_code ec;
  fs::create_directories(gens, ec);
  for (unsigned k = 0; k < n; ++k) {
    auto t = std::make_unique<detail::Target>();
    t->path = shard_dir(1, k);
    t->fresh = true;
    detail::translate_xapian(path, [&] {
      fs::create_directories(fs::path(t->path).parent_path());
      t->db = Xapian::WritableDatabase(t->path, Xapian::DB_CREATE_OR_OVERWRITE);
    });
    shards.push_back(std::move(t));
    if (k == 0 && fs::exists(path)) return false; // published by a writer that just finished
  }
  // We hold the lock and nothing is published: whatever else is in PATH.d is a
  // dead build's.
  for (const auto& e : fs::directory_iterator(gens, ec))
    if (e.path().filename() != "g1" && e.path().filename() != "analysis")
      detail::remove_quietly(e.path().string());
  for (unsigned k = 0; k < n; ++k) prepare(*shards[k], place_of(k));
  // Generation 1 holds the collection's lock until something is published. A fresh build then
  // publishes generation 2 and removes this one; killed in between, it would leave g1 behind for
  // good, indistinguishable from a generation readers may hold. The mark says it never was one.
  std::ofstream(gens + "/g1/" + unpublished_mark);
  created = true;
  published = false;
  return true;
}

// With the collection's lock held: generations marked unpublished, other than the current one, are
// what a fresh build killed after publishing left; no reader ever saw them.
void Indexer::Impl::remove_unpublished_generations() {
  std::error_code ec;
  std::string current = "g"; // appended, not "g" + to_string(): g++ 12 -Wrestrict (PR105329)
  current += std::to_string(layout.generation);
  for (const auto& e : fs::directory_iterator(detail::generations_dir(path), ec))
    if (e.path().filename() != current && fs::exists(e.path() / unpublished_mark, ec))
      detail::remove_quietly(e.path().string());
}

void Indexer::Impl::publish(unsigned generation) {
  std::error_code ec;
  if (generation == 1) fs::remove(detail::generations_dir(path) + "/g1/" + unpublished_mark, ec);
  if (partitioned()) {
    // Each shard where it is: a compaction leaves the shards it did not rewrite in their older
    // generation (generations.cpp).
    std::vector<std::string> where;
    for (const auto& t : shards) where.push_back(t->path);
    detail::publish_partitioned_stub(path, partition, per_period, where);
  } else {
    detail::publish_stub(path, generation, shard_count());
  }
  published = true;
  layout = detail::read_layout(path);
}

void Indexer::Impl::commit() {
  // A failed fresh build of a new collection: its generation 1 will never be published, so
  // writing it would only add a second failure (a full disk) to the first.
  if (abandoned && !published) return;
  for (auto& t : shards)
    if (t->dirty || !published) t->commit();
  if (!published && !abandoned) publish(1);
}

void Indexer::Impl::close() {
  commit();
  for (auto& t : shards) t->db.close(); // releases the write lock
  closed = true;
}

void Indexer::Impl::refuse_if_created_empty() {
  if (!created || published || !nothing_written()) return;
  // Nothing was ever published here: the generation this Indexer made goes, and PATH.d with it
  // when nothing else is in it, as if the Indexer had never been opened.
  abandoned = true;
  closed = true;
  shards.clear();
  const std::string gens = detail::generations_dir(path);
  detail::remove_quietly(gens + "/g1");
  std::error_code ec;
  fs::remove(gens, ec); // only when empty
  throw Error(Error::Code::database_missing, "no collection at " + path);
}

bool Indexer::Impl::write_one(detail::BuiltDocument& built) {
  if (partitioned()) return write_partitioned(built);
  detail::Target& t = *shards[detail::shard_of(built.id, shard_count())];
  bool written = detail::translate_xapian(t.path, [&] { return t.write(built); });
  if (t.uncommitted_docs >= options.batch_documents ||
      t.uncommitted_bytes >= (static_cast<std::uint64_t>(options.batch_megabytes) << 20))
    commit();
  return written;
}

bool Indexer::Impl::nothing_written() const {
  for (const auto& t : shards)
    // Not `dirty`: recording the manifest dirties a shard that holds no
    // document.
    if (t->uncommitted_docs != 0 || t->db.get_doccount() != 0) return false;
  return true;
}

} // namespace newsdex

namespace newsdex {

unsigned Indexer::Impl::route(const detail::BuiltDocument& built) {
  if (!partitioned()) return detail::shard_of(built.id, shard_count());
  const detail::PartitionKey key = detail::partition_of(
      built.id, detail::day_of_date_value(built.document.get_value(schema::date_slot)), partition,
      per_period);
  // Shards are grouped by period, in the stub's order: the first of the period, then its k-th.
  const auto at = std::lower_bound(
      periods.begin(), periods.end(), key.period,
      [](const std::string& a, const std::string& b) { return detail::period_before(a, b); });
  const unsigned first = at != periods.end() && *at == key.period
                             ? static_cast<unsigned>(at - periods.begin())
                             : create_period(key.period);
  return first + key.shard;
}

unsigned Indexer::Impl::create_period(const std::string& period) {
  const unsigned generation = building ? building : published ? layout.generation : 1;
  const auto at = std::lower_bound(
      periods.begin(), periods.end(), period,
      [](const std::string& a, const std::string& b) { return detail::period_before(a, b); });
  const auto first = static_cast<unsigned>(at - periods.begin());
  std::vector<std::unique_ptr<detail::Target>> made;
  for (unsigned k = 0; k < per_period; ++k) {
    auto t = std::make_unique<detail::Target>();
    t->path = detail::partition_shard_path(path, generation, period, k);
    t->fresh = true;
    // Left by a writer killed before it published the stub naming them: never seen by a reader.
    detail::remove_quietly(t->path);
    detail::translate_xapian(path, [&] {
      fs::create_directories(fs::path(t->path).parent_path());
      t->db = Xapian::WritableDatabase(t->path, Xapian::DB_CREATE_OR_OVERWRITE);
    });
    made.push_back(std::move(t));
  }
  periods.insert(periods.begin() + first, per_period, period);
  for (unsigned k = 0; k < per_period; ++k)
    shards.insert(shards.begin() + first + k, std::move(made[k]));
  detail::allow_open_shards(shards.size());
  // Committed with the collection's records before a stub names them: a reader checks that every
  // shard holds the manifest.
  for (unsigned k = 0; k < per_period; ++k) {
    prepare(*shards[first + k], place_of(first + k));
    shards[first + k]->commit();
  }
  if (published && !building) publish(generation);
  return first;
}

bool Indexer::Impl::write_partitioned(detail::BuiltDocument& built) {
  const unsigned i = route(built);
  // The id's copy in another period (its date changed) goes first, durably: a crash between the
  // two commits leaves the article in no shard, which the next run writes, never in two.
  for (unsigned j = 0; j < shard_count(); ++j) {
    if (j == i) continue;
    detail::Target& other = *shards[j];
    const bool moved = detail::translate_xapian(other.path, [&] {
      if (other.db.get_doccount() == 0 || !other.db.term_exists(built.id_term)) return false;
      other.db.delete_document(built.id_term);
      return true;
    });
    if (!moved) continue;
    ++other.uncommitted_docs;
    other.dirty = true;
    other.commit();
  }
  detail::Target& t = *shards[i];
  const bool written = detail::translate_xapian(t.path, [&] { return t.write(built); });
  if (t.uncommitted_docs >= options.batch_documents ||
      t.uncommitted_bytes >= (static_cast<std::uint64_t>(options.batch_megabytes) << 20)) {
    if (published)
      t.commit();
    else
      commit(); // a new collection becomes visible at its first commit, as unpartitioned ones do
  }
  return written;
}

} // namespace newsdex
