// newsdex reindex: rebuild the collection from its own stored articles into a new generation,
// swapped in atomically; the one command that may change a collection's analysis settings.
#include "cli.hpp"
#include "output_fields.hpp"

#include <newsdex/indexer.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

namespace newsdex::cli {
namespace {

struct ReindexArgs {
  std::string db;
  std::string language;
  std::vector<std::string> variants;
  std::vector<std::string> entity_files;
  std::string format = "text";
};

int run_reindex(const ReindexArgs& args) {
  const std::string db = resolve_db(args.db);
  std::optional<AnalyzerOptions> analyzer =
      analyzer_options(db, args.language, args.variants, args.entity_files);
  Indexer indexer(db); // opened with the recorded settings; the new ones apply to the rebuild
  IndexSummary s = indexer.reindex(analyzer);
  const std::uint64_t documents = indexer.size();
  indexer.close(); // a failed commit is an error here, not a line in a log
  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["database"] = db;
    j["documents"] = documents;
    j["indexed"] = s.indexed;
    j["failed"] = s.failed;
    j["seconds"] = s.seconds;
    std::cout << json_text(j, 2) << '\n';
  } else {
    std::cout << "reindexed " << db << ": " << s.indexed << " articles in " << s.seconds << " s ("
              << documents << " documents)\n";
  }
  return s.failed ? nothing : ok;
}

} // namespace

void add_reindex_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<ReindexArgs>();
  CLI::App* cmd = app.add_subcommand(
      "reindex", "Rebuild the collection from its stored articles (new settings allowed)");
  add_db_option(*cmd, args->db);
  cmd->add_option("--language", args->language, "New default language of the articles");
  cmd->add_option("--variants", args->variants, "New extra spelling-variant file (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--entities", args->entity_files, "New extra entity alias file (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&run, args] { run = [args] { return run_reindex(*args); }; });
}

} // namespace newsdex::cli
