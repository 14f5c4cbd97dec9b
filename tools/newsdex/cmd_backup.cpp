// newsdex backup: a consistent copy of the collection, while a writer may be running.
#include "cli.hpp"
#include "output_fields.hpp"

#include <newsdex/backup.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

namespace newsdex::cli {
namespace {

struct BackupArgs {
  std::string db;
  std::string destination;
  std::string format = "text";
};

int run_backup(const BackupArgs& args) {
  const std::string db = resolve_db(args.db);
  BackupSummary s = backup(db, args.destination);
  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["database"] = db;
    j["backup"] = args.destination;
    j["shards"] = s.shards;
    j["documents"] = s.documents;
    j["size_bytes"] = s.bytes;
    std::cout << json_text(j, 2) << '\n';
  } else {
    std::cout << "backed up " << db << " to " << args.destination << ": " << s.documents
              << " documents, " << s.shards << " shard(s), " << s.bytes / 1024 << " KiB\n";
  }
  return ok;
}

} // namespace

void add_backup_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<BackupArgs>();
  CLI::App* cmd = app.add_subcommand(
      "backup", "Write a consistent copy of the collection (a writer may keep running)");
  add_db_option(*cmd, args->db);
  cmd->add_option("destination", args->destination, "Path of the copy (must not exist)")
      ->required();
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&run, args] { run = [args] { return run_backup(*args); }; });
}

} // namespace newsdex::cli
