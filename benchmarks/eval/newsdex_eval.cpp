// newsdex-eval: relevance of newsdex on a TREC-style test collection, scored as trec_eval does.
//
//   newsdex-eval COLLECTION_DIR [--k1 X] [--b X] [--match any|all] [--limit N] [--db DIR]
//                               [--run-out FILE] [--format text|json] [--per-query]
//     indexes COLLECTION_DIR/docs.jsonl (into a temporary database unless --db), runs every query
//     of COLLECTION_DIR/queries.tsv ("qid<TAB>text") as plain words, and scores the run against
//     COLLECTION_DIR/qrels.txt.
//
//   newsdex-eval --run FILE --qrels FILE [--format text|json] [--per-query]
//     only scores an existing TREC run (any engine's) against qrels.
//
// Text output follows trec_eval's layout ("measure<TAB>qid<TAB>value", qid "all" for the mean),
// on stdout; progress and warnings go to stderr.
#include "eval/collection_run.hpp"
#include "eval/trec_scorer.hpp"

#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/log.hpp>
#include <newsdex/searcher.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
namespace ev = newsdex::eval;

namespace {

constexpr const char* program = "newsdex-eval";
constexpr const char* run_tag = "newsdex";
constexpr int usage_exit = 2; ///< bad arguments; 1 is any other failure

struct Options {
  std::string collection;
  std::string run_in;
  std::string qrels;
  std::string run_out;
  std::string db;
  std::string match = "any";
  std::string format = "text";
  double k1 = newsdex::SearchRequest{}.k1;
  double b = newsdex::SearchRequest{}.b;
  std::size_t limit = ev::default_depth;
  bool per_query = false;
  bool expand = false;
  bool no_variants = false;
  bool no_stopwords = false;
  unsigned expand_documents = newsdex::SearchRequest{}.expand_documents;
  unsigned expand_terms = newsdex::SearchRequest{}.expand_terms;
  double expand_weight = newsdex::SearchRequest{}.expand_weight;
  std::string entity_boost = newsdex::SearchRequest{}.entity_boost ? "on" : "off";
  double entity_boost_weight = newsdex::SearchRequest{}.entity_boost_weight;
  bool phrase_boost = false;
};

/// Indexes the collection, runs its queries and returns the run (also written to --run-out).
ev::Run run_collection(const Options& options, ev::RunInfo& info) {
  ev::CollectionRun spec;
  spec.collection = options.collection;
  spec.db = options.db;
  spec.run_out = options.run_out;
  spec.tag = run_tag;
  spec.request.limit = options.limit;
  spec.request.k1 = options.k1;
  spec.request.b = options.b;
  spec.request.expand = options.expand;
  spec.request.entity_boost = options.entity_boost == "on";
  spec.request.entity_boost_weight = options.entity_boost_weight;
  spec.request.phrase_boost = options.phrase_boost;
  newsdex::AnalyzerOptions analysis;
  analysis.fold_variants = !options.no_variants;
  analysis.stopwords = !options.no_stopwords;
  spec.index.analyzer = analysis;
  spec.request.expand_documents = options.expand_documents;
  spec.request.expand_terms = options.expand_terms;
  spec.request.expand_weight = options.expand_weight;
  spec.request.match = options.match == "all" ? newsdex::MatchMode::all : newsdex::MatchMode::any;
  return ev::run_collection(spec, info, &std::cerr);
}

// Measure names as trec_eval prints them.
struct NamedMeasure {
  const char* name;
  double ev::Measures::*field;
};
constexpr NamedMeasure measure_names[] = {
    {"map", &ev::Measures::map},
    {"ndcg_cut_10", &ev::Measures::ndcg10},
    {"P_10", &ev::Measures::p10},
    {"recall_100", &ev::Measures::recall100},
    {"recall_1000", &ev::Measures::recall1000},
};

void print_line(const char* name, const std::string& qid, double value) {
  std::printf("%-22s\t%s\t%.4f\n", name, qid.c_str(), value);
}

void print_count(const char* name, const std::string& qid, std::uint64_t value) {
  std::printf("%-22s\t%s\t%llu\n", name, qid.c_str(), static_cast<unsigned long long>(value));
}

void print_text(const ev::Evaluation& evaluation, const ev::RunInfo* info, bool per_query) {
  if (per_query) {
    for (const auto& q : evaluation.queries) {
      print_count("num_ret", q.qid, q.retrieved);
      print_count("num_rel", q.qid, q.relevant);
      print_count("num_rel_ret", q.qid, q.relevant_retrieved);
      for (const auto& m : measure_names) print_line(m.name, q.qid, q.measures.*m.field);
    }
  }
  if (info != nullptr) {
    print_count("num_docs", "all", info->documents);
    print_count("num_queries", "all", info->queries);
  }
  print_count("num_q", "all", evaluation.queries.size());
  print_count("num_missing", "all", evaluation.missing);
  print_count("num_ret", "all", evaluation.retrieved);
  print_count("num_rel", "all", evaluation.relevant);
  print_count("num_rel_ret", "all", evaluation.relevant_retrieved);
  for (const auto& m : measure_names) print_line(m.name, "all", evaluation.mean.*m.field);
}

nlohmann::ordered_json measures_json(const ev::Measures& measures) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& m : measure_names) out[m.name] = measures.*m.field;
  return out;
}

void print_json(const ev::Evaluation& evaluation, const Options& options, const ev::RunInfo* info) {
  nlohmann::ordered_json out;
  if (info != nullptr) {
    out["collection"] = options.collection;
    out["documents"] = info->documents;
    out["failed_documents"] = info->failed_documents;
    out["queries"] = info->queries;
    out["failed_queries"] = info->failed_queries;
    out["queries_without_hits"] = info->empty_queries;
    out["index_seconds"] = info->index_seconds;
    out["search_seconds"] = info->search_seconds;
    out["params"] = {
        {"k1", options.k1}, {"b", options.b}, {"match", options.match}, {"limit", options.limit}};
  } else {
    out["run"] = options.run_in;
  }
  out["qrels"] = options.qrels;
  out["judged_queries"] = evaluation.queries.size();
  out["missing_queries"] = evaluation.missing;
  out["num_ret"] = evaluation.retrieved;
  out["num_rel"] = evaluation.relevant;
  out["num_rel_ret"] = evaluation.relevant_retrieved;
  out["measures"] = measures_json(evaluation.mean);
  if (options.per_query) {
    nlohmann::ordered_json per_query = nlohmann::ordered_json::array();
    for (const auto& q : evaluation.queries) {
      per_query.push_back({{"qid", q.qid},
                           {"in_run", q.in_run},
                           {"num_ret", q.retrieved},
                           {"num_rel", q.relevant},
                           {"num_rel_ret", q.relevant_retrieved},
                           {"measures", measures_json(q.measures)}});
    }
    out["per_query"] = std::move(per_query);
  }
  std::cout << out.dump(2) << '\n';
}

int run_eval(Options& options) {
  ev::Run run;
  ev::RunInfo info;
  const bool score_only = !options.run_in.empty();
  if (score_only) {
    if (options.qrels.empty()) {
      if (options.collection.empty()) throw CLI::ValidationError("--run needs --qrels");
      options.qrels = (fs::path(options.collection) / "qrels.txt").string();
    }
    run = ev::read_run(options.run_in);
  } else {
    if (options.collection.empty()) {
      throw CLI::ValidationError("give COLLECTION_DIR, or --run FILE --qrels FILE");
    }
    if (options.qrels.empty())
      options.qrels = (fs::path(options.collection) / "qrels.txt").string();
    if (!fs::is_regular_file(options.qrels)) {
      throw std::runtime_error(options.qrels + ": not found");
    }
    run = run_collection(options, info);
  }

  const ev::Qrels qrels = ev::read_qrels(options.qrels);
  const ev::Evaluation evaluation = ev::evaluate(qrels, run);
  if (evaluation.queries.empty()) {
    std::cerr << program << ": warning: " << options.qrels << " has no query with a relevant "
              << "document; nothing to score\n";
  }
  if (options.format == "json") {
    print_json(evaluation, options, score_only ? nullptr : &info);
  } else {
    print_text(evaluation, score_only ? nullptr : &info, options.per_query);
  }
  std::fflush(stdout);
  return info.failed_queries > 0 ? 1 : 0;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"newsdex-eval: relevance of newsdex on a TREC-style test collection (MAP, "
               "nDCG@10, P@10, Recall@100, Recall@1000, computed as trec_eval does)"};
  Options options;
  app.add_option("collection", options.collection,
                 "Folder with docs.jsonl, queries.tsv and qrels.txt");
  app.add_option("--run", options.run_in,
                 "Only score this existing TREC run (qid Q0 docid rank score tag)")
      ->check(CLI::ExistingFile);
  app.add_option("--qrels", options.qrels,
                 "TREC qrels (qid 0 docid rel); default COLLECTION_DIR/qrels.txt")
      ->check(CLI::ExistingFile);
  app.add_option("--run-out", options.run_out, "Also write the run to this file");
  app.add_option("--db", options.db,
                 "Index into (or reuse) this database instead of a temporary one");
  app.add_option("--k1", options.k1, "BM25 k1")->capture_default_str();
  app.add_option("--b", options.b, "BM25 b")->capture_default_str();
  app.add_flag("--expand", options.expand, "Pseudo-relevance feedback (RM3-style)");
  app.add_option("--entity-boost", options.entity_boost,
                 "Entity- and phrase-aware ranking of the query words (docs/QUERY.md)")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  app.add_flag("--phrase-boost", options.phrase_boost,
               "With the entity boost: multi-word expressions add their phrase");
  app.add_option("--entity-boost-weight", options.entity_boost_weight,
                 "Weight of that evidence against the words' own")
      ->capture_default_str();
  app.add_flag("--no-variants", options.no_variants,
               "Ablation: no British/American spelling folding (index and query side)");
  app.add_flag("--no-stopwords", options.no_stopwords, "Ablation: no stopword list");
  app.add_option("--expand-docs", options.expand_documents, "Feedback documents")
      ->capture_default_str();
  app.add_option("--expand-terms", options.expand_terms, "Expansion terms")->capture_default_str();
  app.add_option("--expand-weight", options.expand_weight,
                 "Share of the expansion terms for a ten-term query")
      ->capture_default_str();
  app.add_option("--match", options.match, "How query words combine")
      ->check(CLI::IsMember({"any", "all"}))
      ->capture_default_str();
  app.add_option("--limit", options.limit, "Hits retrieved per query")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_flag("-q,--per-query", options.per_query, "Also print every query's measures");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return usage_exit;
  }

  newsdex::set_log_sink([](newsdex::LogLevel level, std::string_view message) {
    if (level == newsdex::LogLevel::warning || level == newsdex::LogLevel::error) {
      std::cerr << program << ": " << message << '\n';
    }
  });

  try {
    return run_eval(options);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return usage_exit;
  } catch (const std::exception& e) {
    std::cerr << program << ": " << e.what() << '\n';
    return 1;
  }
}
