// newsdex.Indexer: the one writer of a collection. index() runs the library's pipeline on a
// thread of its own while the calling thread, the GIL released, waits for it and watches for
// Ctrl-C: Python runs signal handlers only on the main thread, between bytecodes, so a thread
// blocked in C++ for the whole run would never see KeyboardInterrupt.
#include "bindings.hh"

#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/stats.hpp>

#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace newsdex::python {
namespace {

/// What index() and the progress callback installed in the Indexer's options share. Every
/// py::object here is touched only with the GIL held.
struct IndexRun {
  std::atomic<bool> stop{false};         ///< IndexOptions::stop: set on Ctrl-C
  std::atomic<bool> has_callback{false}; ///< so a run without one never takes the GIL
  py::object callback;
  std::optional<py::error_already_set> callback_error;
};

/// Thrown through the pipeline when the Python callback raised: the library cancels the run,
/// commits what reached the writers and rethrows this unchanged; index() then raises the
/// callback's own exception, kept in IndexRun::callback_error.
struct CallbackRaised {};

void report(IndexRun& run, const IndexProgress& progress) {
  if (!run.has_callback.load() || run.stop.load()) return;
  py::gil_scoped_acquire gil;
  try {
    run.callback(progress);
  } catch (py::error_already_set& e) {
    run.callback_error = std::move(e);
    throw CallbackRaised{};
  }
}

py::dict problem_dict(const InputProblem& p) {
  py::dict d;
  d["severity"] = severity_name(p.severity);
  d["file"] = text(p.where.file);
  d["line"] = p.where.line;
  d["column"] = p.where.column;
  d["message"] = text(p.message);
  return d;
}

py::dict summary_dict(const IndexSummary& s) {
  py::dict d;
  d["read"] = s.read;
  d["indexed"] = s.indexed;
  d["unchanged"] = s.unchanged;
  d["skipped"] = s.skipped;
  d["failed"] = s.failed;
  d["bytes"] = s.bytes;
  d["seconds"] = s.seconds;
  py::list problems;
  for (const auto& p : s.problems) problems.append(problem_dict(p));
  d["problems"] = problems;
  d["interrupted"] = s.interrupted;
  d["fresh_build"] = s.fresh_build;
  d["writers"] = s.writers;
  d["merge_seconds"] = s.merge_seconds;
  return d;
}

py::dict progress_dict(const IndexProgress& p) {
  py::dict d;
  d["articles"] = p.articles;
  d["bytes"] = p.bytes;
  d["seconds"] = p.seconds;
  d["total_bytes"] = p.total_bytes;
  d["indexed"] = p.indexed;
  d["merging"] = p.merging;
  d["unchanged"] = p.unchanged;
  return d;
}

const Keywords<IndexOptions>& index_keywords() {
  static const auto keywords = [] {
    Keywords<IndexOptions> k("Indexer");
    k.field("batch_documents", &IndexOptions::batch_documents)
        .field("batch_megabytes", &IndexOptions::batch_megabytes)
        .field("threads", &IndexOptions::threads)
        .field("shards", &IndexOptions::shards)
        .field("writers", &IndexOptions::writers)
        .field("progress_interval_ms", &IndexOptions::progress_interval_ms)
        .field("create", &IndexOptions::create)
        .custom("id_prefix",
                [](IndexOptions& o, py::handle v) { o.read.id_prefix = v.cast<std::string>(); })
        .custom(
            "max_file_bytes",
            [](IndexOptions& o, py::handle v) { o.read.max_file_bytes = v.cast<std::uint64_t>(); })
        .custom("stdin_format",
                [](IndexOptions& o, py::handle v) {
                  o.read.stdin_format = choice<InputFormat>("stdin_format", v,
                                                            {{"text", InputFormat::text},
                                                             {"jsonl", InputFormat::jsonl},
                                                             {"json", InputFormat::json},
                                                             {"html", InputFormat::html}});
                })
        .custom("fields",
                [](IndexOptions& o, py::handle v) {
                  o.read.json_fields.clear();
                  for (auto [ours, theirs] : v.cast<py::dict>())
                    o.read.json_fields.emplace_back(ours.cast<std::string>(),
                                                    theirs.cast<std::string>());
                })
        .custom("include",
                [](IndexOptions& o, py::handle v) { o.read.include = strings_argument(v); })
        .custom("exclude",
                [](IndexOptions& o, py::handle v) { o.read.exclude = strings_argument(v); });
    return k;
  }();
  return keywords;
}

/// The Python object: the Indexer and what its runs share. One thread at a time: a second
/// thread calling in while one is inside gets Error(usage) at once (the C++ Indexer is not
/// thread-safe, and waiting could deadlock against a progress callback waiting for the GIL).
class PyIndexer {
public:
  PyIndexer(const std::string& path, py::kwargs kwargs) : path_(path) {
    IndexOptions options;
    options.analyzer = analyzer_keywords(
        [&] { return recorded_analyzer_options(path).value_or(AnalyzerOptions{}); }, kwargs);
    index_keywords().apply(options, kwargs);
    options.stop = &run_->stop;
    options.progress = [run = run_.get()](const IndexProgress& p) { report(*run, p); };
    py::gil_scoped_release release;
    indexer_ = std::make_unique<Indexer>(path, std::move(options));
  }

  /// Runs `f(indexer)` with the GIL released, this object marked busy.
  template <class F> auto call(F&& f) {
    std::unique_lock lock(busy_, std::try_to_lock);
    if (!lock)
      throw Error(Error::Code::usage, "this Indexer is in use by another thread: an Indexer "
                                      "serves one thread at a time");
    py::gil_scoped_release release;
    return f(*indexer_);
  }

  IndexSummary index(const std::vector<std::string>& inputs, py::object progress);

  const std::string& path() const { return path_; }

private:
  std::string path_;
  std::unique_ptr<IndexRun> run_ = std::make_unique<IndexRun>(); // outlives indexer_
  std::unique_ptr<Indexer> indexer_;
  std::mutex busy_;
};

IndexSummary PyIndexer::index(const std::vector<std::string>& inputs, py::object progress) {
  std::unique_lock lock(busy_, std::try_to_lock);
  if (!lock)
    throw Error(Error::Code::usage, "this Indexer is in use by another thread: an Indexer "
                                    "serves one thread at a time");
  if (!progress.is_none() && !PyCallable_Check(progress.ptr()))
    throw py::type_error("index(): progress must be callable (or None)");
  IndexRun& run = *run_;
  run.stop = false;
  run.callback = progress;
  run.callback_error.reset();
  run.has_callback = !progress.is_none();

  IndexSummary summary;
  std::exception_ptr failure;
  std::optional<py::error_already_set> interrupt; // the exception a signal handler raised
  {
    py::gil_scoped_release release;
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    std::thread worker([&] {
      try {
        summary = indexer_->index(inputs);
      } catch (...) {
        failure = std::current_exception();
      }
      std::lock_guard guard(mutex);
      done = true;
      finished.notify_one();
    });
    for (;;) {
      {
        std::unique_lock wait(mutex);
        if (finished.wait_for(wait, std::chrono::milliseconds(100), [&] { return done; })) break;
      }
      if (interrupt) continue; // stopping already: the run commits what it read
      py::gil_scoped_acquire gil;
      // Runs the Python signal handlers (on the main thread only; elsewhere it does nothing).
      // Ctrl-C's handler raises KeyboardInterrupt: stop reading, and raise it when the run ends.
      if (PyErr_CheckSignals() != 0) {
        interrupt.emplace();
        run.stop = true;
      }
    }
    worker.join();
  }
  run.has_callback = false;
  run.callback = py::none();

  if (interrupt) {
    // The summary of what was committed travels with the exception: e.summary.
    if (!failure) {
      try {
        interrupt->value().attr("summary") = py::cast(summary);
      } catch (py::error_already_set&) { // a handler's own exception type may refuse attributes
      }
    }
    throw std::move(*interrupt);
  }
  if (run.callback_error) {
    auto error = std::move(*run.callback_error);
    run.callback_error.reset();
    throw std::move(error);
  }
  if (failure) std::rethrow_exception(failure);
  return summary;
}

Article article_argument(py::handle value) {
  if (py::isinstance<py::dict>(value))
    return py::type::of<Article>()(**value.cast<py::dict>()).cast<Article>();
  return value.cast<Article>();
}

} // namespace

void bind_indexer(py::module_& m) {
  py::class_<InputProblem>(m, "InputProblem", "Something wrong with one input of an index run.")
      .def_property_readonly(
          "severity", [](const InputProblem& p) { return severity_name(p.severity); },
          "'warning' (still read), 'skipped' or 'failed'")
      .def_property_readonly("file", [](const InputProblem& p) { return text(p.where.file); })
      .def_property_readonly("line", [](const InputProblem& p) { return p.where.line; })
      .def_property_readonly("column", [](const InputProblem& p) { return p.where.column; })
      .def_property_readonly("message", [](const InputProblem& p) { return text(p.message); })
      .def("to_dict", &problem_dict)
      .def("__repr__", [](const InputProblem& p) {
        return "InputProblem(" + std::string(severity_name(p.severity)) + ", " +
               py::repr(text(p.where.file)).cast<std::string>() + ")";
      });

  py::class_<IndexSummary>(m, "IndexSummary", "What an index run did.")
      .def_readonly("read", &IndexSummary::read, "articles read")
      .def_readonly("indexed", &IndexSummary::indexed, "added or replaced")
      .def_readonly("unchanged", &IndexSummary::unchanged, "skipped: the stored version matched")
      .def_readonly("skipped", &IndexSummary::skipped, "inputs deliberately not read")
      .def_readonly("failed", &IndexSummary::failed, "inputs or records that could not be read")
      .def_readonly("bytes", &IndexSummary::bytes, "input bytes read")
      .def_readonly("seconds", &IndexSummary::seconds)
      .def_readonly("problems", &IndexSummary::problems, "every warning, skip and failure")
      .def_readonly("interrupted", &IndexSummary::interrupted, "stopped early (Ctrl-C)")
      .def_readonly("fresh_build", &IndexSummary::fresh_build, "the collection was new")
      .def_readonly("writers", &IndexSummary::writers)
      .def_readonly("merge_seconds", &IndexSummary::merge_seconds)
      .def("to_dict", &summary_dict)
      .def("__repr__", [](const IndexSummary& s) {
        return "IndexSummary(read=" + std::to_string(s.read) +
               ", indexed=" + std::to_string(s.indexed) + ", failed=" + std::to_string(s.failed) +
               (s.interrupted ? ", interrupted=True)" : ")");
      });

  py::class_<IndexProgress>(m, "IndexProgress", "How far a running index run is.")
      .def_readonly("articles", &IndexProgress::articles, "articles read so far")
      .def_readonly("bytes", &IndexProgress::bytes, "input bytes read so far")
      .def_readonly("seconds", &IndexProgress::seconds, "since the run started")
      .def_readonly("total_bytes", &IndexProgress::total_bytes, "input bytes in all; 0: unknown")
      .def_readonly("indexed", &IndexProgress::indexed, "articles written so far")
      .def_readonly("merging", &IndexProgress::merging, "a fresh build is merging its shards")
      .def_readonly("unchanged", &IndexProgress::unchanged, "articles found unchanged so far")
      .def("to_dict", &progress_dict)
      .def("__repr__", [](const IndexProgress& p) {
        return "IndexProgress(articles=" + std::to_string(p.articles) +
               ", indexed=" + std::to_string(p.indexed) + ")";
      });

  const std::string indexer_doc = std::string(R"(The one writer of a collection.

Indexer(path, **options) opens the collection at `path`, creating it when missing. A collection
records how it analyzes text (its manifest): give analyzer options only to a new collection
(or reindex()); giving one that differs from the record raises newsdex.Error('usage').

Analyzer options: )") + analyzer_keyword_list +
                                  R"(.
Other options: )" + index_keywords().known() +
                                  R"(.

    with newsdex.Indexer("news.db") as ix:
        ix.index(["articles/"], progress=print)
        ix.add(newsdex.Article(id="x1", title="Allies agree", body="..."))

Leaving the `with` block (also by an exception) commits and closes. Use from one thread at a time.)";
  py::class_<PyIndexer>(m, "Indexer", indexer_doc.c_str())
      .def(py::init([](py::handle path, py::kwargs kwargs) {
             return std::make_unique<PyIndexer>(path_argument(path), std::move(kwargs));
           }),
           py::arg("path"))
      .def(
          "index",
          [](PyIndexer& self, py::handle inputs, py::object progress) {
            return self.index(paths_argument(inputs), std::move(progress));
          },
          py::arg("inputs"), py::arg("progress") = py::none(),
          R"(Reads, analyzes (in parallel, the GIL released) and writes every input: files and
directories (walked recursively), str or os.PathLike, one or a list. Commits per batch and at the
end; returns an IndexSummary.

progress(p: IndexProgress) is called about every progress_interval_ms and once at the end, from a
worker thread (holding the GIL). An exception it raises stops the run (what was read is committed)
and is raised here. Ctrl-C (KeyboardInterrupt) stops reading: what was read is committed, then
KeyboardInterrupt is raised here, its `summary` attribute the IndexSummary of what was stored.)")
      .def(
          "add",
          [](PyIndexer& self, py::handle article) {
            Article a = article_argument(article);
            return self.call([&](Indexer& ix) { return ix.add(a); });
          },
          py::arg("article"),
          "Adds or replaces one Article (or a dict of its fields) by id. False when an identical "
          "version is stored.")
      .def(
          "remove",
          [](PyIndexer& self, const std::string& id) {
            return self.call([&](Indexer& ix) { return ix.remove(id); });
          },
          py::arg("id"), "Removes the article with this id. False when there was none.")
      .def(
          "remove_matching",
          [](PyIndexer& self, const std::string& query) {
            return self.call([&](Indexer& ix) { return ix.remove_matching(query); });
          },
          py::arg("query"),
          "Removes every article matching `query` (every word required); returns how many.")
      .def(
          "ids_matching",
          [](PyIndexer& self, const std::string& query) {
            return self.call([&](Indexer& ix) { return ix.ids_matching(query); });
          },
          py::arg("query"), "The ids remove_matching(query) would remove (a dry run).")
      .def(
          "commit", [](PyIndexer& self) { self.call([](Indexer& ix) { ix.commit(); }); },
          "Makes every change so far durable and visible to readers.")
      .def(
          "close", [](PyIndexer& self) { self.call([](Indexer& ix) { ix.close(); }); },
          "Commits and releases the write lock. Harmless twice.")
      .def(
          "compact", [](PyIndexer& self) { self.call([](Indexer& ix) { ix.compact(); }); },
          "Compacts into a new generation, swapped in atomically.")
      .def(
          "reindex",
          [](PyIndexer& self, py::kwargs kwargs) {
            auto analyzer = analyzer_keywords(
                [&] { return recorded_analyzer_options(self.path()).value_or(AnalyzerOptions{}); },
                kwargs);
            if (!kwargs.empty())
              throw py::type_error("reindex() takes analyzer options only: " +
                                   std::string(analyzer_keyword_list));
            return self.call([&](Indexer& ix) { return ix.reindex(analyzer); });
          },
          "Rebuilds the collection from its stored articles, with new analyzer options when "
          "given (recorded from then on).")
      .def("__contains__",
           [](PyIndexer& self, const std::string& id) {
             return self.call([&](Indexer& ix) { return ix.contains(id); });
           })
      .def("__len__",
           [](PyIndexer& self) { return self.call([](Indexer& ix) { return ix.size(); }); })
      .def_property_readonly(
          "shards",
          [](PyIndexer& self) { return self.call([](Indexer& ix) { return ix.shards(); }); })
      .def_property_readonly(
          "disk_size",
          [](PyIndexer& self) { return self.call([](Indexer& ix) { return ix.disk_size(); }); })
      .def_property_readonly("path", &PyIndexer::path)
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](PyIndexer& self, const py::args&) {
        self.call([](Indexer& ix) { ix.close(); });
        return false;
      });
}

} // namespace newsdex::python
