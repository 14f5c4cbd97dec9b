// bench_latency: query latency on an existing collection, as an application sees it.
//
//   bench-latency --db COLLECTION [--queries FILE] [--rounds 5] [--limit 10] [--warmup 1]
//                 [--ids-only] [--json]
//
// Opens one newsdex::Searcher on COLLECTION (one database, local shards or remote shards alike:
// whatever the stub lists) and times each query of FILE (one a line, '#' starts a comment; default
// benchmarks/queries/news.txt), the query set run `rounds` times after `warmup` untimed passes.
// Each search is what `newsdex search` does by default: the ranked top `limit` with summaries
// (title, date, source, url, entities), snippets and the spelling suggestion; no facets.
// --ids-only asks for ids and scores alone (`--format ids`): no summaries, no snippets, so each
// hit's stored document is read for its id only (still one document read a hit; on remote shards
// one round trip a hit either way).
// Reports p50/p95/p99, mean and max over every timed query of every round, the time to open the
// collection, and the mean number of matches (Xapian's estimate) as a check that the queries hit.
//
// bench_query measures newsdex against plain Xapian on a fresh index of its own; this tool only
// reads, so it can time a collection built by anything (scripts/bench-million.sh builds them).
#include "query_file.hpp"

#include <newsdex/error.hpp>
#include <newsdex/searcher.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;

namespace {

using newsdex::bench::read_queries;

double millis(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// Nearest rank on the sorted sample, as bench_query reports its percentiles.
double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)];
}

struct Options {
  std::string db;
  std::string queries = NEWSDEX_BENCH_QUERIES;
  unsigned rounds = 5;
  std::size_t limit = 10;
  unsigned warmup = 1;
  bool ids_only = false;
  bool json = false;
};

int run(const Options& o) {
  const auto queries = read_queries(o.queries);
  const auto opened_at = Clock::now();
  newsdex::Searcher searcher(o.db);
  // Opening is lazy for some parts: the first search pays the rest, so the open time counts
  // until the first query's results are back (and that query is not among the timed ones).
  newsdex::SearchRequest request;
  request.limit = o.limit;
  request.summaries = !o.ids_only;
  request.snippets = !o.ids_only;
  request.query = queries.front();
  searcher.search(request);
  const double open_ms = millis(Clock::now() - opened_at);

  for (unsigned w = 0; w < o.warmup; ++w)
    for (const auto& q : queries) {
      request.query = q;
      searcher.search(request);
    }

  std::vector<double> times;
  times.reserve(queries.size() * o.rounds);
  std::uint64_t matches = 0;
  for (unsigned r = 0; r < o.rounds; ++r)
    for (const auto& q : queries) {
      request.query = q;
      const auto t0 = Clock::now();
      const auto results = searcher.search(request);
      times.push_back(millis(Clock::now() - t0));
      matches += results.total_estimate;
    }
  const double mean = std::accumulate(times.begin(), times.end(), 0.0) /
                      static_cast<double>(std::max<std::size_t>(times.size(), 1));
  const double mean_matches =
      static_cast<double>(matches) / static_cast<double>(std::max<std::size_t>(times.size(), 1));
  std::sort(times.begin(), times.end());

  if (o.json) {
    nlohmann::json j;
    j["db"] = o.db;
    j["queries"] = queries.size();
    j["rounds"] = o.rounds;
    j["timed"] = times.size();
    j["limit"] = o.limit;
    j["ids_only"] = o.ids_only;
    j["open_ms"] = open_ms;
    j["p50_ms"] = percentile(times, 0.50);
    j["p95_ms"] = percentile(times, 0.95);
    j["p99_ms"] = percentile(times, 0.99);
    j["mean_ms"] = mean;
    j["max_ms"] = times.empty() ? 0.0 : times.back();
    j["mean_matches"] = mean_matches;
    std::cout << j.dump() << '\n';
  } else {
    std::printf("%zu queries x %u rounds on %s (top %zu, %s)\n", queries.size(), o.rounds,
                o.db.c_str(), o.limit, o.ids_only ? "ids only" : "summaries, snippets");
    std::printf("open %.1f ms; p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, mean %.2f ms, max %.2f ms; "
                "%.0f matches a query on average\n",
                open_ms, percentile(times, 0.50), percentile(times, 0.95), percentile(times, 0.99),
                mean, times.empty() ? 0.0 : times.back(), mean_matches);
  }
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"Query latency (p50/p95/p99) of newsdex searches on an existing collection"};
  app.add_option("--db", o.db, "Collection to search (a database or a stub)")->required();
  app.add_option("--queries", o.queries, "Queries, one a line ('#' starts a comment)");
  app.add_option("--rounds", o.rounds, "Timed passes over the queries")->check(CLI::PositiveNumber);
  app.add_option("--limit", o.limit, "Hits a query returns")->check(CLI::PositiveNumber);
  app.add_option("--warmup", o.warmup, "Untimed passes over the queries first");
  app.add_flag("--ids-only", o.ids_only, "Ids and scores only: no summaries, no snippets");
  app.add_flag("--json", o.json, "One JSON object on stdout (times in milliseconds)");
  CLI11_PARSE(app, argc, argv);
  try {
    return run(o);
  } catch (const newsdex::Error& e) {
    std::fprintf(stderr, "bench-latency: %s\n", e.what());
    return 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench-latency: %s\n", e.what());
    return 2;
  }
}
