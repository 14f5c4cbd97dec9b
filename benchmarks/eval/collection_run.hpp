// Runs a judged collection through newsdex: index docs.jsonl, search every query of queries.tsv
// with query syntax off, and return the TREC run. Shared by newsdex-eval and the relevance guard
// test, so both measure exactly the same thing.
#pragma once

#include "eval/trec_scorer.hpp"

#include <newsdex/indexer.hpp>
#include <newsdex/searcher.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace newsdex::eval {

struct CollectionRun {
  std::string collection; ///< folder with docs.jsonl, queries.tsv (and qrels.txt)
  std::string db;         ///< database path; empty: a temporary database
  /// With `db`: search the collection already there instead of indexing into it again (another
  /// query configuration over the same index).
  bool reuse_index = false;
  std::string run_out; ///< also write the run here when not empty
  std::string tag = "newsdex";
  IndexOptions index; ///< how the collection is indexed
  /// Template for every query (query text, syntax and snippets are set); top 1000 as trec_eval.
  SearchRequest request{.limit = default_depth};
};

/// What happened before scoring, for reports.
struct RunInfo {
  std::uint64_t documents = 0;
  std::uint64_t failed_documents = 0;
  std::size_t queries = 0;
  std::size_t failed_queries = 0;
  std::size_t empty_queries = 0; ///< queries that returned no hit
  double index_seconds = 0;
  double search_seconds = 0;
};

struct JudgedQuery {
  std::string qid;
  std::string text;
};

/// Reads "qid<TAB>query text" lines. Throws std::runtime_error naming the line on bad input.
std::vector<JudgedQuery> read_queries(const std::string& path);

/// Indexes, searches and returns the run. Progress lines go to `log` when not null.
Run run_collection(const CollectionRun& spec, RunInfo& info, std::ostream* log = nullptr);

/// run_collection, then scores it against the collection's qrels.txt.
Evaluation evaluate_collection(const CollectionRun& spec, RunInfo& info,
                               std::ostream* log = nullptr);

} // namespace newsdex::eval
