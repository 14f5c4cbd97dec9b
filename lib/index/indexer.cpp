#include <newsdex/indexer.hpp>
#include <newsdex/schema.hpp>

#include "common/log.hpp"
#include "index/database_meta.hpp"
#include "index/document_builder.hpp"
#include "index/xapian_errors.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <xapian.h>

#include <chrono>
#include <thread>
#include <unordered_map>

namespace newsdex {
namespace {

using Clock = std::chrono::steady_clock;

// One article's trip through the pipeline.
struct Item {
  RawRecord record;
  bool has_record = false;
  bool ok = false;
  std::vector<InputProblem> problems;
  detail::BuiltDocument built;
};

} // namespace

struct Indexer::Impl {
  std::string path;
  IndexOptions options;
  Analyzer analyzer;
  Xapian::WritableDatabase db;
  std::size_t uncommitted_docs = 0;
  std::uint64_t uncommitted_bytes = 0;
  // Spelling data is aggregated per batch: one add_spelling per distinct word, not per occurrence.
  std::unordered_map<std::string, Xapian::termcount> spelling;

  Impl(const std::string& p, IndexOptions o)
      : path(p), options(std::move(o)), analyzer(options.analyzer) {
    detail::translate_xapian(path, [&] {
      db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
      detail::check_compatible(db, analyzer.fingerprint(), path);
      if (db.get_metadata(std::string(schema::meta_schema)).empty())
        detail::record_build(db, analyzer.fingerprint());
    });
  }

  // Returns true when the document was written, false when an identical one is stored.
  bool write(detail::BuiltDocument& built) {
    Xapian::PostingIterator p = db.postlist_begin(built.id_term);
    if (p != db.postlist_end(built.id_term)) {
      if (db.get_document(*p).get_value(schema::hash_slot) == built.content_hash) return false;
    }
    db.replace_document(built.id_term, built.document);
    for (auto& w : built.spelling) ++spelling[std::move(w)];
    ++uncommitted_docs;
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
  }

  void maybe_commit() {
    if (uncommitted_docs >= options.batch_documents ||
        uncommitted_bytes >= (static_cast<std::uint64_t>(options.batch_megabytes) << 20))
      commit();
  }

  IndexSummary run(const std::vector<std::string>& inputs) {
    IndexSummary summary;
    const auto start = Clock::now();
    auto last_progress = start;
    InputWalker walker(inputs, options.read);
    unsigned threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    tbb::enumerable_thread_specific<detail::AnalyzerSet> analyzers(
        [&] { return detail::AnalyzerSet(analyzer); });
    bool done = false;

    auto read = [&](tbb::flow_control& fc) -> Item* {
      if (done) {
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
      if (!item->has_record) return item;
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
    auto store = [&](Item* item) {
      std::unique_ptr<Item> owned(item);
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
      uncommitted_bytes += item->record.bytes.size();
      if (item->ok) {
        bool written = detail::translate_xapian(path, [&] { return write(item->built); });
        if (written)
          ++summary.indexed;
        else
          ++summary.unchanged;
      }
      maybe_commit();
      auto now = Clock::now();
      if (options.progress &&
          now - last_progress >= std::chrono::milliseconds(options.progress_interval_ms)) {
        last_progress = now;
        options.progress({summary.read, walker.bytes_read(),
                          std::chrono::duration<double>(now - start).count()});
      }
    };

    tbb::parallel_pipeline(
        threads * 4, tbb::make_filter<void, Item*>(tbb::filter_mode::serial_in_order, read) &
                         tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel, analyze) &
                         tbb::make_filter<Item*, void>(tbb::filter_mode::serial_in_order, store));
    commit();
    summary.bytes = walker.bytes_read();
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (options.progress) options.progress({summary.read, summary.bytes, summary.seconds});
    return summary;
  }
};

Indexer::Indexer(const std::string& path, IndexOptions options)
    : impl_(std::make_unique<Impl>(path, std::move(options))) {}
Indexer::~Indexer() {
  if (!impl_) return;
  try {
    if (impl_->uncommitted_docs) impl_->commit();
  } catch (const std::exception& e) {
    detail::log(LogLevel::error, std::string("final commit failed: ") + e.what());
  }
}
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

IndexSummary Indexer::index(const std::vector<std::string>& inputs) {
  return impl_->run(inputs);
}

bool Indexer::add(const Article& article) {
  detail::AnalyzerSet analyzers(impl_->analyzer);
  auto built = detail::build_document(article, analyzers);
  bool written = detail::translate_xapian(impl_->path, [&] { return impl_->write(built); });
  impl_->maybe_commit();
  return written;
}

bool Indexer::remove(std::string_view id) {
  return detail::translate_xapian(impl_->path, [&] {
    std::string term = schema::id_term(id);
    if (!impl_->db.term_exists(term)) return false;
    impl_->db.delete_document(term);
    ++impl_->uncommitted_docs;
    return true;
  });
}

void Indexer::commit() {
  impl_->commit();
}

std::uint64_t Indexer::size() const {
  return detail::translate_xapian(impl_->path, [&] { return impl_->db.get_doccount(); });
}

} // namespace newsdex
