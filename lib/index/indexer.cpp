// The index pipeline and the writers of a collection.
//
// read (serial, in order) -> parse + analyze (parallel, oneTBB) -> route (serial, in order) ->
// one writer thread per target database, each fed through a bounded queue (so the order of the
// articles of one database is the input order, and memory stays bounded).
//
// Targets: for a run into an existing collection, its shards (one writer each, routed by
// fnv1a64(id) mod N). For a fresh build, temporary databases written without fsync, and one for
// the spelling data fed by the routing stage, merged by Xapian compaction into a new generation,
// which a stub file renamed over PATH publishes.
#include <newsdex/indexer.hpp>
#include <newsdex/reader.hpp>
#include <newsdex/schema.hpp>

#include "common/hash.hpp"
#include "common/log.hpp"
#include "index/bounded_queue.hpp"
#include "index/document_builder.hpp"
#include "index/spelling_writer.hpp"
#include "query/matcher.hpp"
#include "query/query_parser.hpp"
#include "storage/collection.hpp"
#include "storage/database_meta.hpp"
#include "storage/manifest.hpp"
#include "storage/stored_articles.hpp"
#include "storage/xapian_errors.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::string_view meta_shard = "newsdex.shard"; // "K/N" in every shard

// Documents a writer of a fresh build adds to its temporary database between flushes (run_fresh).
constexpr std::size_t fresh_flush_documents = 250;

// One article's trip through the pipeline.
struct Item {
  RawRecord record;
  bool has_record = false;
  bool ok = false;
  std::vector<InputProblem> problems;
  detail::BuiltDocument built;
};

// One writable database and its uncommitted batch.
struct Target {
  std::string path;
  Xapian::WritableDatabase db;
  bool fresh = false; ///< created empty by this Indexer: ids not seen in this run are not there
  std::size_t uncommitted_docs = 0;
  std::uint64_t uncommitted_bytes = 0;
  bool dirty = false; ///< changes (documents or deletions) since the last commit
  // Spelling data is aggregated: one add_spelling per distinct word and batch. In a fresh build
  // the routing stage hands each article's words to `spelling_sink` instead, a database of its
  // own that compaction merges with the documents (spelling_writer.hpp says why).
  std::unordered_map<std::string, Xapian::termcount> spelling;
  detail::SpellingWriter* spelling_sink = nullptr;
  std::unordered_set<std::uint64_t> seen; ///< hashes of ids written (fresh targets only)

  // Returns true when the document was written, false when an identical one is stored.
  bool write(detail::BuiltDocument& built) {
    if (fresh && seen.insert(detail::fnv1a64(built.id_term)).second) {
      db.add_document(built.document); // a new id in a new database: no lookup needed
    } else {
      Xapian::PostingIterator p = db.postlist_begin(built.id_term);
      if (p != db.postlist_end(built.id_term) &&
          db.get_document(*p).get_value(schema::hash_slot) == built.content_hash)
        return false;
      db.replace_document(built.id_term, built.document);
    }
    for (auto& w : built.spelling) ++spelling[std::move(w)];
    ++uncommitted_docs;
    uncommitted_bytes += built.memory;
    dirty = true;
    return true;
  }

  void commit() {
    detail::translate_xapian(path, [&] {
      for (const auto& [word, count] : spelling) db.add_spelling(word, count);
      spelling.clear();
      detail::record_commit_time(db);
      db.commit();
    });
    uncommitted_docs = 0;
    uncommitted_bytes = 0;
    dirty = false;
  }
};

void fsync_tree(const std::string& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    (void)::fsync(fd);
    ::close(fd);
  }
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    (void)::fsync(fd);
    ::close(fd);
  }
}

void remove_quietly(const std::string& p) {
  std::error_code ec;
  fs::remove_all(p, ec);
}

// Sum of the sizes of the regular files among the inputs (for an ETA); 0 when stdin is read.
std::uint64_t input_total_bytes(const std::vector<std::string>& inputs) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& in : inputs) {
    if (in == "-") return 0;
    if (fs::is_regular_file(in, ec)) {
      total += fs::file_size(in, ec);
      continue;
    }
    for (auto it = fs::recursive_directory_iterator(in, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().filename().string().starts_with(".")) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) total += it->file_size(ec);
    }
  }
  return total;
}

// A thread that owns one Target and writes what the routing stage queues for it.
class WriterThread {
public:
  WriterThread(Target& target, const IndexOptions& options, std::size_t batch_docs,
               std::atomic<std::uint64_t>& indexed, std::atomic<std::uint64_t>& unchanged,
               std::atomic<bool>& failed)
      : target_(target), options_(options), batch_docs_(batch_docs), indexed_(indexed),
        unchanged_(unchanged), failed_(failed), queue_(capacity), thread_([this] { loop(); }) {}
  ~WriterThread() {
    if (!thread_.joinable()) return;
    try {
      finish();
    } catch (...) { // only on an error path, where the first error is the one reported
    }
  }
  WriterThread(const WriterThread&) = delete;
  WriterThread& operator=(const WriterThread&) = delete;

  /// Blocks while the queue is full (memory stays bounded). After a failure the thread drops
  /// what it is given, so this never waits for long.
  void push(std::unique_ptr<Item> item) { queue_.push(std::move(item)); }

  // Writes what is queued, commits, stops the thread; rethrows the writer's error.
  void finish() {
    queue_.push(nullptr); // the end
    thread_.join();
    if (error_) std::rethrow_exception(error_);
  }

private:
  static constexpr std::size_t capacity = 256;

  void loop() {
    std::unique_ptr<Item> item;
    bool ended = false;
    try {
      for (;;) {
        queue_.pop(item);
        if (!item) {
          ended = true;
          break;
        }
        bool written =
            detail::translate_xapian(target_.path, [&] { return target_.write(item->built); });
        ++(written ? indexed_ : unchanged_);
        item.reset();
        if (target_.uncommitted_docs >= batch_docs_ ||
            target_.uncommitted_bytes >=
                (static_cast<std::uint64_t>(options_.batch_megabytes) << 20))
          target_.commit();
      }
      target_.commit();
    } catch (...) {
      error_ = std::current_exception(); // read by finish() after the join
      failed_ = true;                    // the read stage stops
      while (!ended) {                   // drop the rest, so the router never blocks
        queue_.pop(item);
        ended = !item;
      }
    }
  }

  Target& target_;
  const IndexOptions& options_;
  std::size_t batch_docs_;
  std::atomic<std::uint64_t>& indexed_;
  std::atomic<std::uint64_t>& unchanged_;
  std::atomic<bool>& failed_;
  detail::BoundedQueue<std::unique_ptr<Item>> queue_;
  std::exception_ptr error_;
  std::thread thread_; // last: starts once everything above is constructed
};

} // namespace

struct Indexer::Impl {
  std::string path;
  IndexOptions options;
  Analyzer analyzer;
  detail::CollectionLayout layout;
  std::vector<std::unique_ptr<Target>> shards; ///< the writers of the collection, one a shard
  bool created = false;   ///< the collection did not exist: it lives in PATH.d/g1, unpublished
  bool published = true;  ///< PATH names the current shards
  bool abandoned = false; ///< a fresh build failed: never publish what is left

  detail::Manifest manifest; ///< what every shard records: how the collection is built

  Impl(const std::string& p, IndexOptions o) : path(p), options(std::move(o)) {
    std::optional<detail::Manifest> recorded = detail::read_manifest(path);
    const AnalyzerOptions resolved = detail::resolve_analyzer_options(path, options.analyzer);
    analyzer = Analyzer(resolved);
    // The record is kept as it is (its file names, its contents); a new collection records the
    // options it is created with.
    manifest = recorded ? *recorded : detail::manifest_for(resolved);
    manifest.schema_version = schema::version;
    open();
  }

  unsigned shard_count() const { return static_cast<unsigned>(shards.size()); }

  void prepare(Target& t, unsigned k, unsigned n) {
    detail::translate_xapian(t.path, [&] {
      detail::check_compatible(t.db, analyzer.fingerprint(), path);
      // A database of an older readable version takes documents in the current layout from now
      // on, so it records the current version (older newsdex then refuses it cleanly).
      if (t.db.get_metadata(std::string(schema::meta_schema)) != std::to_string(schema::version))
        detail::record_build(t.db, analyzer.fingerprint());
      std::string shard = std::to_string(k) + "/" + std::to_string(n);
      if (t.db.get_metadata(std::string(meta_shard)) != shard)
        t.db.set_metadata(std::string(meta_shard), shard);
      // Every shard commits a new record, even one that receives no document in this run.
      if (detail::record_manifest(t.db, manifest)) t.dirty = true;
    });
  }

  void open() {
    for (int attempt = 0; attempt < 5; ++attempt) {
      shards.clear();
      layout = detail::read_layout(path);
      if (!layout.exists) {
        if (open_new()) return;
        continue;
      }
      if (!layout.remotes.empty())
        throw Error(Error::Code::usage,
                    "the collection has remote shards: newsdex writes local shards only (index "
                    "on the shard's own host)",
                    {path, 0, 0});
      if (layout.shards.empty())
        throw Error(Error::Code::database_corrupt, "the collection's stub file lists no shards",
                    {path, 0, 0});
      const unsigned n = static_cast<unsigned>(layout.shards.size());
      if (options.shards > 1 && options.shards != n)
        throw Error(Error::Code::usage,
                    "the collection has " + std::to_string(n) + " shard(s), not " +
                        std::to_string(options.shards) +
                        " (resharding is not supported: index into a new path)",
                    {path, 0, 0});
      for (unsigned k = 0; k < n; ++k) {
        auto t = std::make_unique<Target>();
        t->path = layout.shards[k];
        detail::translate_xapian(path, [&] {
          if (!fs::exists(t->path))
            throw Error(Error::Code::database_corrupt,
                        "shard " + t->path + " listed in the stub file is missing", {path, 0, 0});
          t->db = Xapian::WritableDatabase(t->path, Xapian::DB_OPEN);
        });
        shards.push_back(std::move(t));
      }
      // A compaction may have swapped generations between reading the stub and locking.
      if (detail::read_layout(path).shards != layout.shards) continue;
      for (unsigned k = 0; k < n; ++k) prepare(*shards[k], k, n);
      // A fresh build holds the new generation's locks until it has removed its temporary
      // databases, so with those locks ours, any left are a killed build's.
      remove_quietly(detail::generations_dir(path) + "/build");
      return;
    }
    throw Error(Error::Code::database_locked, "database is locked by another writer", {path, 0, 0});
  }

  // PATH does not exist: create generation 1 (its first shard's lock is the collection's lock
  // until it is published). Returns false when PATH appeared meanwhile.
  bool open_new() {
    const unsigned n = std::max(1u, options.shards);
    const std::string gens = detail::generations_dir(path);
    std::error_code ec;
    fs::create_directories(gens, ec);
    for (unsigned k = 0; k < n; ++k) {
      auto t = std::make_unique<Target>();
      t->path = detail::shard_path(path, 1, k);
      t->fresh = true;
      detail::translate_xapian(path, [&] {
        fs::create_directories(fs::path(t->path).parent_path());
        t->db = Xapian::WritableDatabase(t->path, Xapian::DB_CREATE_OR_OVERWRITE);
      });
      shards.push_back(std::move(t));
      if (k == 0 && fs::exists(path)) return false; // published by a writer that just finished
    }
    // We hold the lock and nothing is published: whatever else is in PATH.d is a dead build's.
    for (const auto& e : fs::directory_iterator(gens, ec))
      if (e.path().filename() != "g1" && e.path().filename() != "analysis")
        remove_quietly(e.path().string());
    for (unsigned k = 0; k < n; ++k) prepare(*shards[k], k, n);
    created = true;
    published = false;
    return true;
  }

  void publish(unsigned generation) {
    detail::publish_stub(path, generation, shard_count());
    published = true;
    layout = detail::read_layout(path);
  }

  void commit() {
    for (auto& t : shards)
      if (t->dirty || !published) t->commit();
    if (!published && !abandoned) publish(1);
  }

  bool write_one(detail::BuiltDocument& built) {
    Target& t = *shards[detail::shard_of(built.id, shard_count())];
    bool written = detail::translate_xapian(t.path, [&] { return t.write(built); });
    if (t.uncommitted_docs >= options.batch_documents ||
        t.uncommitted_bytes >= (static_cast<std::uint64_t>(options.batch_megabytes) << 20))
      commit();
    return written;
  }

  bool nothing_written() const {
    for (const auto& t : shards)
      // Not `dirty`: recording the manifest dirties a shard that holds no document.
      if (t->uncommitted_docs != 0 || t->db.get_doccount() != 0) return false;
    return true;
  }

  unsigned auto_writers() const {
    // Measured on 2 cores (docs/PERFORMANCE.md): two writers beat one when analysis is parallel.
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    return std::min(2u, cores);
  }

  IndexSummary run(const std::vector<std::string>& inputs) {
    // A new collection, or an empty one made by `newsdex init`: the fast fresh build.
    if (nothing_written() && ((created && !published) || (published && layout.generation > 0)))
      return run_fresh(inputs);
    std::vector<Target*> targets;
    for (auto& t : shards) targets.push_back(t.get());
    IndexSummary summary = pipeline(inputs, targets, options.batch_documents);
    if (!published) commit();
    return summary;
  }

  // A new or empty collection: W temporary databases (no fsync), compacted into the next
  // generation (2 for a new collection).
  IndexSummary run_fresh(const std::vector<std::string>& inputs) {
    const unsigned n = shard_count();
    const bool was_published = published;
    const unsigned next = was_published ? layout.generation + 1 : 2;
    const unsigned w = n > 1 ? n : (options.writers ? options.writers : auto_writers());
    const std::string build = detail::generations_dir(path) + "/build";
    remove_quietly(build);
    // Declared before the targets that feed them, so destroyed after them.
    std::vector<std::unique_ptr<detail::SpellingWriter>> spelling;
    std::vector<std::unique_ptr<Target>> temps;
    std::vector<Target*> targets;
    try {
      detail::translate_xapian(path, [&] { fs::create_directories(build); });
      for (unsigned k = 0; k < n; ++k)
        spelling.push_back(
            std::make_unique<detail::SpellingWriter>(build + "/spelling" + std::to_string(k)));
      for (unsigned k = 0; k < w; ++k) {
        auto t = std::make_unique<Target>();
        t->path = build + "/t" + std::to_string(k);
        t->fresh = true;
        t->spelling_sink = spelling[n > 1 ? k : 0].get();
        detail::translate_xapian(path, [&] {
          t->db = Xapian::WritableDatabase(t->path,
                                           Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        });
        prepare(*t, n > 1 ? k : 0, n);
        targets.push_back(t.get());
        temps.push_back(std::move(t));
      }
      // The batch is shared among the writers, and a temporary database flushes early: its
      // commits are not durable (no fsync, nothing published), and Xapian's in-memory buffer
      // costs more per document as it grows. Measured (docs/PERFORMANCE.md): 250 documents a
      // writer against 2,500 took reuters21578 from 2.0x to 2.4x plain Xapian, and peak RSS
      // from 124 to 71 MB.
      const std::size_t flush = std::min(options.batch_documents / w, fresh_flush_documents);
      IndexSummary summary = pipeline(inputs, targets, std::max<std::size_t>(1, flush));
      summary.fresh_build = true;
      const auto merge_start = Clock::now();
      if (options.progress) {
        IndexProgress p{summary.read, summary.bytes, summary.seconds, 0, summary.indexed, true};
        options.progress(p);
      }
      for (auto* t : targets) t->db.close();
      for (auto& s : spelling) s->finish();
      // Merge: shard k of generation 2 is the compaction of the temporary databases routed to k
      // and of its spelling database.
      std::vector<std::unique_ptr<Target>> merged;
      for (unsigned k = 0; k < n; ++k) {
        const std::string out = detail::shard_path(path, next, k);
        remove_quietly(out);
        detail::translate_xapian(path, [&] {
          Xapian::Database src;
          for (unsigned i = 0; i < w; ++i)
            if (n == 1 || i == k) src.add_database(Xapian::Database(temps[i]->path));
          src.add_database(Xapian::Database(spelling[k]->path()));
          fs::create_directories(fs::path(out).parent_path());
          src.compact(out, Xapian::Compactor::FULLER);
        });
        fsync_tree(out);
        auto t = std::make_unique<Target>();
        t->path = out;
        detail::translate_xapian(path,
                                 [&] { t->db = Xapian::WritableDatabase(out, Xapian::DB_OPEN); });
        merged.push_back(std::move(t));
      }
      const unsigned previous = layout.generation;
      publish(next);
      shards = std::move(merged); // closes the replaced generation: its lock is no longer needed
      temps.clear();
      remove_quietly(build);
      // An unpublished generation 1 was never seen by a reader. A published one (an empty
      // collection made by init, or the one a reindex replaces) may be open in one: it stays
      // until the next swap, as compaction's previous generation does.
      if (!was_published)
        remove_quietly(detail::generations_dir(path) + "/g1");
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

  IndexSummary pipeline(const std::vector<std::string>& inputs, const std::vector<Target*>& targets,
                        std::size_t batch_docs) {
    IndexSummary summary;
    const auto start = Clock::now();
    auto last_progress = start;
    const std::uint64_t total_bytes = options.progress ? input_total_bytes(inputs) : 0;
    InputWalker walker(inputs, options.read);
    unsigned threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    tbb::enumerable_thread_specific<detail::AnalyzerSet> analyzers(
        [&] { return detail::AnalyzerSet(analyzer); });
    std::atomic<std::uint64_t> indexed{0}, unchanged{0};
    std::atomic<bool> writer_failed{false};
    std::vector<std::unique_ptr<WriterThread>> writers;
    for (auto* t : targets)
      writers.push_back(std::make_unique<WriterThread>(*t, options, batch_docs, indexed, unchanged,
                                                       writer_failed));
    const unsigned w = static_cast<unsigned>(targets.size());
    bool done = false;

    auto read = [&](tbb::flow_control& fc) -> Item* {
      if (!done && options.stop && options.stop->load()) {
        summary.interrupted = true;
        done = true;
      }
      if (done || writer_failed) {
        fc.stop();
        return nullptr;
      }
      auto item = new Item;
      item->has_record = walker.next(
          item->record, [&](InputProblem p) { item->problems.push_back(std::move(p)); });
      if (!item->has_record) done = true;
      return item;
    };
    auto analyze = [&](Item* item) -> Item* {
      if (!item || !item->has_record) return item;
      Article article;
      InputProblem problem;
      item->ok = parse_record(item->record, article, problem, item->problems);
      if (!item->ok) {
        item->problems.push_back(std::move(problem));
        return item;
      }
      try {
        item->built = detail::build_document(article, analyzers.local());
      } catch (const std::exception& e) {
        item->ok = false;
        item->problems.push_back({InputProblem::Severity::failed, item->record.where, e.what()});
      }
      return item;
    };
    auto route = [&](Item* raw) {
      std::unique_ptr<Item> item(raw);
      if (!item) return;
      for (auto& p : item->problems) {
        if (p.severity == InputProblem::Severity::skipped)
          ++summary.skipped;
        else if (p.severity == InputProblem::Severity::failed)
          ++summary.failed;
        std::string where = to_string(p.where);
        detail::log(p.severity == InputProblem::Severity::warning ? LogLevel::warning
                                                                  : LogLevel::error,
                    where.empty() ? p.message : where.append(": ").append(p.message));
        summary.problems.push_back(std::move(p));
      }
      if (!item->has_record) return;
      ++summary.read;
      item->record.bytes.clear();
      item->record.bytes.shrink_to_fit();
      if (item->ok) {
        // Routing by id: one shard per id, and a duplicate id within a fresh build meets its
        // earlier copy in the same temporary database (compaction would not de-duplicate).
        unsigned k = detail::shard_of(item->built.id, w);
        if (targets[k]->spelling_sink)
          targets[k]->spelling_sink->add(std::move(item->built.spelling));
        writers[k]->push(std::move(item));
      }
      auto now = Clock::now();
      if (options.progress &&
          now - last_progress >= std::chrono::milliseconds(options.progress_interval_ms)) {
        last_progress = now;
        options.progress({summary.read, walker.bytes_read(),
                          std::chrono::duration<double>(now - start).count(), total_bytes,
                          indexed.load(), false});
      }
    };

    std::exception_ptr error;
    try {
      tbb::parallel_pipeline(
          threads * 4, tbb::make_filter<void, Item*>(tbb::filter_mode::serial_in_order, read) &
                           tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel, analyze) &
                           tbb::make_filter<Item*, void>(tbb::filter_mode::serial_in_order, route));
    } catch (...) {
      error = std::current_exception();
    }
    // The spelling databases commit while the writers drain their queues.
    for (auto* t : targets)
      if (t->spelling_sink) t->spelling_sink->close_input();
    // Every writer writes what it was given and commits, even when another failed.
    for (auto& writer : writers) {
      try {
        writer->finish();
      } catch (...) {
        if (!error) error = std::current_exception();
      }
    }
    if (error) std::rethrow_exception(error);
    summary.indexed = indexed;
    summary.unchanged = unchanged;
    summary.writers = w;
    summary.bytes = walker.bytes_read();
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (options.progress)
      options.progress(
          {summary.read, summary.bytes, summary.seconds, total_bytes, summary.indexed, false});
    return summary;
  }

  IndexSummary reindex(const std::optional<AnalyzerOptions>& given) {
    if (!layout.stub || layout.generation == 0)
      throw Error(Error::Code::usage,
                  "reindex needs a collection created by newsdex (a stub file naming its "
                  "generations)",
                  {path, 0, 0});
    commit();
    const std::string dump = detail::generations_dir(path) + "/reindex.jsonl";
    detail::translate_xapian(path, [&] {
      std::ofstream out(dump, std::ios::binary | std::ios::trunc);
      Xapian::Database all;
      for (const auto& t : shards) all.add_database(t->db);
      detail::for_each_stored_article(all, nullptr,
                                      [&](const Article& a) { out << article_to_json(a) << '\n'; });
      out.flush();
      if (!out)
        throw Error(Error::Code::io, "cannot write the articles to rebuild from", {dump, 0, 0});
    });
    if (given) {
      analyzer = Analyzer(*given);
      manifest = detail::manifest_for(*given);
      manifest.schema_version = schema::version;
    }
    // The new generation's databases are fresh: every article is written, none compared with
    // what the old generation stores.
    IndexSummary summary;
    try {
      summary = run_fresh({dump});
    } catch (...) {
      remove_quietly(dump);
      throw;
    }
    remove_quietly(dump);
    return summary;
  }

  // Generations older than `keep` (readers may still hold `keep` itself).
  void remove_generations_before(unsigned keep) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(detail::generations_dir(path), ec)) {
      std::string name = e.path().filename().string();
      if (name.size() < 2 || name[0] != 'g' ||
          name.find_first_not_of("0123456789", 1) != std::string::npos)
        continue;
      unsigned g = 0;
      try {
        g = static_cast<unsigned>(std::stoul(name.substr(1)));
      } catch (const std::exception&) {
        continue;
      }
      if (g < keep) remove_quietly(e.path().string());
    }
  }

  void compact() {
    if (!layout.stub || layout.generation == 0)
      throw Error(Error::Code::usage,
                  "compact needs a collection created by newsdex (a stub file naming its "
                  "generations); this is a bare database directory: use xapian-compact",
                  {path, 0, 0});
    commit();
    const unsigned n = shard_count();
    const unsigned next = layout.generation + 1;
    const std::string gens = detail::generations_dir(path);
    remove_quietly(gens + "/g" + std::to_string(next));
    std::vector<std::unique_ptr<Target>> fresh;
    for (unsigned k = 0; k < n; ++k) {
      const std::string out = detail::shard_path(path, next, k);
      detail::translate_xapian(path, [&] {
        fs::create_directories(fs::path(out).parent_path());
        Xapian::Database(shards[k]->path).compact(out, Xapian::Compactor::FULLER);
      });
      fsync_tree(out);
      auto t = std::make_unique<Target>();
      t->path = out;
      // Lock the new generation before publishing it: no other writer can slip in between.
      detail::translate_xapian(path,
                               [&] { t->db = Xapian::WritableDatabase(out, Xapian::DB_OPEN); });
      fresh.push_back(std::move(t));
    }
    const unsigned previous = layout.generation;
    publish(next);
    shards = std::move(fresh);
    // Readers that opened the previous generation keep reading it; anything older goes.
    remove_generations_before(previous);
  }
};

Indexer::Indexer(const std::string& path, IndexOptions options)
    : impl_(std::make_unique<Impl>(path, std::move(options))) {}
Indexer::~Indexer() {
  if (!impl_) return;
  try {
    impl_->commit();
  } catch (const std::exception& e) {
    detail::log(LogLevel::error, std::string("final commit failed: ") + e.what());
  }
}
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

IndexSummary Indexer::index(const std::vector<std::string>& inputs) {
  return impl_->run(inputs);
}

IndexSummary Indexer::reindex(std::optional<AnalyzerOptions> analyzer) {
  return impl_->reindex(analyzer);
}

bool Indexer::add(const Article& article) {
  detail::AnalyzerSet analyzers(impl_->analyzer);
  auto built = detail::build_document(article, analyzers);
  return impl_->write_one(built);
}

bool Indexer::remove(std::string_view id) {
  Target& t = *impl_->shards[detail::shard_of(id, impl_->shard_count())];
  return detail::translate_xapian(impl_->path, [&] {
    std::string term = schema::id_term(id);
    if (!t.db.term_exists(term)) return false;
    t.db.delete_document(term);
    ++t.uncommitted_docs;
    t.dirty = true;
    return true;
  });
}

std::uint64_t Indexer::remove_matching(const std::string& query) {
  commit();
  // Parsed as a search parses it (strictly), against the whole collection so a wildcard expands
  // as it does for a search; matched shard by shard, each by its own writer.
  Analyzer& analyzer = impl_->analyzer;
  detail::ParsedQuery parsed;
  detail::translate_xapian(impl_->path, [&] {
    Xapian::Database whole = detail::open_collection(impl_->path);
    detail::QueryParserOptions qo;
    qo.strict = true;
    qo.explain = false;
    qo.database = &whole;
    parsed = detail::parse_query(query, analyzer, qo);
  });
  std::uint64_t removed = 0;
  for (auto& t : impl_->shards) {
    detail::translate_xapian(impl_->path, [&] {
      for (Xapian::docid id : detail::matching_documents(t->db, parsed.query)) {
        t->db.delete_document(id);
        ++t->uncommitted_docs;
        t->dirty = true;
        ++removed;
      }
    });
  }
  commit();
  return removed;
}

void Indexer::commit() {
  impl_->commit();
}

void Indexer::compact() {
  impl_->compact();
}

std::uint64_t Indexer::disk_size() const {
  if (!impl_->published) {
    std::uint64_t n = 0;
    for (const auto& t : impl_->shards) n += detail::disk_size(t->path);
    return n;
  }
  return detail::collection_disk_size(impl_->path);
}

unsigned Indexer::shards() const {
  return impl_->shard_count();
}

std::uint64_t Indexer::size() const {
  return detail::translate_xapian(impl_->path, [&] {
    std::uint64_t n = 0;
    for (const auto& t : impl_->shards) n += t->db.get_doccount();
    return n;
  });
}

} // namespace newsdex
