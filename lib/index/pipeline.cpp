#include "index/pipeline.hpp"

#include <newsdex/reader.hpp>

#include "common/log.hpp"
#include "index/document_builder.hpp"
#include "storage/boundary.hpp"
#include "storage/collection.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

namespace newsdex::detail {
namespace {

namespace fs = std::filesystem;

// Sum of the sizes of the regular files among the inputs (for an ETA); 0 when
// stdin is read.
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

// The items between the read and the route stage, owned here rather than by the tokens oneTBB
// passes: oneTBB 2021.8 frees neither raw pointers nor std::unique_ptr tokens that wait in a
// serial stage's input buffer when an exception cancels the pipeline (its ~pipeline releases the
// buffers, not what they hold; LeakSanitizer showed both leaking). Both serial stages run in
// input order, so the route stage takes the items back in the order the read stage added them,
// and whatever is left when the run ends, however it ends, is freed with this object.
class ItemsInFlight {
public:
  PipelineItem* add(std::unique_ptr<PipelineItem> item) {
    std::lock_guard lock(mutex_);
    items_.push_back(std::move(item));
    return items_.back().get();
  }
  std::unique_ptr<PipelineItem> take(PipelineItem* item) {
    std::lock_guard lock(mutex_);
    auto it =
        std::find_if(items_.begin(), items_.end(), [&](const auto& p) { return p.get() == item; });
    if (it == items_.end()) return nullptr;               // never: every item read is routed once
    std::unique_ptr<PipelineItem> taken = std::move(*it); // the front, the stages keeping order
    items_.erase(it);
    return taken;
  }

private:
  std::mutex mutex_; // the read and the route stage run at the same time, on two threads
  std::deque<std::unique_ptr<PipelineItem>> items_;
};

} // namespace

void report_progress(const IndexOptions& options, const IndexProgress& progress) {
  if (!options.progress) return;
  try {
    options.progress(progress);
  } catch (...) {
    throw CallerError{std::current_exception()};
  }
}

namespace {

// The read, analyze and route stages. `deliver` takes each analyzed article, in input order, on
// the route stage's thread; `finish` runs once the stages have ended, however they ended, with
// the first error (which it may replace), and the error left is rethrown. `failed` stops the
// read stage (a writer failed). The caller fills in writers.
template <class Deliver, class Finish>
IndexSummary
run_stages(const std::vector<std::string>& inputs, const IndexOptions& options,
           const Analyzer& analyzer, const std::shared_ptr<const EntityTables>& entities,
           const std::atomic<bool>& writer_failed, const std::atomic<std::uint64_t>& indexed,
           const std::atomic<std::uint64_t>& unchanged, Deliver&& deliver, Finish&& finish) {
  using Clock = std::chrono::steady_clock;
  using Item = PipelineItem;
  IndexSummary summary;
  const auto start = Clock::now();
  auto last_progress = start;
  const std::uint64_t total_bytes = options.progress ? input_total_bytes(inputs) : 0;
  InputWalker walker(inputs, options.read);
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  tbb::enumerable_thread_specific<AnalyzerSet> analyzers(
      [&] { return AnalyzerSet(analyzer, entities); });
  bool done = false;

  // Declared before the pipeline runs and destroyed after it: frees the items a cancelled run
  // leaves behind (ItemsInFlight says why the tokens cannot own them).
  ItemsInFlight in_flight;
  auto read = [&](tbb::flow_control& fc) -> Item* {
    if (!done && options.stop && options.stop->load()) {
      summary.interrupted = true;
      done = true;
    }
    if (done || writer_failed) {
      fc.stop();
      return nullptr;
    }
    auto item = std::make_unique<Item>();
    item->has_record =
        walker.next(item->record, [&](InputProblem p) { item->problems.push_back(std::move(p)); });
    item->bytes_read = walker.bytes_read();
    if (!item->has_record) done = true;
    return in_flight.add(std::move(item));
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
      item->built = build_document(article, analyzers.local());
    } catch (const std::exception& e) {
      item->ok = false;
      item->problems.push_back({InputProblem::Severity::failed, item->record.where, e.what()});
    }
    return item;
  };
  std::uint64_t bytes_routed = 0; // the route stage's own copy of the walker's count
  auto route = [&](Item* raw) {
    if (!raw) return;
    std::unique_ptr<Item> item = in_flight.take(raw);
    if (!item) return;
    bytes_routed = item->bytes_read;
    for (auto& p : item->problems) {
      if (p.severity == InputProblem::Severity::skipped)
        ++summary.skipped;
      else if (p.severity == InputProblem::Severity::failed)
        ++summary.failed;
      std::string where = to_string(p.where);
      log(p.severity == InputProblem::Severity::warning ? LogLevel::warning : LogLevel::error,
          where.empty() ? p.message : where.append(": ").append(p.message));
      summary.problems.push_back(std::move(p));
    }
    if (!item->has_record) return;
    ++summary.read;
    item->record.bytes.clear();
    item->record.bytes.shrink_to_fit();
    if (item->ok) deliver(std::move(item));
    auto now = Clock::now();
    if (options.progress &&
        now - last_progress >= std::chrono::milliseconds(options.progress_interval_ms)) {
      last_progress = now;
      report_progress(options, {summary.read, bytes_routed,
                                std::chrono::duration<double>(now - start).count(), total_bytes,
                                indexed.load(), unchanged.load(), false});
    }
  };

  std::exception_ptr error;
  try {
    // An arena of its own, not tbb::global_control: the limit applies to this pipeline only,
    // never to the parallelism of the application that calls index().
    tbb::task_arena arena(static_cast<int>(threads));
    arena.execute([&] {
      tbb::parallel_pipeline(
          threads * 4, tbb::make_filter<void, Item*>(tbb::filter_mode::serial_in_order, read) &
                           tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel, analyze) &
                           tbb::make_filter<Item*, void>(tbb::filter_mode::serial_in_order, route));
    });
  } catch (...) {
    error = std::current_exception();
  }
  finish(error);
  if (error) std::rethrow_exception(error);
  summary.indexed = indexed;
  summary.unchanged = unchanged;
  summary.bytes = walker.bytes_read();
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report_progress(options, {summary.read, summary.bytes, summary.seconds, total_bytes,
                            summary.indexed, summary.unchanged, false});
  return summary;
}

} // namespace

IndexSummary run_pipeline(const std::vector<std::string>& inputs,
                          const std::vector<Target*>& targets, std::size_t batch_docs,
                          const IndexOptions& options, const Analyzer& analyzer,
                          const std::shared_ptr<const EntityTables>& entities) {
  std::atomic<std::uint64_t> indexed{0}, unchanged{0};
  std::atomic<bool> writer_failed{false};
  std::vector<std::unique_ptr<WriterThread>> writers;
  for (auto* t : targets)
    writers.push_back(
        std::make_unique<WriterThread>(*t, options, batch_docs, indexed, unchanged, writer_failed));
  const unsigned w = static_cast<unsigned>(targets.size());
  const auto deliver = [&](std::unique_ptr<PipelineItem> item) {
    // Routing by id: one shard per id, and a duplicate id within a fresh
    // build meets its earlier copy in the same temporary database (compaction
    // would not de-duplicate).
    unsigned k = shard_of(item->built.id, w);
    if (targets[k]->spelling_sink) targets[k]->spelling_sink->add(std::move(item->built.spelling));
    writers[k]->push(std::move(item));
  };
  const auto finish = [&](std::exception_ptr& error) {
    // The spelling databases commit while the writers drain their queues.
    for (auto* t : targets)
      if (t->spelling_sink) t->spelling_sink->close_input();
    // Every writer writes what it was given and commits, even when another
    // failed.
    for (auto& writer : writers) {
      try {
        writer->finish();
      } catch (...) {
        if (!error) error = std::current_exception();
      }
    }
  };
  IndexSummary summary = run_stages(inputs, options, analyzer, entities, writer_failed, indexed,
                                    unchanged, deliver, finish);
  summary.writers = w;
  return summary;
}

IndexSummary run_pipeline_routed(const std::vector<std::string>& inputs,
                                 const IndexOptions& options, const Analyzer& analyzer,
                                 const std::shared_ptr<const EntityTables>& entities,
                                 const std::function<bool(BuiltDocument&)>& write) {
  std::atomic<std::uint64_t> indexed{0}, unchanged{0};
  const std::atomic<bool> never_failed{false}; // a write that fails throws, ending the stages
  const auto deliver = [&](std::unique_ptr<PipelineItem> item) {
    ++(write(item->built) ? indexed : unchanged);
  };
  const auto finish = [](std::exception_ptr&) {};
  IndexSummary summary = run_stages(inputs, options, analyzer, entities, never_failed, indexed,
                                    unchanged, deliver, finish);
  summary.writers = 1;
  return summary;
}

} // namespace newsdex::detail
