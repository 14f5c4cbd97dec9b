// bench-index: end-to-end indexing of JSON Lines collections by newsdex and, in the same run, by a
// plain single-threaded Xapian indexer (TermGenerator with the English stemmer, replace_document
// on a Q id term, one commit), whose database is then compacted as a step of its own (newsdex
// compacts its fresh builds). newsdex runs twice: with its defaults, and with one analysis thread
// and one writer, pinned to one CPU (a one-core run: its wall clock against the baseline's is a
// per-core comparison). Each run is a child process, so its peak RSS and CPU time are its own.
// Reports medians of N runs: articles/s, MB/s, wall, user and system CPU seconds, peak RSS, index
// size, the rate over the first and the last tenth of the articles (does indexing slow down as the
// index grows?), the ratios of wall and CPU seconds, and each index's size table by table (Xapian
// glass keeps a file per table), with newsdex's stored article (a value slot, so inside the
// postlist table) and spelling data as columns of their own.
//
//   bench-index [--runs 3] [--writers W] [--batch N] [--keep DIR] [--engine both|newsdex|plain]
//               [--no-one-thread] [--timeline DIR] [--existing] FILE.jsonl...
//
// --existing indexes into the databases a previous run left in --keep DIR (an incremental run:
// new articles appended, or the same ones again) instead of new ones, with no compaction step.
//
// --timeline writes DIR/ENGINE-FILE.csv (seconds, articles indexed) for each engine's last run.
//
// (scripts/bench-index.sh runs it on ../shared/data/bbc and reuters21578.)
#include <newsdex/indexer.hpp>
#include <newsdex/schema.hpp>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <sched.h>
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
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Run {
  double wall = 0, cpu = 0, user = 0, sys = 0;
  long peak_kb = 0;
  std::uint64_t size = 0;
  std::uint64_t docs = 0;
  double first_tenth = 0, last_tenth = 0; ///< articles/s over the first and last 10 % of articles
};

// (seconds, articles indexed) samples of one run, written by the child to a file.
struct Timeline {
  std::vector<std::pair<double, std::uint64_t>> points;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  void add(std::uint64_t n) {
    points.emplace_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), n);
  }
  void save(const std::string& path) const {
    std::ofstream out(path);
    out << "seconds,articles\n";
    for (const auto& [t, n] : points) out << t << ',' << n << '\n';
  }
};

std::vector<std::pair<double, std::uint64_t>> load_timeline(const std::string& path) {
  std::vector<std::pair<double, std::uint64_t>> points;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    auto comma = line.find(',');
    if (comma == std::string::npos) continue;
    points.emplace_back(std::stod(line.substr(0, comma)), std::stoull(line.substr(comma + 1)));
  }
  return points;
}

// The time at which `n` articles were indexed, interpolated between samples.
double time_at(const std::vector<std::pair<double, std::uint64_t>>& points, std::uint64_t n) {
  double t0 = 0;
  std::uint64_t n0 = 0;
  for (const auto& [t, k] : points) {
    if (k >= n) {
      if (k == n0) return t;
      return t0 + (t - t0) * static_cast<double>(n - n0) / static_cast<double>(k - n0);
    }
    t0 = t;
    n0 = k;
  }
  return points.empty() ? 0 : points.back().first;
}

// Articles/s over the first and the last tenth of the articles written: up to the moment the last
// article was written, so without plain Xapian's final commit and newsdex's merge (both are in
// the wall time).
void tenths(const std::string& timeline, Run& r) {
  auto points = load_timeline(timeline);
  if (points.size() < 3) return;
  const std::uint64_t total = points.back().second; // written, not read: a rejected one is neither
  if (total < 10) return;
  const std::uint64_t tenth = total / 10;
  const double a = time_at(points, tenth), b = time_at(points, total - tenth),
               c = time_at(points, total);
  if (a > 0) r.first_tenth = static_cast<double>(tenth) / a;
  if (c > b) r.last_tenth = static_cast<double>(tenth) / (c - b);
}

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

// An index's bytes on disk by glass table (the file name before ".glass"; everything else, such
// as version files and newsdex's manifest, is "other"), summed over its shards and generations.
struct TableSizes {
  std::map<std::string, std::uint64_t> bytes;
  std::uint64_t article = 0; ///< newsdex's stored article: the payload of its value slot
  std::uint64_t total = 0;
  std::uint64_t of(const std::string& table) const {
    auto it = bytes.find(table);
    return it == bytes.end() ? 0 : it->second;
  }
};

TableSizes table_sizes(const std::string& path, bool newsdex) {
  TableSizes t;
  std::error_code ec;
  for (const std::string& dir : {path, path + ".d"}) {
    if (!fs::is_directory(dir, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const fs::path& f = it->path();
      const std::string table = f.extension() == ".glass" ? f.stem().string() : "other";
      t.bytes[table] += it->file_size(ec);
      t.total += it->file_size(ec);
    }
  }
  if (fs::is_regular_file(path, ec)) { // newsdex's stub
    t.bytes["other"] += fs::file_size(path, ec);
    t.total += fs::file_size(path, ec);
  }
  // Values live in the postlist table, so the stored article is counted there on disk; its own
  // column is the sum of the values' lengths (the table stores them uncompressed, in chunks whose
  // overhead is a few bytes a document), taken out of the postlist column.
  if (newsdex) {
    Xapian::Database db(path);
    for (auto v = db.valuestream_begin(newsdex::schema::article_slot);
         v != db.valuestream_end(newsdex::schema::article_slot); ++v)
      t.article += (*v).size();
  }
  return t;
}

void print_sizes_header() {
  std::printf("| index | postlist (without the article) | stored article | position | termlist | "
              "docdata | spelling | other | total MB | x plain | x plain compacted |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
}

void print_sizes(const char* name, const TableSizes& t, const TableSizes& plain,
                 const TableSizes& compacted) {
  auto mb = [](std::uint64_t b) { return static_cast<double>(b) / (1 << 20); };
  std::uint64_t known = 0;
  for (const char* k : {"postlist", "position", "termlist", "docdata", "spelling"})
    known += t.of(k);
  std::printf(
      "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |\n", name,
      mb(t.of("postlist") - t.article), mb(t.article), mb(t.of("position")), mb(t.of("termlist")),
      mb(t.of("docdata")), mb(t.of("spelling")), mb(t.total - known), mb(t.total),
      plain.total ? static_cast<double>(t.total) / static_cast<double>(plain.total) : 0.0,
      compacted.total ? static_cast<double>(t.total) / static_cast<double>(compacted.total) : 0.0);
}

// The plain Xapian indexer the issue compares against.
std::uint64_t plain_xapian(const std::string& file, const std::string& db_path, Timeline& timeline,
                           bool existing) {
  Xapian::WritableDatabase db(db_path, existing ? Xapian::DB_CREATE_OR_OPEN
                                                : Xapian::DB_CREATE_OR_OVERWRITE);
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
    if (++n % 1000 == 0) timeline.add(n);
  }
  timeline.add(n); // the rate over the last tenth is up to here, before the final commit
  db.commit();
  timeline.add(n);
  return n;
}

// Compacts the plain database, a step of its own, at the level newsdex compacts at (Xapian's
// FULL, which also gives the smaller plain database: storage/compaction_level.hpp).
std::uint64_t plain_compact(const std::string& db_path, const std::string& out) {
  Xapian::Database(db_path).compact(out, Xapian::Compactor::FULL);
  return Xapian::Database(out).get_doccount();
}

std::uint64_t newsdex_index(const std::string& file, const std::string& db_path, unsigned writers,
                            std::size_t batch, Timeline& timeline, bool one_core = false) {
  newsdex::IndexOptions options;
  options.writers = writers;
  if (one_core) {
    // One analysis thread, one writer, and every thread of the process (the writer's, the
    // spelling thread, the reader) on the CPU it started on.
    options.threads = 1;
    options.writers = 1;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(static_cast<unsigned>(std::max(0, sched_getcpu())), &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) throw std::runtime_error("sched_setaffinity");
  }
  if (batch) options.batch_documents = batch;
  options.progress_interval_ms = 100;
  // Articles the writers have dealt with (written, or found unchanged and skipped), as plain
  // Xapian's timeline counts articles added: the articles read run ahead of them by what the
  // writers' queues hold (256 articles a writer), which made the first tenth of a run
  // look faster than it was, by a quarter at reuters21578's size.
  options.progress = [&](const newsdex::IndexProgress& p) {
    if (!p.merging) timeline.add(p.indexed + p.unchanged);
  };
  newsdex::Indexer indexer(db_path, options);
  const newsdex::IndexSummary summary = indexer.index({file});
  timeline.add(summary.indexed + summary.unchanged); // after the merge
  return summary.read;
}

template <class F> Run measure(const std::string& db_path, F&& body, bool fresh = true) {
  std::error_code ec;
  if (fresh) {
    fs::remove_all(db_path, ec);
    fs::remove_all(db_path + ".d", ec);
  }
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
  r.user = static_cast<double>(usage.ru_utime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec) / 1e6;
  r.sys = static_cast<double>(usage.ru_stime.tv_sec) +
          static_cast<double>(usage.ru_stime.tv_usec) / 1e6;
  r.cpu = r.user + r.sys;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) r.docs = 0;
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
  m.user = mid([](const Run& r) { return r.user; });
  m.sys = mid([](const Run& r) { return r.sys; });
  m.first_tenth = mid([](const Run& r) { return r.first_tenth; });
  m.last_tenth = mid([](const Run& r) { return r.last_tenth; });
  m.peak_kb = static_cast<long>(mid([](const Run& r) { return static_cast<double>(r.peak_kb); }));
  m.size =
      static_cast<std::uint64_t>(mid([](const Run& r) { return static_cast<double>(r.size); }));
  m.docs = runs.front().docs;
  return m;
}

void print(const char* engine, const Run& r, double mb) {
  std::printf("| %-14s | %7llu | %8.0f | %6.2f | %7.1f | %7.1f | %6.1f | %7.1f | %8.1f | %8.1f | "
              "%6.0f | %6.0f | %4.2f |\n",
              engine, static_cast<unsigned long long>(r.docs), static_cast<double>(r.docs) / r.wall,
              mb / r.wall, r.wall, r.user, r.sys, r.cpu, static_cast<double>(r.peak_kb) / 1024,
              static_cast<double>(r.size) / (1 << 20), r.first_tenth, r.last_tenth,
              r.first_tenth > 0 ? r.last_tenth / r.first_tenth : 0.0);
}

// The baseline's seconds over newsdex's: above 1, newsdex is faster. User CPU on its own too:
// system time is mostly the kernel copying blocks into the page cache, whose price on a virtual
// machine that hands freed memory back to its host varies (2 GiB written by dd: 0.7 to 13.7 s;
// docs/PERFORMANCE.md, "System time on this machine").
void print_ratios(const char* who, const Run& plain, const Run& compaction, const Run& ours) {
  std::printf("plain/%s: wall %.2fx (%.2fx counting plain's compaction), CPU %.2fx (%.2fx counting "
              "it), user CPU %.2fx (%.2fx); %s/plain: peak RSS %.2fx\n",
              who, plain.wall / ours.wall, (plain.wall + compaction.wall) / ours.wall,
              plain.cpu / ours.cpu, (plain.cpu + compaction.cpu) / ours.cpu, plain.user / ours.user,
              (plain.user + compaction.user) / ours.user, who,
              static_cast<double>(ours.peak_kb) / static_cast<double>(plain.peak_kb));
}

std::string stem_of(const std::string& file) {
  std::string s = fs::path(file).parent_path().filename().string();
  return (s.empty() ? std::string("input") : s) + "-" + fs::path(file).stem().string();
}

} // namespace

int main(int argc, char** argv) {
  int runs = 3;
  unsigned writers = 0;
  std::size_t batch = 0; // 0: the library's default
  std::string keep, engine = "both", timeline_dir;
  bool existing = false, one_thread = true;
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
    else if (a == "--engine" && i + 1 < argc)
      engine = argv[++i];
    else if (a == "--timeline" && i + 1 < argc)
      timeline_dir = argv[++i];
    else if (a == "--existing")
      existing = true;
    else if (a == "--no-one-thread")
      one_thread = false;
    else
      files.push_back(a);
  }
  if (files.empty() || (engine != "both" && engine != "newsdex" && engine != "plain") ||
      (existing && keep.empty())) {
    std::fprintf(stderr, "usage: bench-index [--runs N] [--writers W] [--batch N] [--keep DIR] "
                         "[--engine both|newsdex|plain] [--no-one-thread] [--timeline DIR] "
                         "[--existing] "
                         "FILE.jsonl...\n");
    return 2;
  }
  const bool run_plain = engine != "newsdex", run_ours = engine != "plain";
  // An incremental run uses the collection's one writer anyway.
  const bool run_one = run_ours && one_thread && !existing;
  const fs::path work =
      keep.empty() ? fs::temp_directory_path() / ("bench-index-" + std::to_string(getpid()))
                   : fs::path(keep);
  fs::create_directories(work);
  if (!timeline_dir.empty()) fs::create_directories(timeline_dir);
  for (const auto& file : files) {
    if (!fs::exists(file)) {
      std::printf("%s: skipped (absent)\n", file.c_str());
      continue;
    }
    const double mb = static_cast<double>(fs::file_size(file)) / (1 << 20);
    const std::string stem = stem_of(file);
    auto timeline_path = [&](const std::string& who) {
      return (timeline_dir.empty() ? work : fs::path(timeline_dir)) / (who + "-" + stem + ".csv");
    };
    std::vector<Run> plain, compaction, ours, ours_one;
    const std::string p = (work / "plain.db").string(), pc = (work / "plain-compact.db").string(),
                      n = (work / "newsdex.db").string(), n1 = (work / "newsdex-1.db").string();
    for (int i = 0; i < runs; ++i) { // interleaved, so both see the same machine load
      if (run_plain) {
        const std::string tl = timeline_path("plain").string();
        plain.push_back(measure(
            p,
            [&] {
              Timeline t;
              auto docs = plain_xapian(file, p, t, existing);
              t.save(tl);
              return docs;
            },
            !existing));
        tenths(tl, plain.back());
        if (!existing) compaction.push_back(measure(pc, [&] { return plain_compact(p, pc); }));
      }
      if (run_ours) {
        const std::string tl = timeline_path("newsdex").string();
        ours.push_back(measure(
            n,
            [&] {
              Timeline t;
              auto docs = newsdex_index(file, n, writers, batch, t);
              t.save(tl);
              return docs;
            },
            !existing));
        tenths(tl, ours.back());
      }
      if (run_one) {
        const std::string tl = timeline_path("newsdex-1").string();
        ours_one.push_back(measure(n1, [&] {
          Timeline t;
          auto docs = newsdex_index(file, n1, 1, batch, t, true);
          t.save(tl);
          return docs;
        }));
        tenths(tl, ours_one.back());
      }
    }
    std::printf("\n%s (%.1f MB, medians of %d runs)\n\n", file.c_str(), mb, runs);
    std::printf("| engine | articles | articles/s | MB/s | wall s | user s | sys s | CPU s | "
                "peak RSS MB | index MB | first 10 %% art/s | last 10 %% art/s | last/first |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    Run a, c, b, b1;
    if (run_plain) {
      a = median(plain);
      print("plain", a, mb);
    }
    if (run_plain && !existing) {
      c = median(compaction);
      std::printf(
          "| plain: compact | | | | %7.1f | %7.1f | %6.1f | %7.1f | %8.1f | %8.1f | | | |\n",
          c.wall, c.user, c.sys, c.cpu, static_cast<double>(c.peak_kb) / 1024,
          static_cast<double>(c.size) / (1 << 20));
    }
    if (run_ours) {
      b = median(ours);
      print("newsdex", b, mb);
    }
    if (run_one) {
      b1 = median(ours_one);
      print("newsdex, 1 core", b1, mb);
    }
    if (run_plain && run_ours && existing) {
      std::printf("\nplain/newsdex: wall %.2fx, CPU %.2fx; newsdex/plain: peak RSS %.2fx\n",
                  a.wall / b.wall, a.cpu / b.cpu,
                  static_cast<double>(b.peak_kb) / static_cast<double>(a.peak_kb));
    } else if (run_plain && run_ours) {
      std::printf("\n");
      print_ratios("newsdex", a, c, b);
      if (run_one) print_ratios("newsdex-1-core", a, c, b1);
      // The last run's databases, still on disk, table by table.
      const TableSizes plain_sizes = table_sizes(p, false), compact_sizes = table_sizes(pc, false);
      std::printf("\nsize by table, MB (last run):\n\n");
      print_sizes_header();
      print_sizes("plain", plain_sizes, plain_sizes, compact_sizes);
      print_sizes("plain, compacted", compact_sizes, plain_sizes, compact_sizes);
      const TableSizes ours_sizes = table_sizes(n, true);
      print_sizes("newsdex", ours_sizes, plain_sizes, compact_sizes);
      if (run_one)
        print_sizes("newsdex, 1 core", table_sizes(n1, true), plain_sizes, compact_sizes);
      const std::uint64_t without =
          ours_sizes.total - ours_sizes.article - ours_sizes.of("spelling");
      std::printf("\nnewsdex without its stored article and spelling data: %.1f MB, %.2fx plain's "
                  "compacted index\n",
                  static_cast<double>(without) / (1 << 20),
                  static_cast<double>(without) / static_cast<double>(compact_sizes.total));
    }
  }
  if (keep.empty()) {
    std::error_code ec;
    fs::remove_all(work, ec);
  }
  return 0;
}
