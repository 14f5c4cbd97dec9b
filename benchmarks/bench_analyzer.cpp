// Analyzer throughput: newsdex's Analyzer against Xapian's TermGenerator, both turning the same
// news texts (../shared/data/bbc/docs.jsonl) into Xapian::Documents in the same run.
//
//   build/benchmarks/bench-analyzer [--benchmark_repetitions=5] [DOCS.jsonl]
//
// Reports MB/s for each side (bytes of title + body analyzed) and, at the end, the ratio
// newsdex / TermGenerator (medians when run with repetitions). Skips with a message when the
// shared data folder is absent.
#include <newsdex/analyzer.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

struct Text {
  std::string title, body;
};

std::vector<Text> g_texts;
std::size_t g_bytes = 0;

bool load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    Text t;
    t.title = j.value("title", std::string());
    t.body = j.value("body", std::string());
    g_bytes += t.title.size() + t.body.size();
    g_texts.push_back(std::move(t));
  }
  return !g_texts.empty();
}

// What lib/index/document_builder.cpp does with the analyzer's tokens: one positional posting
// per token, title first, the body after a gap.
void BM_NewsdexAnalyzer(benchmark::State& state) {
  newsdex::Analyzer analyzer;
  for (auto _ : state) {
    for (const auto& t : g_texts) {
      Xapian::Document doc;
      auto add = [&](const newsdex::Token& tok) {
        doc.add_posting(std::string(tok.term), tok.position + 1);
      };
      std::uint32_t next = analyzer.analyze(t.title, add);
      analyzer.analyze(t.body, add, next + 100);
      benchmark::DoNotOptimize(doc.termlist_count());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * g_bytes));
  state.counters["docs"] = static_cast<double>(g_texts.size());
}

// Xapian's own indexer with the English stemmer and its default strategy (STEM_SOME: every word
// raw and positional, plus a Z-prefixed stem).
void BM_TermGenerator(benchmark::State& state) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  for (auto _ : state) {
    for (const auto& t : g_texts) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(t.title);
      generator.increase_termpos(100);
      generator.index_text(t.body);
      benchmark::DoNotOptimize(doc.termlist_count());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * g_bytes));
  state.counters["docs"] = static_cast<double>(g_texts.size());
}

// Remembers bytes_per_second per benchmark (the median when there are repetitions).
class RatioReporter : public benchmark::ConsoleReporter {
public:
  std::map<std::string, double> mbps;
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs) {
      auto it = r.counters.find("bytes_per_second");
      if (it == r.counters.end()) continue;
      std::string name = r.run_name.function_name;
      bool median = r.run_type == Run::RT_Aggregate && r.aggregate_name == "median";
      if (median || (r.run_type == Run::RT_Iteration && !medians_.count(name)))
        mbps[name] = it->second.value / 1e6;
      if (median) medians_[name] = true;
    }
  }

private:
  std::map<std::string, bool> medians_;
};

} // namespace

BENCHMARK(BM_NewsdexAnalyzer)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TermGenerator)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::string path = argc > 1 ? argv[1] : std::string(NEWSDEX_SHARED_DATA) + "/bbc/docs.jsonl";
  if (!load(path)) {
    std::fprintf(stderr, "bench-analyzer: skipped: cannot read %s (the shared data folder)\n",
                 path.c_str());
    return 0;
  }
  std::fprintf(stderr, "bench-analyzer: %zu documents, %.2f MB of title + body text\n",
               g_texts.size(), static_cast<double>(g_bytes) / 1e6);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  auto a = reporter.mbps.find("BM_NewsdexAnalyzer");
  auto b = reporter.mbps.find("BM_TermGenerator");
  if (a != reporter.mbps.end() && b != reporter.mbps.end() && b->second > 0)
    std::printf("\nnewsdex Analyzer %.1f MB/s, TermGenerator %.1f MB/s, ratio %.2f\n", a->second,
                b->second, a->second / b->second);
  benchmark::Shutdown();
  return 0;
}
