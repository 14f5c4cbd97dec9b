// newsdex delete: remove articles by id, or every article a query matches (every word required),
// or, with --dry-run, list the ids that would go and change nothing.
#include "cli.hpp"
#include "output_fields.hpp"

#include <newsdex/indexer.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

namespace newsdex::cli {
namespace {

struct DeleteArgs {
  std::string db;
  std::vector<std::string> ids;
  std::string query;
  bool dry_run = false;
  std::string format = "text";
};

int run_delete(const DeleteArgs& args) {
  std::string db = resolve_db(args.db);
  if (args.ids.empty() && args.query.empty())
    throw Error(Error::Code::usage, "name the ids to delete, or --query QUERY");
  IndexOptions options;
  options.create = false; // a mistyped --db must never leave an empty collection behind
  Indexer indexer(db, options);
  // Ids absent before anything is deleted are the ones not found (not those the query removed).
  std::vector<std::string> present, missing;
  for (const auto& id : args.ids) (indexer.contains(id) ? present : missing).push_back(id);
  std::vector<std::string> doomed; // --dry-run: what would be deleted
  std::uint64_t removed = 0;
  if (args.dry_run) {
    doomed = present;
    if (!args.query.empty())
      for (auto& id : indexer.ids_matching(args.query))
        if (std::find(present.begin(), present.end(), id) == present.end())
          doomed.push_back(std::move(id));
    removed = doomed.size();
  } else {
    // The query first: one that is refused (nothing positive, bad syntax) changes nothing.
    if (!args.query.empty()) removed += indexer.remove_matching(args.query);
    for (const auto& id : present)
      if (indexer.remove(id)) ++removed;
  }
  const std::uint64_t documents = indexer.size();
  indexer.close(); // a failed commit is an error here, not a line in a log
  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["database"] = db;
    if (args.dry_run) {
      j["dry_run"] = true;
      j["would_delete"] = doomed;
    }
    j["deleted"] = args.dry_run ? 0 : removed;
    j["not_found"] = missing;
    j["documents"] = documents;
    std::cout << json_text(j, 2) << '\n';
  } else {
    for (const auto& id : missing) std::cerr << "newsdex: no article with id " << id << '\n';
    if (args.dry_run) {
      for (const auto& id : doomed) std::cout << id << '\n';
      std::cerr << "newsdex: dry run: would delete " << removed << " of " << documents
                << " documents in " << db << "; nothing changed\n";
    } else {
      std::cout << "deleted " << removed << " (" << documents << " documents in " << db << ")\n";
    }
  }
  return removed ? ok : nothing;
}

} // namespace

void add_delete_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<DeleteArgs>();
  CLI::App* cmd =
      app.add_subcommand("delete", "Delete articles by id, or every article a query matches");
  add_db_option(*cmd, args->db);
  cmd->add_option("ids", args->ids, "Article ids");
  cmd->add_option("--query", args->query,
                  "Delete every article this query matches (every word required; something "
                  "positive to match is required: '-sport' alone is refused)");
  cmd->add_flag("-n,--dry-run", args->dry_run,
                "Print the ids that would be deleted, one a line, and change nothing");
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&run, args] { run = [args] { return run_delete(*args); }; });
}

} // namespace newsdex::cli
