// A run of Indexer::index: into the collection's shards, one writer each; or,
// for a new or empty collection, a fresh build: W temporary databases written
// without fsync (and the spelling data in databases of their own), compacted
// into the next generation, which a stub renamed over PATH publishes, so a
// crash leaves no collection or a complete one.
#include "index/indexer_impl.hpp"

#include "index/files.hpp"
#include "index/fresh_parts.hpp"
#include "index/pipeline.hpp"
#include "index/spelling_writer.hpp"
#include "storage/compaction_level.hpp"
#include "storage/xapian_errors.hpp"

#include <newsdex/schema.hpp>

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Documents a writer of a fresh build adds to its temporary database between flushes
// (run_fresh). 500 rather than 250 once the databases were written in parts: on reuters21578
// x 10, 69.1 and 69.2 CPU s against 72.0 and 70.8, the same at 1x, about 7 MB more peak RSS
// (docs/PERFORMANCE.md, "Cost as the collection grows").
constexpr std::size_t fresh_flush_documents = 500;

// ... and once the writer's first part is closed. Measured (docs/PERFORMANCE.md, "Flushing less
// often once a writer's first part is closed"): at 10x and 40x the system time fell in every run
// (by about 1 s and by 3-13 s), the CPU medians by 2.9 % and 0.6 %, within the noise; 1,000 from
// the start cost 3-4 % more CPU at 1x and on bbc, where each writer stays in its first part.
constexpr std::size_t fresh_later_flush_documents = 1000;

// Documents in one part of a writer's temporary database (fresh_parts.hpp). Measured on
// reuters21578 x 10 (docs/PERFORMANCE.md, "Cost as the collection grows"): one database a
// writer spent 89 CPU seconds (19 in the kernel), parts of 20,000 documents 78 (10); parts of
// 5,000 were no better, and the final compaction merges more of them.
constexpr std::size_t fresh_part_documents = 20000;

// The parts of a fresh build each record when they were committed; the collection records the
// last of those times, not the first part's (Xapian keeps the first source's value by default).
class LatestCommitCompactor : public Xapian::Compactor {
public:
  std::string resolve_duplicate_metadata(const std::string& key, size_t n,
                                         const std::string tags[]) override {
    if (key != schema::meta_last_commit) return tags[0];
    return *std::max_element(tags, tags + n);
  }
};

} // namespace

unsigned Indexer::Impl::auto_writers() const {
  // Measured on 2 cores (docs/PERFORMANCE.md): two writers beat one when
  // analysis is parallel.
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return std::min(2u, cores);
}

IndexSummary Indexer::Impl::run(const std::vector<std::string>& inputs) {
  // A new collection, or an empty one made by `newsdex init`: the fast fresh
  // build.
  if (!remote && !partitioned() && nothing_written() &&
      ((created && !published) || (published && layout.generation > 0)))
    return run_fresh(inputs);
  // A partitioned collection has one writer, the route stage, which sees every shard: an id
  // whose date changed is removed from its old period, and a new period's shards are created
  // when its first article arrives. Never a fresh build, whose temporary databases are routed
  // by id hash alone (docs/SCALE.md "Time partitions" measures what that costs).
  if (partitioned()) {
    IndexSummary summary;
    try {
      summary = detail::run_pipeline_routed(
          inputs, options, analyzer, entities,
          [&](detail::BuiltDocument& built) { return write_partitioned(built); });
    } catch (...) {
      // What was written is kept, as each writer thread commits what it was given.
      try {
        commit();
      } catch (...) {
      }
      throw;
    }
    commit();
    return summary;
  }
  std::vector<detail::Target*> targets;
  for (auto& t : shards) targets.push_back(t.get());
  IndexSummary summary =
      detail::run_pipeline(inputs, targets, options.batch_documents, options, analyzer, entities);
  if (!published) commit();
  return summary;
}

// A new or empty collection: W temporary databases (no fsync), compacted into
// the next generation (2 for a new collection).
IndexSummary Indexer::Impl::run_fresh(const std::vector<std::string>& inputs) {
  const unsigned n = shard_count();
  const bool was_published = published;
  const unsigned next = was_published ? layout.generation + 1 : 2;
  const unsigned w = n > 1 ? n : (options.writers ? options.writers : auto_writers());
  const std::string build = detail::generations_dir(path) + "/build";
  detail::remove_quietly(build);
  // Declared before the targets that feed them, so destroyed after them.
  std::vector<std::unique_ptr<detail::SpellingWriter>> spelling;
  std::vector<std::unique_ptr<detail::Target>> temps;
  std::vector<detail::Target*> targets;
  // The batch is shared among the writers, and a temporary database flushes
  // early: its commits are not durable (no fsync, nothing published), and
  // Xapian's in-memory buffer costs more per document as it grows. Measured
  // (docs/PERFORMANCE.md): 250 documents a writer against 2,500 took
  // reuters21578 from 2.0x to 2.4x plain Xapian, and peak RSS from 124 to 71
  // MB; with parts, 500 costs less CPU than 250 (above).
  auto flush_every = [&](std::size_t most) {
    return std::max<std::size_t>(1, std::min(options.batch_documents / w, most));
  };
  try {
    detail::translate_xapian(path, [&] { fs::create_directories(build); });
    for (unsigned k = 0; k < n; ++k)
      spelling.push_back(
          std::make_unique<detail::SpellingWriter>(build + "/spelling" + std::to_string(k)));
    for (unsigned k = 0; k < w; ++k) {
      auto t = std::make_unique<detail::Target>();
      t->path = build + "/t" + std::to_string(k);
      t->spelling_sink = spelling[n > 1 ? k : 0].get();
      detail::translate_xapian(path, [&] {
        t->parts = std::make_unique<detail::FreshParts>(t->db, t->path, fresh_part_documents);
      });
      t->later_parts_batch = flush_every(fresh_later_flush_documents);
      prepare(*t, std::to_string(n > 1 ? k : 0) + "/" + std::to_string(n));
      targets.push_back(t.get());
      temps.push_back(std::move(t));
    }
    IndexSummary summary = detail::run_pipeline(inputs, targets, flush_every(fresh_flush_documents),
                                                options, analyzer, entities);
    summary.fresh_build = true;
    const auto merge_start = Clock::now();
    detail::report_progress(options, {summary.read, summary.bytes, summary.seconds, 0,
                                      summary.indexed, summary.unchanged, true});
    std::vector<std::vector<std::string>> parts;
    for (auto* t : targets)
      parts.push_back(detail::translate_xapian(path, [&] { return t->parts->close(); }));
    for (auto& s : spelling) s->finish();
    // Merge: shard k of generation 2 is the compaction of the temporary
    // databases routed to k and of its spelling database.
    std::vector<std::unique_ptr<detail::Target>> merged;
    for (unsigned k = 0; k < n; ++k) {
      const std::string out = detail::shard_path(path, next, k);
      detail::remove_quietly(out);
      detail::translate_xapian(path, [&] {
        Xapian::Database src;
        for (unsigned i = 0; i < w; ++i)
          if (n == 1 || i == k)
            for (const auto& part : parts[i]) src.add_database(Xapian::Database(part));
        for (const auto& part : spelling[k]->paths()) src.add_database(Xapian::Database(part));
        fs::create_directories(fs::path(out).parent_path());
        LatestCommitCompactor compactor;
        src.compact(out, detail::compaction_level, 0, compactor);
      });
      detail::fsync_tree(out);
      auto t = std::make_unique<detail::Target>();
      t->path = out;
      detail::translate_xapian(path,
                               [&] { t->db = Xapian::WritableDatabase(out, Xapian::DB_OPEN); });
      merged.push_back(std::move(t));
    }
    const unsigned previous = layout.generation;
    publish(next);
    shards = std::move(merged); // closes the replaced generation: its lock is no longer needed
    temps.clear();
    detail::remove_quietly(build);
    // An unpublished generation 1 was never seen by a reader. A published one
    // (an empty collection made by init, or the one a reindex replaces) may be
    // open in one: it stays until the next swap, as compaction's previous
    // generation does.
    if (!was_published)
      detail::remove_quietly(detail::generations_dir(path) + "/g1");
    else
      remove_generations_before(previous);
    summary.merge_seconds = std::chrono::duration<double>(Clock::now() - merge_start).count();
    summary.seconds += summary.merge_seconds;
    return summary;
  } catch (...) {
    abandoned = true;
    throw;
  }
}

} // namespace newsdex
