// newsdex-cv: are newsdex's ranking defaults chosen out of sample, on news too?
//
//   newsdex-cv [DATA_DIR] [--sets a,b,...] [--work DIR] [--trials N] [--per-setting]
//
// Indexes each judged set of DATA_DIR (default ../shared/data, or $NEWSDEX_SHARED_DATA) once with
// the library's defaults, parses each query once as Searcher does (query syntax off), then runs
// every candidate weighting (BM25 over a k1 x b grid, BM25+, DLH, DPH, PL2+, LM with Dirichlet
// smoothing; eval/weighting.hpp) on the same index, and --expand over a grid of its settings
// (through Searcher, which is where expansion lives). Leave-one-fold-out cross-validation: for each
// held-out fold, the setting with the best mean MAP on the other folds, scored on the held-out
// one. The two Reuters sets share documents and are one fold. A paired randomization test per set
// compares the default with plain Xapian by the book and with the cross-validated choice.
// Prints markdown on stdout (docs/EVALUATION.md, "Out of sample"); progress on stderr.
//
// The default setting's run is checked against Searcher::search itself: if this tool's query path
// and the library's ever differ, it says so and exits 1, so the tables never describe something
// the library does not do.
#include "eval/collection_run.hpp"
#include "eval/cross_validation.hpp"
#include "eval/plain_xapian.hpp"
#include "eval/trec_scorer.hpp"
#include "eval/weighting.hpp"

#include "query/query_parser.hpp"
#include "schema/stored_fields.hpp"
#include "storage/collection.hpp"
#include "storage/manifest.hpp"

#include <newsdex/analyzer.hpp>
#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/log.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace fs = std::filesystem;
namespace ev = newsdex::eval;

namespace {

constexpr const char* program = "newsdex-cv";

// The judged sets of ../shared/data (its README): seven abstract collections and two news sets.
// The news sets judge the same Reuters-21578 stories, so they are held out together.
const std::vector<std::string> abstract_sets = {"adi",  "cacm", "cisi", "cranfield",
                                                "lisa", "med",  "npl"};
const std::vector<std::string> news_sets = {"reuters-topics", "reuters-entities-dev"};
constexpr const char* news_fold = "reuters";

struct Options {
  std::string data_dir;
  std::vector<std::string> sets;
  std::string work;
  std::size_t trials = 100000;
  bool per_setting = false;
};

struct JudgedSet {
  std::string name;
  bool news = false;
  /// Index = candidate: the weightings of the grid, then the expansion settings.
  std::vector<ev::Evaluation> by_setting;
  ev::Evaluation plain_xapian;
  /// The default ranking with SearchRequest::entity_boost switched the other way.
  ev::Evaluation entity_boost_flipped;
};

/// One setting of --expand (SearchRequest::expand_*), on the default weighting.
struct Expansion {
  unsigned documents = 0;
  unsigned terms = 0;
  double weight = 0;
  std::string name() const {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "expand docs=%u terms=%u weight=%g", documents, terms,
                  weight);
    return buffer;
  }
};

/// --expand's defaults first (ties keep them), then the neighbours on each axis.
std::vector<Expansion> expansion_grid(const newsdex::SearchRequest& defaults) {
  const Expansion given{defaults.expand_documents, defaults.expand_terms, defaults.expand_weight};
  std::vector<Expansion> grid{given};
  for (unsigned documents : {10u, 20u})
    for (unsigned terms : {20u, 40u})
      for (double weight : {0.2, 0.3, 0.45, 0.6}) {
        const Expansion e{documents, terms, weight};
        if (e.name() != given.name()) grid.push_back(e);
      }
  return grid;
}

/// A directory removed with everything in it when this goes out of scope (unless kept).
class WorkDir {
public:
  explicit WorkDir(const std::string& given) {
    if (!given.empty()) {
      path_ = given;
      fs::create_directories(path_);
      return;
    }
    std::random_device random;
    for (int attempt = 0; attempt < 100 && path_.empty(); ++attempt) {
      fs::path candidate = fs::temp_directory_path() / ("newsdex-cv-" + std::to_string(random()));
      if (fs::create_directory(candidate)) path_ = candidate;
    }
    if (path_.empty()) throw std::runtime_error("cannot create a temporary directory");
    owned_ = true;
  }
  ~WorkDir() {
    std::error_code ec;
    if (owned_) fs::remove_all(path_, ec);
  }
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  const fs::path& path() const { return path_; }

private:
  fs::path path_;
  bool owned_ = false;
};

/// Builds an index once: a marker written after success lets --work reuse it.
template <class Build> void once(const fs::path& db, Build&& build) {
  const fs::path done = db.string() + ".done";
  if (fs::exists(done)) return;
  fs::remove_all(db);
  build();
  std::ofstream(done) << "ok\n";
}

std::vector<double> per_query(const ev::Evaluation& e, double ev::Measures::*m) {
  std::vector<double> out;
  for (const auto& q : e.queries) out.push_back(q.measures.*m);
  return out;
}

/// Runs every candidate on one set's newsdex index, through the library's own query parser.
std::vector<ev::Evaluation> run_candidates(const std::string& db_path,
                                           const std::vector<ev::JudgedQuery>& queries,
                                           const ev::Qrels& qrels,
                                           const std::vector<ev::Weighting>& grid) {
  Xapian::Database db = newsdex::detail::open_collection(db_path);
  newsdex::Analyzer analyzer(newsdex::detail::resolve_analyzer_options(db_path, std::nullopt));
  const bool id_in_data = db.get_metadata(std::string(newsdex::schema::meta_schema)) != "1";
  newsdex::detail::QueryCache cache;
  newsdex::detail::QueryParserOptions parse;
  parse.syntax = false; // judged queries are natural language, as newsdex-eval runs them
  parse.explain = false;
  parse.entity_boost = newsdex::SearchRequest{}.entity_boost; // as Searcher runs the default
  parse.entity_boost_weight = newsdex::SearchRequest{}.entity_boost_weight;
  parse.cache = &cache;
  parse.database = &db;
  std::vector<Xapian::Query> parsed;
  for (const auto& q : queries)
    parsed.push_back(newsdex::detail::parse_query(q.text, analyzer, parse).query);

  std::unordered_map<Xapian::docid, std::string> ids;
  std::vector<ev::Evaluation> out;
  for (const auto& setting : grid) {
    const auto weight = setting.make();
    ev::Run run;
    for (std::size_t i = 0; i < queries.size(); ++i) {
      Xapian::Enquire enquire(db);
      enquire.set_query(parsed[i]);
      enquire.set_weighting_scheme(*weight);
      const Xapian::MSet mset = enquire.get_mset(0, ev::default_depth);
      if (mset.empty()) continue;
      auto& entries = run[queries[i].qid];
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        auto [slot, fresh] = ids.try_emplace(*it);
        if (fresh) slot->second = newsdex::detail::stored_id(it.get_document(), id_in_data);
        entries.push_back(ev::RunEntry{slot->second, it.get_weight()});
      }
    }
    out.push_back(ev::evaluate(qrels, run));
  }
  return out;
}

/// The library's own answer for `request` (the default one checks run_candidates).
ev::Evaluation run_searcher(const std::string& db_path, const std::vector<ev::JudgedQuery>& queries,
                            const ev::Qrels& qrels, newsdex::SearchRequest request = {}) {
  newsdex::Searcher searcher(db_path);
  request.limit = ev::default_depth;
  request.syntax = false;
  request.snippets = false;
  request.summaries = false;
  request.suggest = false;
  ev::Run run;
  for (const auto& q : queries) {
    request.query = q.text;
    const auto results = searcher.search(request);
    if (results.hits.empty()) continue;
    auto& entries = run[q.qid];
    for (const auto& hit : results.hits) entries.push_back(ev::RunEntry{hit.id, hit.score});
  }
  return ev::evaluate(qrels, run);
}

bool same_scores(const ev::Evaluation& a, const ev::Evaluation& b) {
  if (a.queries.size() != b.queries.size()) return false;
  for (std::size_t i = 0; i < a.queries.size(); ++i)
    if (std::fabs(a.queries[i].measures.map - b.queries[i].measures.map) > 1e-9 ||
        std::fabs(a.queries[i].measures.ndcg10 - b.queries[i].measures.ndcg10) > 1e-9)
      return false;
  return true;
}

JudgedSet evaluate_set(const std::string& name, const fs::path& dir, const fs::path& work,
                       const std::vector<ev::Weighting>& grid,
                       const std::vector<Expansion>& expansions) {
  JudgedSet set;
  set.name = name;
  set.news = std::find(news_sets.begin(), news_sets.end(), name) != news_sets.end();
  const std::string docs = (dir / "docs.jsonl").string();
  const auto queries = ev::read_queries((dir / "queries.tsv").string());
  const ev::Qrels qrels = ev::read_qrels((dir / "qrels.txt").string());

  const fs::path newsdex_db = work / (name + ".newsdex");
  std::cerr << program << ": " << name << ": indexing\n";
  once(newsdex_db, [&] {
    newsdex::Indexer indexer(newsdex_db.string());
    indexer.index({docs});
    indexer.commit();
  });
  std::cerr << program << ": " << name << ": " << grid.size() << " settings x " << queries.size()
            << " queries\n";
  set.by_setting = run_candidates(newsdex_db.string(), queries, qrels, grid);
  if (!same_scores(set.by_setting.front(), run_searcher(newsdex_db.string(), queries, qrels)))
    throw std::runtime_error(name + ": the default setting run here scores differently from "
                                    "Searcher::search; this tool no longer measures the library");
  std::cerr << program << ": " << name << ": " << expansions.size() << " expansion settings\n";
  for (const auto& e : expansions) {
    newsdex::SearchRequest request;
    request.expand = true;
    request.expand_documents = e.documents;
    request.expand_terms = e.terms;
    request.expand_weight = e.weight;
    set.by_setting.push_back(run_searcher(newsdex_db.string(), queries, qrels, request));
  }

  {
    newsdex::SearchRequest request;
    request.entity_boost = !request.entity_boost;
    std::cerr << program << ": " << name << ": entity boost "
              << (request.entity_boost ? "on" : "off") << "\n";
    set.entity_boost_flipped = run_searcher(newsdex_db.string(), queries, qrels, request);
  }

  const fs::path plain_db = work / (name + ".xapian");
  once(plain_db, [&] { ev::build_plain_xapian(docs, plain_db.string()); });
  set.plain_xapian = ev::evaluate(qrels, ev::run_plain_xapian(plain_db.string(), queries));
  return set;
}

std::string f4(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", x);
  return buffer;
}

std::string signed4(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.4f", x);
  return buffer;
}

std::string p_value(double p) {
  char buffer[32];
  if (p < 0.001)
    std::snprintf(buffer, sizeof buffer, "<0.001");
  else
    std::snprintf(buffer, sizeof buffer, "%.3f", p);
  return buffer;
}

/// Means of one measure over groups of sets: abstracts, news, all.
struct GroupMeans {
  double sum[3] = {0, 0, 0};
  std::size_t n[3] = {0, 0, 0};
  void add(bool news, double x) {
    sum[news ? 1 : 0] += x;
    ++n[news ? 1 : 0];
    sum[2] += x;
    ++n[2];
  }
  std::string get(int group) const { return n[group] ? f4(sum[group] / n[group]) : "–"; }
};

struct Study {
  std::vector<JudgedSet> sets;
  std::vector<ev::Weighting> grid;
  std::vector<std::string> names; ///< every candidate: the grid's, then the expansions'
  std::vector<ev::Fold> folds;
  std::vector<std::size_t> fold_of_set;
};

ev::ScoreTable table_of(const Study& s, const std::vector<std::size_t>& candidates,
                        double ev::Measures::*m) {
  ev::ScoreTable t;
  for (std::size_t c : candidates) {
    std::vector<double> row;
    for (const auto& set : s.sets) row.push_back(set.by_setting[c].mean.*m);
    t.push_back(std::move(row));
  }
  return t;
}

/// One cross-validation over `candidates` (indexes into the grid; the default first), choosing on
/// mean MAP; with `ndcg_floor` (an index into `candidates`), only among the settings whose
/// nDCG@10 is below that candidate's on no training set.
void report_cv(const Study& s, const std::string& title, const std::vector<std::size_t>& candidates,
               std::size_t trials, std::optional<std::size_t> ndcg_floor = std::nullopt) {
  const ev::ScoreTable map = table_of(s, candidates, &ev::Measures::map);
  const ev::ScoreTable ndcg = table_of(s, candidates, &ev::Measures::ndcg10);
  const ev::Floor floor = ndcg_floor ? ev::Floor{&ndcg, *ndcg_floor} : ev::Floor{};
  const auto choices = ev::leave_one_fold_out(map, s.folds, floor);
  std::vector<std::size_t> all_folds(s.folds.size());
  for (std::size_t f = 0; f < all_folds.size(); ++f) all_folds[f] = f;
  const std::size_t in_sample = ev::best_setting(map, s.folds, all_folds, floor);

  std::cout << "\n### " << title << " (" << candidates.size() << " settings)\n\n";
  std::cout << "In-sample: tuned on all " << s.folds.size() << " folds: `"
            << s.names[candidates[in_sample]] << "`.\n\n";
  std::cout << "| set | default MAP | default nDCG@10 | in-sample MAP | in-sample nDCG@10 | "
               "best on the set alone (MAP) | CV choice (other folds) | CV MAP | CV nDCG@10 | "
               "CV − default MAP | p |\n";
  std::cout << "|---|---:|---:|---:|---:|---|---|---:|---:|---:|---:|\n";
  GroupMeans def_map, def_ndcg, in_map, in_ndcg, alone_map, cv_map, cv_ndcg;
  for (std::size_t i = 0; i < s.sets.size(); ++i) {
    const JudgedSet& set = s.sets[i];
    const std::size_t chosen = candidates[choices[s.fold_of_set[i]].setting];
    const auto& d = set.by_setting[candidates[0]];
    const auto& in = set.by_setting[candidates[in_sample]];
    const auto& cv = set.by_setting[chosen];
    std::size_t alone = 0;
    for (std::size_t c = 1; c < candidates.size(); ++c)
      if (map[c][i] > map[alone][i]) alone = c;
    const double p = ev::paired_randomization_p(per_query(cv, &ev::Measures::map),
                                                per_query(d, &ev::Measures::map), trials);
    std::cout << "| " << set.name << " | " << f4(d.mean.map) << " | " << f4(d.mean.ndcg10) << " | "
              << f4(in.mean.map) << " | " << f4(in.mean.ndcg10) << " | " << f4(map[alone][i])
              << " (`" << s.names[candidates[alone]] << "`) | `" << s.names[chosen] << "` | "
              << f4(cv.mean.map) << " | " << f4(cv.mean.ndcg10) << " | "
              << signed4(cv.mean.map - d.mean.map) << " | " << p_value(p) << " |\n";
    def_map.add(set.news, d.mean.map);
    def_ndcg.add(set.news, d.mean.ndcg10);
    in_map.add(set.news, in.mean.map);
    in_ndcg.add(set.news, in.mean.ndcg10);
    alone_map.add(set.news, map[alone][i]);
    cv_map.add(set.news, cv.mean.map);
    cv_ndcg.add(set.news, cv.mean.ndcg10);
  }
  const char* names[3] = {"**mean, abstracts**", "**mean, news**", "**mean, all sets**"};
  for (int g = 0; g < 3; ++g) {
    if (def_map.n[g] == 0) continue;
    std::cout << "| " << names[g] << " | " << def_map.get(g) << " | " << def_ndcg.get(g) << " | "
              << in_map.get(g) << " | " << in_ndcg.get(g) << " | " << alone_map.get(g) << " | | "
              << cv_map.get(g) << " | " << cv_ndcg.get(g) << " | | |\n";
  }
  std::cout << "\nChoice per held-out fold (mean MAP of the other folds):\n\n";
  std::set<std::size_t> distinct;
  for (const auto& c : choices) {
    distinct.insert(candidates[c.setting]);
    std::cout << "- " << s.folds[c.held_out].name << " held out: `"
              << s.names[candidates[c.setting]] << "` (" << f4(c.training_score) << ")\n";
  }
  for (std::size_t f = 0; f < s.folds.size(); ++f) {
    if (s.folds[f].name != news_fold) continue;
    const std::size_t news_best = candidates[ev::best_setting(map, s.folds, {f})];
    GroupMeans at_news_best;
    for (const auto& set : s.sets) at_news_best.add(set.news, set.by_setting[news_best].mean.map);
    std::cout << "\nTuned on the news fold alone: `" << s.names[news_best] << "`, mean MAP "
              << at_news_best.get(1) << " on news and " << at_news_best.get(0)
              << " on the abstracts.\n";
  }
  const bool consistent = distinct.size() == 1;
  std::cout << "\n"
            << (consistent ? (*distinct.begin() == candidates[0]
                                  ? "Every fold keeps the default."
                                  : "Every fold chooses the same setting, not the default.")
                           : "The folds do not agree on one setting.")
            << "\n";
}

void report_peer(const Study& s, std::size_t trials) {
  std::cout << "\n### The default against plain Xapian by the book, per set\n\n";
  std::cout << "| set | queries | newsdex MAP | plain Xapian MAP | p | newsdex nDCG@10 | "
               "plain Xapian nDCG@10 | p |\n";
  std::cout << "|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& set : s.sets) {
    const auto& d = set.by_setting.front();
    const auto& x = set.plain_xapian;
    const double p_map = ev::paired_randomization_p(per_query(d, &ev::Measures::map),
                                                    per_query(x, &ev::Measures::map), trials);
    const double p_ndcg = ev::paired_randomization_p(per_query(d, &ev::Measures::ndcg10),
                                                     per_query(x, &ev::Measures::ndcg10), trials);
    std::cout << "| " << set.name << " | " << d.queries.size() << " | " << f4(d.mean.map) << " | "
              << f4(x.mean.map) << " | " << p_value(p_map) << " | " << f4(d.mean.ndcg10) << " | "
              << f4(x.mean.ndcg10) << " | " << p_value(p_ndcg) << " |\n";
  }
}

/// --expand (its defaults) against the ranking without it: what the goal for --expand
/// asks (more MAP, no less nDCG@10 on any set), with p-values.
void report_expansion(const Study& s, std::size_t trials) {
  const std::size_t e = s.grid.size(); // the first expansion setting: --expand's defaults
  std::cout << "\n### `" << s.names[e] << "` (--expand's defaults) against no expansion\n\n";
  std::cout << "| set | MAP | ΔMAP | p | nDCG@10 | ΔnDCG@10 | p |\n";
  std::cout << "|---|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& set : s.sets) {
    const auto& d = set.by_setting.front();
    const auto& x = set.by_setting[e];
    const double p_map = ev::paired_randomization_p(per_query(x, &ev::Measures::map),
                                                    per_query(d, &ev::Measures::map), trials);
    const double p_ndcg = ev::paired_randomization_p(per_query(x, &ev::Measures::ndcg10),
                                                     per_query(d, &ev::Measures::ndcg10), trials);
    std::cout << "| " << set.name << " | " << f4(x.mean.map) << " | "
              << signed4(x.mean.map - d.mean.map) << " | " << p_value(p_map) << " | "
              << f4(x.mean.ndcg10) << " | " << signed4(x.mean.ndcg10 - d.mean.ndcg10) << " | "
              << p_value(p_ndcg) << " |\n";
  }
}

/// Entity- and phrase-aware ranking (SearchRequest::entity_boost) on against off, whichever is
/// the default: the evidence for the default docs/QUERY.md states.
void report_entity_boost(const Study& s, std::size_t trials) {
  const bool on_by_default = newsdex::SearchRequest{}.entity_boost;
  std::cout << "\n### Entity-aware ranking (`--entity-boost`) on against off\n\n";
  std::cout << "| set | MAP off | MAP on | ΔMAP | p | nDCG@10 off | nDCG@10 on | ΔnDCG@10 | p |\n";
  std::cout << "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  GroupMeans map_off, map_on, ndcg_off, ndcg_on;
  for (const auto& set : s.sets) {
    const auto& on = on_by_default ? set.by_setting.front() : set.entity_boost_flipped;
    const auto& off = on_by_default ? set.entity_boost_flipped : set.by_setting.front();
    const double p_map = ev::paired_randomization_p(per_query(on, &ev::Measures::map),
                                                    per_query(off, &ev::Measures::map), trials);
    const double p_ndcg = ev::paired_randomization_p(per_query(on, &ev::Measures::ndcg10),
                                                     per_query(off, &ev::Measures::ndcg10), trials);
    map_off.add(set.news, off.mean.map);
    map_on.add(set.news, on.mean.map);
    ndcg_off.add(set.news, off.mean.ndcg10);
    ndcg_on.add(set.news, on.mean.ndcg10);
    std::cout << "| " << set.name << " | " << f4(off.mean.map) << " | " << f4(on.mean.map) << " | "
              << signed4(on.mean.map - off.mean.map) << " | " << p_value(p_map) << " | "
              << f4(off.mean.ndcg10) << " | " << f4(on.mean.ndcg10) << " | "
              << signed4(on.mean.ndcg10 - off.mean.ndcg10) << " | " << p_value(p_ndcg) << " |\n";
  }
  for (int news = 0; news < 2; ++news)
    std::cout << "| **mean, " << (news ? "news" : "abstracts") << "** | " << map_off.get(news)
              << " | " << map_on.get(news) << " | | | " << ndcg_off.get(news) << " | "
              << ndcg_on.get(news) << " | | |\n";
}

void report_settings(const Study& s) {
  std::cout << "\n### Every setting (mean MAP / nDCG@10)\n\n| setting | abstracts | news |";
  for (const auto& set : s.sets) std::cout << ' ' << set.name << " |";
  std::cout << "\n|---|---|---|";
  for (std::size_t i = 0; i < s.sets.size(); ++i) std::cout << "---:|";
  std::cout << "\n";
  for (std::size_t c = 0; c < s.names.size(); ++c) {
    GroupMeans map, ndcg;
    for (const auto& set : s.sets) {
      map.add(set.news, set.by_setting[c].mean.map);
      ndcg.add(set.news, set.by_setting[c].mean.ndcg10);
    }
    std::cout << "| `" << s.names[c] << "` | " << map.get(0) << " / " << ndcg.get(0) << " | "
              << map.get(1) << " / " << ndcg.get(1) << " |";
    for (const auto& set : s.sets) std::cout << ' ' << f4(set.by_setting[c].mean.map) << " |";
    std::cout << "\n";
  }
}

int run(const Options& options) {
  const newsdex::SearchRequest defaults;
  Study s;
  s.grid = ev::candidate_grid(ev::default_weighting(defaults.k1, defaults.b));
  const std::vector<Expansion> expansions = expansion_grid(defaults);
  for (const auto& w : s.grid) s.names.push_back(w.name());
  for (const auto& e : expansions) s.names.push_back(e.name());
  WorkDir work(options.work);
  for (const auto& name : options.sets) {
    const fs::path dir = fs::path(options.data_dir) / name;
    if (!fs::is_regular_file(dir / "qrels.txt")) {
      std::cerr << program << ": skipped " << name << ": no " << (dir / "qrels.txt").string()
                << "\n";
      continue;
    }
    s.sets.push_back(evaluate_set(name, dir, work.path(), s.grid, expansions));
  }
  if (s.sets.empty()) {
    std::cerr << program << ": skipped: no judged set in " << options.data_dir << "\n";
    return 0;
  }
  for (std::size_t i = 0; i < s.sets.size(); ++i) {
    const std::string fold = s.sets[i].news ? news_fold : s.sets[i].name;
    std::size_t f = 0;
    while (f < s.folds.size() && s.folds[f].name != fold) ++f;
    if (f == s.folds.size()) s.folds.push_back({fold, {}});
    s.folds[f].sets.push_back(i);
    s.fold_of_set.push_back(f);
  }

  std::cout << "## Out of sample: newsdex-cv\n\nDefault: `" << s.grid.front().name() << "`; "
            << s.sets.size() << " sets in " << s.folds.size()
            << " folds; CV = leave one fold out, choosing on mean MAP; p = paired randomization "
               "test, two-sided, "
            << options.trials << " trials.\n";
  if (s.folds.size() >= 2) {
    std::vector<std::size_t> bm25, all;
    for (std::size_t c = 0; c < s.grid.size(); ++c) {
      all.push_back(c);
      if (s.grid[c].is_bm25()) bm25.push_back(c);
    }
    report_cv(s, "BM25, k1 and b", bm25, options.trials);
    report_cv(s, "Every weighting scheme", all, options.trials);
    // --expand's defaults first, its neighbours, and no expansion at all (the default ranking):
    // a fold may find that expanding does not pay.
    std::vector<std::size_t> expand;
    for (std::size_t c = s.grid.size(); c < s.names.size(); ++c) expand.push_back(c);
    expand.push_back(0);
    report_cv(s, "--expand", expand, options.trials);
    // The goal of issue 17 for --expand as the rule of choice: the most MAP among the settings
    // that lower nDCG@10 on no training set against no expansion (the last candidate).
    report_cv(s, "--expand, nDCG@10 on no training set below no expansion", expand, options.trials,
              expand.size() - 1);
  }
  report_peer(s, options.trials);
  report_expansion(s, options.trials);
  report_entity_boost(s, options.trials);
  if (options.per_setting) report_settings(s);
  return 0;
}

std::string default_data_dir() {
  if (const char* env = std::getenv("NEWSDEX_SHARED_DATA"); env && *env) return env;
  return NEWSDEX_SHARED_DATA;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"newsdex-cv: leave-one-collection-out cross-validation of newsdex's ranking "
               "defaults over the judged sets, with paired randomization tests"};
  Options options;
  options.data_dir = default_data_dir();
  options.sets = abstract_sets;
  options.sets.insert(options.sets.end(), news_sets.begin(), news_sets.end());
  app.add_option("data_dir", options.data_dir, "Folder holding the judged sets")
      ->capture_default_str();
  app.add_option("--sets", options.sets, "Judged sets (folder names), comma-separated")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--work", options.work,
                 "Keep the indexes here and reuse them next time (default: a temporary folder)");
  app.add_option("--trials", options.trials, "Randomization test trials")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_flag("--per-setting", options.per_setting, "Also print every setting's scores");
  CLI11_PARSE(app, argc, argv);

  newsdex::set_log_sink([](newsdex::LogLevel level, std::string_view message) {
    if (level == newsdex::LogLevel::warning || level == newsdex::LogLevel::error)
      std::cerr << program << ": " << message << '\n';
  });
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << program << ": " << e.what() << '\n';
    return 1;
  }
}
