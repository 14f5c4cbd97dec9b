// newsdex init: an empty collection with its settings recorded, for every later command to use.
#include "cli.hpp"
#include "output_fields.hpp"

#include <newsdex/indexer.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace newsdex::cli {
namespace {

struct InitArgs {
  std::string db;
  unsigned shards = 1;
  std::string language;
  std::vector<std::string> variants;
  std::vector<std::string> entity_files;
  std::vector<std::string> remote_shards; ///< --shard SPEC, in shard order
  std::string partition;                  ///< --partition month|year, or empty
  std::string format = "text";
};

int run_init(const InitArgs& args) {
  const std::string db = resolve_db(args.db);
  if (std::filesystem::exists(db))
    throw Error(Error::Code::usage,
                "a collection already exists here; its settings are fixed (see `newsdex stats`)",
                {db, 0, 0});
  if (auto parent = std::filesystem::path(db).parent_path(); !parent.empty())
    std::filesystem::create_directories(parent);
  IndexOptions options;
  options.shards = args.shards;
  if (args.partition == "month") options.partition = TimePartition::month;
  if (args.partition == "year") options.partition = TimePartition::year;
  options.analyzer =
      analyzer_options(resolve_db(args.db), args.language, args.variants, args.entity_files);
  if (!options.analyzer) options.analyzer = AnalyzerOptions{};
  options.remote_shards = args.remote_shards;
  // The library writes a remote collection's stub and creates each shard through its server; a
  // shard that does not answer leaves no collection behind.
  if (!options.remote_shards.empty()) options.create = false;
  Indexer indexer(db, options);
  const unsigned shards = indexer.shards();
  indexer.close(); // publishes the empty generation and its manifest; throws when it cannot
  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["database"] = db;
    j["shards"] = shards;
    j["remote"] = !args.remote_shards.empty();
    j["partition"] = args.partition.empty() ? "none" : args.partition;
    j["language"] = Analyzer(*options.analyzer).language();
    std::cout << json_text(j, 2) << '\n';
  } else {
    std::cout << "initialised " << db << ": ";
    if (args.partition.empty())
      std::cout << shards << (args.remote_shards.empty() ? " shard(s)" : " remote shard(s)");
    else
      std::cout << "partitioned by " << args.partition << ", " << shards << " shard(s) a period";
    std::cout << ", language " << Analyzer(*options.analyzer).language() << '\n';
  }
  return ok;
}

} // namespace

void add_init_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<InitArgs>();
  CLI::App* cmd = app.add_subcommand(
      "init", "Create an empty collection whose settings every later command uses");
  add_db_option(*cmd, args->db);
  CLI::Option* local_shards =
      cmd->add_option("--shards", args->shards, "Shards of the collection (routed by id hash)")
          ->check(CLI::Range(1u, 1024u));
  CLI::Option* remote =
      cmd->add_option("--shard", args->remote_shards,
                      "A remote shard, in order (repeatable): tcp:HOST:PORT (xapian-tcpsrv "
                      "--writable; no authentication: loopback only) or ssh:[USER@]HOST:/PATH "
                      "(xapian-progsrv over ssh)")
          ->excludes(local_shards);
  cmd->add_option("--partition", args->partition,
                  "Split the collection by article date into per-period shards (month or year; "
                  "undated articles in shards of their own); --shards is then per period")
      ->check(CLI::IsMember({"month", "year"}))
      ->excludes(remote);
  cmd->add_option("--language", args->language, "Default language of articles (ISO 639-1; en)");
  cmd->add_option("--variants", args->variants, "Extra spelling-variant file (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--entities", args->entity_files, "Extra entity alias file (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&run, args] { run = [args] { return run_init(*args); }; });
}

} // namespace newsdex::cli
