// bench-index: end-to-end indexing of JSON Lines collections by newsdex and, in the same run, by a
// plain single-threaded Xapian indexer (TermGenerator with the English stemmer, replace_document
// on a Q id term, one commit). Each run is a child process, so its peak RSS and CPU time are its
// own. Reports medians of N runs: articles/s, MB/s, wall and CPU seconds, peak RSS, index size,
// and the newsdex/plain ratios.
//
//   bench-index [--runs 3] [--writers W] [--batch N] [--keep DIR] FILE.jsonl...
//
// (scripts/bench-index.sh runs it on ../shared/data/bbc and reuters21578.)
#include <newsdex/indexer.hpp>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Run {
  double wall = 0, cpu = 0;
  long peak_kb = 0;
  std::uint64_t size = 0;
  std::uint64_t docs = 0;
};

std::uint64_t disk_size(const std::string& path) {
  std::error_code ec;
  std::uint64_t total = 0;
  if (fs::is_regular_file(path, ec)) total += fs::file_size(path, ec);
  for (const std::string& dir : {path, path + ".d"}) {
    if (!fs::is_directory(dir, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

// The plain Xapian indexer the issue compares against.
std::uint64_t plain_xapian(const std::string& file, const std::string& db_path) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  std::ifstream in(file);
  std::string line;
  std::uint64_t n = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("id")) continue;
    std::string id = j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump();
    Xapian::Document doc;
    tg.set_document(doc);
    if (j.contains("title") && j["title"].is_string()) {
      tg.index_text(j["title"].get<std::string>());
      tg.increase_termpos();
    }
    if (j.contains("body") && j["body"].is_string()) tg.index_text(j["body"].get<std::string>());
    std::string idterm = "Q" + id;
    doc.add_boolean_term(idterm);
    doc.set_data(id);
    db.replace_document(idterm, doc);
    ++n;
  }
  db.commit();
  return n;
}

std::uint64_t newsdex_index(const std::string& file, const std::string& db_path, unsigned writers,
                            std::size_t batch) {
  newsdex::IndexOptions options;
  options.writers = writers;
  if (batch) options.batch_documents = batch;
  newsdex::Indexer indexer(db_path, options);
  indexer.index({file});
  return indexer.size();
}

template <class F> Run measure(const std::string& db_path, F&& body) {
  std::error_code ec;
  fs::remove_all(db_path, ec);
  fs::remove_all(db_path + ".d", ec);
  int fds[2];
  if (pipe(fds) != 0) std::exit(2);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::uint64_t docs = 0;
    try {
      docs = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench-index: %s\n", e.what());
      _exit(1);
    }
    if (write(fds[1], &docs, sizeof docs) != sizeof docs) _exit(1);
    _exit(0);
  }
  close(fds[1]);
  Run r;
  if (read(fds[0], &r.docs, sizeof r.docs) != sizeof r.docs) r.docs = 0;
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
          static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  r.peak_kb = usage.ru_maxrss;
  r.size = disk_size(db_path);
  return r;
}

Run median(std::vector<Run> runs) {
  auto mid = [&](auto key) {
    std::vector<double> v;
    for (const auto& r : runs) v.push_back(key(r));
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  Run m;
  m.wall = mid([](const Run& r) { return r.wall; });
  m.cpu = mid([](const Run& r) { return r.cpu; });
  m.peak_kb = static_cast<long>(mid([](const Run& r) { return static_cast<double>(r.peak_kb); }));
  m.size =
      static_cast<std::uint64_t>(mid([](const Run& r) { return static_cast<double>(r.size); }));
  m.docs = runs.front().docs;
  return m;
}

void print(const char* engine, const Run& r, double mb) {
  std::printf("| %-8s | %7llu | %8.0f | %6.2f | %6.1f | %6.1f | %8.1f | %8.1f |\n", engine,
              static_cast<unsigned long long>(r.docs), static_cast<double>(r.docs) / r.wall,
              mb / r.wall, r.wall, r.cpu, static_cast<double>(r.peak_kb) / 1024,
              static_cast<double>(r.size) / (1 << 20));
}

} // namespace

int main(int argc, char** argv) {
  int runs = 3;
  unsigned writers = 0;
  std::size_t batch = 0; // 0: the library's default
  std::string keep;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc)
      runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--writers" && i + 1 < argc)
      writers = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (a == "--batch" && i + 1 < argc)
      batch = static_cast<std::size_t>(std::atol(argv[++i]));
    else if (a == "--keep" && i + 1 < argc)
      keep = argv[++i];
    else
      files.push_back(a);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: bench-index [--runs N] [--writers W] [--batch N] [--keep DIR] "
                         "FILE.jsonl...\n");
    return 2;
  }
  const fs::path work =
      keep.empty() ? fs::temp_directory_path() / ("bench-index-" + std::to_string(getpid()))
                   : fs::path(keep);
  fs::create_directories(work);
  for (const auto& file : files) {
    if (!fs::exists(file)) {
      std::printf("%s: skipped (absent)\n", file.c_str());
      continue;
    }
    const double mb = static_cast<double>(fs::file_size(file)) / (1 << 20);
    std::vector<Run> plain, ours;
    for (int i = 0; i < runs; ++i) { // interleaved, so both see the same machine load
      std::string p = (work / "plain.db").string(), n = (work / "newsdex.db").string();
      plain.push_back(measure(p, [&] { return plain_xapian(file, p); }));
      ours.push_back(measure(n, [&] { return newsdex_index(file, n, writers, batch); }));
    }
    Run a = median(plain), b = median(ours);
    std::printf("\n%s (%.1f MB, medians of %d runs)\n\n", file.c_str(), mb, runs);
    std::printf(
        "| engine   | articles | articles/s | MB/s | wall s | CPU s | peak RSS MB | index MB |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    print("plain", a, mb);
    print("newsdex", b, mb);
    std::printf(
        "\nratios newsdex/plain: throughput %.2fx (wall), CPU %.2fx, index size %.2fx, peak RSS "
        "%.2fx\n",
        a.wall / b.wall, b.cpu / a.cpu, static_cast<double>(b.size) / static_cast<double>(a.size),
        static_cast<double>(b.peak_kb) / static_cast<double>(a.peak_kb));
  }
  if (keep.empty()) {
    std::error_code ec;
    fs::remove_all(work, ec);
  }
  return 0;
}
