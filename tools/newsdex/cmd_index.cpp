// newsdex index: read inputs, analyze in parallel, write the collection.
#include "cli.hpp"
#include "output_fields.hpp"
#include "read_options.hpp"

#include <newsdex/indexer.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace newsdex::cli {
namespace {

struct IndexArgs {
  std::string db;
  std::vector<std::string> inputs;
  ReadArgs read;
  std::string format = "text";
  std::string language; ///< empty: the collection's (en for a new one)
  std::vector<std::string> variants;
  std::vector<std::string> entity_files;
  std::size_t batch = 5000;
  std::size_t batch_mb = 64;
  unsigned threads = 0;
  unsigned shards = 0;
  unsigned writers = 0;
};

// SIGINT/SIGTERM: stop reading, write and commit what was read, exit 130/143. The handler only
// stores to lock-free atomics; a second signal gets the default action (SA_RESETHAND).
std::atomic<bool> stop_requested{false};
std::atomic<int> stop_signal{0};

extern "C" void on_stop_signal(int sig) {
  stop_signal.store(sig);
  stop_requested.store(true);
}

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND | SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

std::string eta_text(const IndexProgress& p) {
  if (!p.total_bytes || !p.bytes || p.bytes >= p.total_bytes || p.seconds <= 0) return {};
  double left =
      p.seconds * static_cast<double>(p.total_bytes - p.bytes) / static_cast<double>(p.bytes);
  char buf[32];
  std::snprintf(buf, sizeof buf, "ETA %d:%02d", static_cast<int>(left) / 60,
                static_cast<int>(left) % 60);
  return buf;
}

void print_progress(const IndexProgress& p, bool terminal) {
  double mb = static_cast<double>(p.bytes) / (1 << 20);
  double rate = p.seconds > 0 ? static_cast<double>(p.articles) / p.seconds : 0;
  double mb_rate = p.seconds > 0 ? mb / p.seconds : 0;
  std::string eta = eta_text(p);
  if (terminal) {
    std::string bar;
    if (p.total_bytes) {
      constexpr int width = 24;
      double done =
          std::min(1.0, static_cast<double>(p.bytes) / static_cast<double>(p.total_bytes));
      int filled = static_cast<int>(done * width);
      bar = "[" + std::string(static_cast<std::size_t>(filled), '#') +
            std::string(static_cast<std::size_t>(width - filled), '.') + "] ";
      bar += std::to_string(static_cast<int>(done * 100)) + "% ";
    }
    std::fprintf(stderr, "\r\033[K  %s%llu articles, %.1f MB, %.0f articles/s, %.2f MB/s%s%s%s",
                 bar.c_str(), static_cast<unsigned long long>(p.articles), mb, rate, mb_rate,
                 eta.empty() ? "" : ", ", eta.c_str(), p.merging ? ", merging shards..." : "");
    std::fflush(stderr);
  } else if (p.merging) {
    spdlog::info("read {} articles; merging the fresh build's shards", p.articles);
  } else {
    spdlog::info("indexed {} articles, {:.1f} MB, {:.0f} articles/s, {:.2f} MB/s{}{}", p.articles,
                 mb, rate, mb_rate, eta.empty() ? "" : ", ", eta);
  }
}

int run_index(const IndexArgs& args) {
  IndexOptions options;
  options.read = to_read_options(args.read);
  options.analyzer =
      analyzer_options(resolve_db(args.db), args.language, args.variants, args.entity_files);
  options.batch_documents = args.batch;
  options.batch_megabytes = args.batch_mb;
  options.threads = args.threads;
  options.shards = args.shards;
  options.writers = args.writers;
  options.stop = &stop_requested;
  const bool terminal = stderr_is_terminal();
  bool progress_shown = false;
  options.progress = [&](const IndexProgress& p) {
    if (!terminal && !spdlog::should_log(spdlog::level::info)) return;
    progress_shown = true;
    print_progress(p, terminal);
  };
  options.progress_interval_ms = terminal ? 200 : 5000;

  std::string db = resolve_db(args.db);
  if (auto parent = std::filesystem::path(db).parent_path(); !parent.empty())
    std::filesystem::create_directories(parent);
  Indexer indexer(db, options);
  install_stop_handlers();
  IndexSummary s = indexer.index(args.inputs);
  const std::uint64_t documents = indexer.size();
  const unsigned shards = indexer.shards();
  indexer.close(); // a failed commit is an error here, not a line in a log
  if (terminal && progress_shown) std::fputs("\n", stderr);
  int sig = stop_signal.load();
  if (s.interrupted)
    std::cerr << "newsdex: interrupted by " << (sig == SIGTERM ? "SIGTERM" : "SIGINT")
              << ": stopped reading; the " << s.read
              << " articles read are committed. Run the same command again to continue.\n";

  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["database"] = db;
    j["read"] = s.read;
    j["indexed"] = s.indexed;
    j["unchanged"] = s.unchanged;
    j["skipped"] = s.skipped;
    j["failed"] = s.failed;
    j["bytes"] = s.bytes;
    j["seconds"] = s.seconds;
    j["documents"] = documents;
    j["shards"] = shards;
    j["writers"] = s.writers;
    j["fresh_build"] = s.fresh_build;
    j["merge_seconds"] = s.merge_seconds;
    j["interrupted"] = s.interrupted;
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const auto& p : s.problems) {
      nlohmann::ordered_json pj;
      put_problem(pj, p);
      problems.push_back(pj);
    }
    j["problems"] = problems;
    std::cout << json_text(j, 2) << '\n';
  } else {
    std::cout << "read " << s.read << ", indexed " << s.indexed << ", unchanged " << s.unchanged
              << ", skipped " << s.skipped << ", failed " << s.failed << " (" << documents
              << " documents in " << db << ")\n";
  }
  if (s.interrupted) return sig == SIGTERM ? interrupted_term : interrupted_int;
  return s.failed ? nothing : ok;
}

} // namespace

void add_index_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<IndexArgs>();
  CLI::App* cmd =
      app.add_subcommand("index", "Index article files, directories, JSON Lines or stdin (-)");
  add_db_option(*cmd, args->db);
  cmd->add_option("inputs", args->inputs, "Files, directories, or - for stdin")->required();
  add_read_options(*cmd, args->read);
  cmd->add_option("--format", args->format, "Summary format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--language", args->language,
                  "Default language of a new collection's articles (ISO 639-1; default en)");
  cmd->add_option("--variants", args->variants, "Extra spelling-variant file (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--entities", args->entity_files,
                  "Extra entity alias file, docs/ENTITIES.md (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--batch", args->batch, "Commit every N documents")->check(CLI::PositiveNumber);
  cmd->add_option("--batch-mb", args->batch_mb,
                  "... or when uncommitted documents take about this many MiB of memory")
      ->check(CLI::PositiveNumber);
  cmd->add_option("-j,--threads", args->threads, "Analysis threads (default: all cores)");
  cmd->add_option("--shards", args->shards,
                  "Shards of a new collection (one writer each, routed by id hash)")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_option("--writers", args->writers,
                  "Parallel writers of a fresh one-database build (default: automatic)")
      ->check(CLI::Range(1u, 64u));
  cmd->callback([&run, args] { run = [args] { return run_index(*args); }; });
}

} // namespace newsdex::cli
