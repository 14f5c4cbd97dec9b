// newsdex compact: Xapian compaction into a new generation, swapped in atomically.
#include "cli.hpp"
#include "output_fields.hpp"

#include <newsdex/indexer.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>

namespace newsdex::cli {
namespace {

struct CompactArgs {
  std::string db;
  std::string format = "text";
};

int run_compact(const CompactArgs& args) {
  std::string db = resolve_db(args.db);
  const auto start = std::chrono::steady_clock::now();
  IndexOptions options;
  options.create = false; // a mistyped --db must never leave an empty collection behind
  Indexer indexer(db, options);
  std::uint64_t before = indexer.disk_size();
  indexer.compact();
  std::uint64_t after = indexer.disk_size();
  const std::uint64_t documents = indexer.size();
  indexer.close(); // a failed commit is an error here, not a line in a log
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["database"] = db;
    j["documents"] = documents;
    j["size_before"] = before;
    j["size_after"] = after;
    j["seconds"] = seconds;
    std::cout << json_text(j, 2) << '\n';
  } else {
    std::cout << "compacted " << db << ": " << before / 1024 << " KiB -> " << after / 1024
              << " KiB, " << documents << " documents\n";
  }
  return ok;
}

} // namespace

void add_compact_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<CompactArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compact", "Compact the collection into a new generation, swapped in atomically");
  add_db_option(*cmd, args->db);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&run, args] { run = [args] { return run_compact(*args); }; });
}

} // namespace newsdex::cli
