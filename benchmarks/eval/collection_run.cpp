#include "eval/collection_run.hpp"

#include <newsdex/error.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <stdexcept>

namespace fs = std::filesystem;

namespace newsdex::eval {
namespace {

/// A directory removed with everything in it when this goes out of scope.
class TempDir {
public:
  TempDir() {
    std::random_device random;
    const fs::path base = fs::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
      fs::path candidate = base / ("newsdex-eval-" + std::to_string(random()));
      std::error_code ec;
      if (fs::create_directory(candidate, ec)) {
        path_ = std::move(candidate);
        return;
      }
    }
    throw std::runtime_error("cannot create a temporary directory in " + base.string());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

private:
  fs::path path_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

std::vector<JudgedQuery> read_queries(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<JudgedQuery> queries;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0)
      throw std::runtime_error(path + ":" + std::to_string(line_number) +
                               ": expected 'qid<TAB>query text'");
    queries.push_back(JudgedQuery{line.substr(0, tab), line.substr(tab + 1)});
  }
  return queries;
}

Run run_collection(const CollectionRun& spec, RunInfo& info, std::ostream* log) {
  const fs::path dir(spec.collection);
  const fs::path docs = dir / "docs.jsonl";
  const fs::path queries_path = dir / "queries.tsv";
  if (!fs::is_regular_file(docs)) throw std::runtime_error(docs.string() + ": not found");
  if (!fs::is_regular_file(queries_path))
    throw std::runtime_error(queries_path.string() + ": not found");

  std::optional<TempDir> temp;
  std::string db = spec.db;
  if (db.empty()) {
    temp.emplace();
    db = (temp->path() / "db").string();
  }

  if (!(spec.reuse_index && !spec.db.empty() && fs::exists(db))) {
    const auto start = std::chrono::steady_clock::now();
    Indexer indexer(db, spec.index);
    const IndexSummary summary = indexer.index({docs.string()});
    info.index_seconds = seconds_since(start);
    info.documents = indexer.size();
    info.failed_documents = summary.failed;
    if (log)
      *log << "newsdex-eval: indexed " << summary.indexed << " of " << summary.read << " articles ("
           << summary.unchanged << " unchanged, " << summary.skipped << " skipped, "
           << summary.failed << " failed) in " << info.index_seconds << " s; the collection holds "
           << info.documents << "\n";
  }

  const std::vector<JudgedQuery> queries = read_queries(queries_path.string());
  info.queries = queries.size();

  Searcher searcher(db, spec.index.analyzer);
  SearchRequest request = spec.request;
  // Judged queries are natural language: "AND", "NOT" and "Word:" are ordinary words there.
  request.syntax = false;
  request.snippets = false;

  std::ofstream run_out;
  if (!spec.run_out.empty()) {
    run_out.open(spec.run_out, std::ios::binary | std::ios::trunc);
    if (!run_out) throw std::runtime_error(spec.run_out + ": cannot write");
  }

  Run run;
  std::set<std::string> qids;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& query : queries) {
    if (!qids.insert(query.qid).second)
      throw std::runtime_error(queries_path.string() + ": query id '" + query.qid +
                               "' appears twice");
    request.query = query.text;
    SearchResults results;
    try {
      results = searcher.search(request);
    } catch (const Error& e) {
      ++info.failed_queries;
      if (log) *log << "newsdex-eval: query " << query.qid << " failed: " << e.what() << '\n';
      continue;
    }
    // A query without hits stays out of the run, as it would from a run file.
    if (results.hits.empty()) {
      ++info.empty_queries;
      continue;
    }
    auto& entries = run[query.qid];
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
      const Hit& hit = results.hits[i];
      entries.push_back(RunEntry{hit.id, hit.score});
      if (run_out.is_open()) write_run_line(run_out, query.qid, hit.id, i + 1, hit.score, spec.tag);
    }
  }
  info.search_seconds = seconds_since(start);
  if (run_out.is_open()) {
    run_out.close();
    if (!run_out) throw std::runtime_error(spec.run_out + ": write failed");
  }
  if (log)
    *log << "newsdex-eval: ran " << queries.size() << " queries in " << info.search_seconds
         << " s (" << info.empty_queries << " without hits, " << info.failed_queries
         << " failed)\n";
  return run;
}

Evaluation evaluate_collection(const CollectionRun& spec, RunInfo& info, std::ostream* log) {
  Run run = run_collection(spec, info, log);
  return evaluate(read_qrels((fs::path(spec.collection) / "qrels.txt").string()), run);
}

} // namespace newsdex::eval
