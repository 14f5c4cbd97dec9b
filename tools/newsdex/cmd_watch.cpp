// newsdex watch: keep a collection in step with folders (docs/WATCH.md). The library does the
// watching (newsdex::watch); this prints its events and turns SIGINT/SIGTERM into a clean stop.
#include "cli.hpp"
#include "output_fields.hpp"
#include "read_options.hpp"

#include <newsdex/watch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>

namespace newsdex::cli {
namespace {

struct WatchArgs {
  std::string db;
  std::vector<std::string> folders;
  bool delete_missing = false;
  unsigned rescan = 30;
  unsigned debounce = 200;
  std::string format = "text";
  ReadArgs read;
};

// SIGINT/SIGTERM: stop watching, commit what was read, exit 0 (stopping is how a watch ends, not
// an interruption). The handler only stores to a lock-free atomic; a second signal gets the
// default action (SA_RESETHAND), as for `newsdex index`.
std::atomic<bool> stop_requested{false};

extern "C" void on_watch_stop_signal(int) {
  stop_requested.store(true);
}

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_watch_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND | SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

const char* kind_name(WatchEvent::Kind k) {
  switch (k) {
  case WatchEvent::Kind::ready:
    return "ready";
  case WatchEvent::Kind::indexed:
    return "indexed";
  case WatchEvent::Kind::unchanged:
    return "unchanged";
  case WatchEvent::Kind::removed:
    return "removed";
  case WatchEvent::Kind::problem:
    return "problem";
  case WatchEvent::Kind::notice:
    return "notice";
  }
  return "notice";
}

std::string articles(std::uint64_t n) {
  return std::to_string(n) + (n == 1 ? " article" : " articles");
}

nlohmann::ordered_json event_json(const WatchEvent& e) {
  nlohmann::ordered_json j;
  j["format_version"] = 1;
  j["event"] = kind_name(e.kind);
  switch (e.kind) {
  case WatchEvent::Kind::ready:
    j["files"] = e.articles;
    break;
  case WatchEvent::Kind::indexed:
  case WatchEvent::Kind::unchanged:
  case WatchEvent::Kind::removed:
    j["file"] = e.file;
    j["articles"] = e.articles;
    break;
  case WatchEvent::Kind::problem:
    put_problem(j, e.problem);
    break;
  case WatchEvent::Kind::notice:
    j["folder"] = or_null(e.file);
    j["message"] = e.message;
    break;
  }
  return j;
}

// Text: what changed in the collection, a line per file on stdout (flushed: a script may follow
// it). Problems and notices are already on stderr, logged by the library as `index` logs them.
void print_text(const WatchEvent& e, std::size_t folders) {
  switch (e.kind) {
  case WatchEvent::Kind::ready:
    std::cout << "watching " << folders << (folders == 1 ? " folder" : " folders") << " ("
              << e.articles << (e.articles == 1 ? " file" : " files")
              << " indexed); stop with Ctrl-C" << std::endl;
    break;
  case WatchEvent::Kind::indexed:
  case WatchEvent::Kind::unchanged:
  case WatchEvent::Kind::removed:
    std::cout << kind_name(e.kind) << ' ' << e.file << " (" << articles(e.articles) << ')'
              << std::endl;
    break;
  case WatchEvent::Kind::problem:
  case WatchEvent::Kind::notice:
    break;
  }
}

int run_watch(const WatchArgs& args) {
  WatchOptions options;
  options.index.read = to_read_options(args.read);
  options.delete_missing = args.delete_missing;
  options.rescan_seconds = args.rescan;
  options.debounce_ms = args.debounce;
  options.stop = &stop_requested;
  const bool jsonl = args.format == "jsonl";
  options.on_event = [&](const WatchEvent& e) {
    if (jsonl)
      std::cout << json_text(event_json(e)) << std::endl;
    else
      print_text(e, args.folders.size());
    if (!std::cout) throw Error(Error::Code::io, "cannot write to standard output");
  };
  std::string db = resolve_db(args.db);
  if (auto parent = std::filesystem::path(db).parent_path(); !parent.empty())
    std::filesystem::create_directories(parent);
  install_stop_handlers();
  WatchSummary s = watch(db, args.folders, options);
  if (jsonl) {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["event"] = "stopped";
    j["files_indexed"] = s.files_indexed;
    j["articles_indexed"] = s.articles_indexed;
    j["articles_removed"] = s.articles_removed;
    j["problems"] = s.problems;
    j["commits"] = s.commits;
    j["rescans"] = s.rescans;
    std::cout << json_text(j) << std::endl;
  } else {
    std::cout << "stopped: " << s.files_indexed << (s.files_indexed == 1 ? " file" : " files")
              << " indexed (" << articles(s.articles_indexed) << "), "
              << articles(s.articles_removed) << " removed; everything read is committed"
              << std::endl;
  }
  return ok;
}

} // namespace

void add_watch_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<WatchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "watch", "Index files as they appear in or change under folders, until stopped");
  add_db_option(*cmd, args->db);
  cmd->add_option("folders", args->folders, "Folders to watch (with their subfolders)")->required();
  cmd->add_flag("--delete", args->delete_missing,
                "Remove the articles of files deleted or moved out of the folders");
  cmd->add_option("--rescan", args->rescan,
                  "Seconds between full rescans, which catch what inotify missed (0: never; "
                  "default 30)");
  cmd->add_option("--debounce", args->debounce,
                  "Milliseconds without a new event before a batch is read and committed "
                  "(default 200)")
      ->check(CLI::Range(0u, 10000u));
  cmd->add_option("--format", args->format,
                  "Events on stdout as text (default) or jsonl (one JSON object a line)")
      ->check(CLI::IsMember({"text", "jsonl"}));
  cmd->add_option("--id-prefix", args->read.id_prefix,
                  "Prefix every article id (to share a database)");
  cmd->add_option("--field", args->read.fields,
                  "JSON field mapping OURS=THEIRS, e.g. body=story (repeatable)");
  cmd->add_option("--max-file-size", args->read.max_file_mb,
                  "Skip files (and JSON lines) larger than this many MiB (default 64)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--include", args->read.include,
                  "Read only files matching this glob (repeatable; a glob with '/' matches the "
                  "path relative to its folder, else the file name)");
  cmd->add_option("--exclude", args->read.exclude,
                  "Skip files and folders matching this glob (repeatable)");
  cmd->callback([&run, args] { run = [args] { return run_watch(*args); }; });
}

} // namespace newsdex::cli
