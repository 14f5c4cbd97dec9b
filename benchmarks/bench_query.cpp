// bench_query: query latency of newsdex against plain Xapian (QueryParser + Enquire) on the same
// documents, in the same process.
//
//   bench-query [--data DIR] [--queries FILE] [--work DIR] [--runs 5] [--per-run 1000]
//               [--baseline-k1 1.2] [--baseline-b 0.75]
//               [--callgrind newsdex|xapian|newsdex-page]
//
// For each collection (reuters21578, bbc under DIR), indexes docs.jsonl twice into WORK (kept and
// reused when present): with newsdex::Indexer, and with Xapian's TermGenerator (English stemmer,
// title words with wdf 2; newsdex weighs them 4), which is then compacted (`xapian-compact
// --fuller`, as newsdex's fresh build ends in a merge) and searched compacted. Then, after a
// warm-up pass over every query, runs `runs` rounds of `per-run` queries (the query set cycled),
// the two sides alternated query by query (which goes first alternates too), and reports
// p50/p95/p99 per side and round and the median over rounds of the p50 ratio. Both sides fetch the
// top 10 and read each hit's document data (newsdex: id, title, date, source, url and entities).
// The baseline ranks with BM25 k1 1.2, b 0.75, newsdex with its defaults (1.8, 0.5), which prune
// less well: --baseline-k1/-b give the baseline newsdex's parameters, to tell that cost from
// newsdex's own. A second measurement adds snippets, facets (source, year, month) and the spelling
// suggestion to the newsdex side and reports what they add.
//
// --callgrind SIDE runs the query set once for one side between CALLGRIND_START/STOP macros (run
// under `valgrind --tool=callgrind --instr-atstart=no`; scripts/bench-query.sh does this);
// newsdex-page is the newsdex side with snippets, facets and the suggestion. The ranked
// comparison runs newsdex with entity-aware ranking off (the baseline has no entity evidence) and
// again with it on (the default), each against the baseline: `p50_ratio_median` and
// `boost_p50_ratio_median`.
#include "query_file.hpp"

#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/searcher.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <valgrind/callgrind.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Sides {
  newsdex::Searcher* newsdex;
  Xapian::Database xapian;
  Xapian::QueryParser parser;
  Xapian::Stem stem{"en"};
  double k1 = 1.2, b = 0.75; ///< the baseline's BM25 parameters
};

using newsdex::bench::read_queries;

void build_xapian(const std::string& jsonl, const std::string& path) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("en"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::ifstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    std::string id = j.value("id", ""), title = j.value("title", ""), body = j.value("body", "");
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(title, 2);
    tg.increase_termpos();
    tg.index_text(body);
    doc.set_data(id);
    doc.add_boolean_term("Q" + id);
    db.replace_document("Q" + id, doc);
  }
  db.commit();
}

void ensure_indexes(const std::string& jsonl, const fs::path& dir) {
  if (!fs::exists(dir / "newsdex.done")) {
    fs::remove_all(dir / "newsdex.db");
    newsdex::Indexer indexer((dir / "newsdex.db").string());
    indexer.index({jsonl});
    indexer.commit();
    std::ofstream(dir / "newsdex.done") << "ok\n";
  }
  if (!fs::exists(dir / "xapian.done")) {
    build_xapian(jsonl, (dir / "xapian.db").string());
    // Like with like: newsdex's collection is compacted (its fresh build ends in a merge), so the
    // baseline is searched compacted too, at newsdex's level (Xapian's FULL); the uncompacted
    // size is reported beside it.
    fs::remove_all(dir / "xapian-compact.db");
    Xapian::Database((dir / "xapian.db").string())
        .compact((dir / "xapian-compact.db").string(), Xapian::Compactor::FULL);
    std::ofstream(dir / "xapian.done") << "ok\n";
  }
}

std::uintmax_t disk_size(const fs::path& p) {
  std::uintmax_t n = 0;
  std::error_code ec;
  if (fs::is_regular_file(p, ec)) return fs::file_size(p, ec);
  if (!fs::is_directory(p, ec)) return 0;
  for (const auto& e : fs::recursive_directory_iterator(p, ec))
    if (e.is_regular_file(ec)) n += e.file_size(ec);
  return n;
}

// What the newsdex side returns: a ranked list (ids and scores, as the baseline: it reads each
// hit's id and nothing more) with entity-aware ranking off, the same with it on (the default),
// the same with the phrase table's expressions too (SearchRequest::phrase_boost, off by default),
// hits as a result page lists them (title, date, source, url, entity names), or a whole page
// (those plus snippets, facets and the "did you mean" suggestion).
enum class Mode { ranked, ranked_boost, ranked_phrase, hits, page };

std::size_t run_newsdex(Sides& s, const std::string& q, Mode mode) {
  newsdex::SearchRequest r;
  r.query = q;
  r.limit = 10;
  r.summaries = mode == Mode::hits || mode == Mode::page;
  // The plain ranked list is the like-for-like comparison: the baseline has no entity evidence.
  r.entity_boost = mode != Mode::ranked;
  r.phrase_boost = mode == Mode::ranked_phrase;
  r.snippets = mode == Mode::page;
  r.suggest = mode == Mode::page; // plain Xapian offers no "did you mean"
  if (mode == Mode::page)
    r.facets = {newsdex::FacetKind::source, newsdex::FacetKind::year, newsdex::FacetKind::month};
  std::size_t n = 0;
  for (const auto& h : s.newsdex->search(r).hits) n += !h.id.empty();
  return n;
}

std::size_t run_xapian(Sides& s, const std::string& q) {
  Xapian::Enquire enquire(s.xapian);
  enquire.set_query(s.parser.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT));
  enquire.set_weighting_scheme(Xapian::BM25Weight(s.k1, 0, 1, s.b, 0.5));
  Xapian::MSet mset = enquire.get_mset(0, 10);
  std::size_t n = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) n += it.get_document().get_data().size() > 0;
  return n;
}

double micros(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

double median(std::vector<double> v) {
  return percentile(std::move(v), 0.5);
}

// The query set once, with callgrind counting only this loop, after a pass that is not counted:
// the timed rounds run warm too (the searcher's caches filled, Xapian's cursors on their blocks),
// so a cold pass would count first-use costs that the timings do not have. BQ_PER_QUERY=1 dumps
// the counts after each query (callgrind.out.N, one file a query) to compare the sides query by
// query.
template <class Run>
__attribute__((noinline)) std::size_t callgrind_pass(const std::vector<std::string>& qs,
                                                     Run&& run) {
  std::size_t n = 0;
  for (const auto& q : qs) n += run(q);
  CALLGRIND_START_INSTRUMENTATION;
  for (const auto& q : qs) {
    n += run(q);
    if (std::getenv("BQ_PER_QUERY")) CALLGRIND_DUMP_STATS_AT(q.c_str());
  }
  CALLGRIND_STOP_INSTRUMENTATION;
  return n;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"bench-query: newsdex vs plain Xapian query latency"};
  std::string data = NEWSDEX_SHARED_DATA;
  std::string queries_file = NEWSDEX_BENCH_QUERIES;
  std::string work = (fs::temp_directory_path() / "newsdex-bench-query").string();
  std::string callgrind;
  int runs = 5;
  std::size_t per_run = 1000;
  std::vector<std::string> collections{"reuters21578", "bbc"};
  app.add_option("--data", data, "Shared data folder");
  app.add_option("--queries", queries_file, "Query file");
  app.add_option("--work", work, "Where the indexes are built (kept and reused)");
  app.add_option("--runs", runs, "Rounds")->check(CLI::PositiveNumber);
  app.add_option("--per-run", per_run, "Queries per round and side")->check(CLI::PositiveNumber);
  app.add_option("--collection", collections, "Collections under --data");
  double baseline_k1 = 1.2, baseline_b = 0.75;
  app.add_option("--baseline-k1", baseline_k1,
                 "BM25 k1 of the Xapian side (newsdex's default is 1.8; its own search uses that)");
  app.add_option("--baseline-b", baseline_b, "BM25 b of the Xapian side (newsdex's default 0.5)");
  app.add_option("--callgrind", callgrind, "Run the query set once for one side")
      ->check(CLI::IsMember({"newsdex", "newsdex-boost", "newsdex-phrase", "newsdex-hits", "xapian",
                             "newsdex-page"}));
  CLI11_PARSE(app, argc, argv);

  if (!fs::exists(data)) {
    std::cerr << "bench-query: skipped: no shared data at " << data << '\n';
    return 0;
  }
  const auto queries = read_queries(queries_file);
  std::size_t sink = 0;
  nlohmann::ordered_json report;
  for (const auto& c : collections) {
    const fs::path dir = fs::path(work) / c;
    fs::create_directories(dir);
    const std::string jsonl = data + "/" + c + "/docs.jsonl";
    auto t0 = Clock::now();
    ensure_indexes(jsonl, dir);
    if (callgrind.empty())
      std::cerr << c << ": indexes ready in " << micros(Clock::now() - t0) / 1e6 << " s\n";

    std::unique_ptr<newsdex::Searcher> opened;
    try {
      opened = std::make_unique<newsdex::Searcher>((dir / "newsdex.db").string());
    } catch (const newsdex::Error& e) {
      if (e.code() != newsdex::Error::Code::database_mismatch) throw;
      fs::remove(dir / "newsdex.done"); // built by another analyzer version: rebuild
      ensure_indexes(jsonl, dir);
      opened = std::make_unique<newsdex::Searcher>((dir / "newsdex.db").string());
    }
    newsdex::Searcher& searcher = *opened;
    Sides s{&searcher, Xapian::Database((dir / "xapian-compact.db").string()), {}};
    s.k1 = baseline_k1;
    s.b = baseline_b;
    s.parser.set_database(s.xapian);
    s.parser.set_stemmer(s.stem);
    s.parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    s.parser.set_default_op(Xapian::Query::OP_OR);

    if (!callgrind.empty()) {
      const Mode mode = callgrind == "newsdex-page"     ? Mode::page
                        : callgrind == "newsdex-hits"   ? Mode::hits
                        : callgrind == "newsdex-boost"  ? Mode::ranked_boost
                        : callgrind == "newsdex-phrase" ? Mode::ranked_phrase
                                                        : Mode::ranked;
      sink += callgrind == "xapian"
                  ? callgrind_pass(queries, [&](const std::string& q) { return run_xapian(s, q); })
                  : callgrind_pass(queries,
                                   [&](const std::string& q) { return run_newsdex(s, q, mode); });
      continue;
    }

    for (const auto& q : queries) // warm-up
      sink += run_newsdex(s, q, Mode::page) + run_newsdex(s, q, Mode::ranked) + run_xapian(s, q);

    // Each newsdex mode against Xapian in a pass of its own, the two sides alternated query by
    // query (which goes first alternates too). Not three sides a query: two newsdex runs of one
    // query in a row would warm each other's caches, which the baseline's database never shares.
    struct Side {
      std::function<std::size_t(const std::string&)> run;
      std::vector<double> p50{}, p95{}, p99{}, times{};
      void record() {
        p50.push_back(percentile(times, 0.5));
        p95.push_back(percentile(times, 0.95));
        p99.push_back(percentile(times, 0.99));
      }
    };
    Side ranked, ranked_boost, ranked_phrase, hits, xapian, xapian_beside_boost,
        xapian_beside_phrase, xapian_beside_hits;
    ranked.run = [&](const std::string& q) { return run_newsdex(s, q, Mode::ranked); };
    ranked_boost.run = [&](const std::string& q) { return run_newsdex(s, q, Mode::ranked_boost); };
    ranked_phrase.run = [&](const std::string& q) {
      return run_newsdex(s, q, Mode::ranked_phrase);
    };
    hits.run = [&](const std::string& q) { return run_newsdex(s, q, Mode::hits); };
    xapian.run = xapian_beside_boost.run = xapian_beside_phrase.run =
        xapian_beside_hits.run = [&](const std::string& q) { return run_xapian(s, q); };
    auto alternate = [&](Side& a, Side& b, int round) {
      a.times.clear();
      b.times.clear();
      for (std::size_t i = 0; i < per_run; ++i) {
        const std::string& q = queries[i % queries.size()];
        for (Side* side : (i + static_cast<std::size_t>(round)) % 2 == 0 ? std::array{&a, &b}
                                                                         : std::array{&b, &a}) {
          auto t = Clock::now();
          sink += side->run(q);
          side->times.push_back(micros(Clock::now() - t));
        }
      }
      a.record();
      b.record();
      return a.p50.back() / b.p50.back();
    };
    std::vector<double> ratios, boost_ratios, phrase_ratios, hit_ratios;
    for (int round = 0; round < runs; ++round) {
      ratios.push_back(alternate(ranked, xapian, round));
      boost_ratios.push_back(alternate(ranked_boost, xapian_beside_boost, round));
      phrase_ratios.push_back(alternate(ranked_phrase, xapian_beside_phrase, round));
      hit_ratios.push_back(alternate(hits, xapian_beside_hits, round));
    }

    // Snippets + facets for a top-10 page, alternated with the same hits without them.
    std::vector<double> plain, full;
    for (std::size_t i = 0; i < per_run; ++i) {
      const std::string& q = queries[i % queries.size()];
      for (int k = 0; k < 2; ++k) {
        bool extras = (k == 0) == (i % 2 == 0);
        auto a = Clock::now();
        sink += run_newsdex(s, q, extras ? Mode::page : Mode::hits);
        (extras ? full : plain).push_back(micros(Clock::now() - a));
      }
    }

    nlohmann::ordered_json r;
    r["queries"] = queries.size();
    r["size_mb"] = {
        {"newsdex",
         static_cast<double>(disk_size(dir / "newsdex.db") + disk_size(dir / "newsdex.db.d")) /
             1e6},
        {"xapian", static_cast<double>(disk_size(dir / "xapian.db")) / 1e6},
        {"xapian_compacted", static_cast<double>(disk_size(dir / "xapian-compact.db")) / 1e6}};
    r["per_run"] = per_run;
    r["runs"] = runs;
    auto percentiles = [](const Side& side) {
      return nlohmann::ordered_json{
          {"p50", median(side.p50)}, {"p95", median(side.p95)}, {"p99", median(side.p99)}};
    };
    r["newsdex_us"] = percentiles(ranked);
    r["xapian_us"] = percentiles(xapian);
    r["newsdex_hits_us"] = percentiles(hits);
    r["xapian_beside_hits_us"] = percentiles(xapian_beside_hits);
    r["p50_ratio_per_run"] = ratios;
    r["p50_ratio_median"] = median(ratios);
    r["newsdex_entity_boost_us"] = percentiles(ranked_boost);
    r["xapian_beside_boost_us"] = percentiles(xapian_beside_boost);
    r["boost_p50_ratio_per_run"] = boost_ratios;
    r["boost_p50_ratio_median"] = median(boost_ratios);
    r["newsdex_phrase_boost_us"] = percentiles(ranked_phrase);
    r["xapian_beside_phrase_us"] = percentiles(xapian_beside_phrase);
    r["phrase_p50_ratio_per_run"] = phrase_ratios;
    r["phrase_p50_ratio_median"] = median(phrase_ratios);
    r["hits_p50_ratio_per_run"] = hit_ratios;
    r["hits_p50_ratio_median"] = median(hit_ratios);
    r["page_plain_us"] = {{"p50", percentile(plain, 0.5)}, {"p99", percentile(plain, 0.99)}};
    r["page_snippets_facets_us"] = {{"p50", percentile(full, 0.5)},
                                    {"p99", percentile(full, 0.99)}};
    r["snippets_facets_extra_p99_us"] = percentile(full, 0.99) - percentile(plain, 0.99);
    report[c] = r;
  }
  if (callgrind.empty()) std::cout << report.dump(2) << '\n';
  std::fprintf(stderr, "(checksum %zu)\n", sink);
  return 0;
}
