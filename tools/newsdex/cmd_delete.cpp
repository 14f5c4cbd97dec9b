// newsdex delete: remove articles by id, or every article a query matches.
#include "cli.hpp"

#include <newsdex/indexer.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

namespace newsdex::cli {
namespace {

struct DeleteArgs {
  std::string db;
  std::vector<std::string> ids;
  std::string query;
  std::string format = "text";
};

int run_delete(const DeleteArgs& args) {
  std::string db = resolve_db(args.db);
  if (args.ids.empty() && args.query.empty())
    throw Error(Error::Code::usage, "name the ids to delete, or --query QUERY");
  IndexOptions options;
  Indexer indexer(db, options);
  std::uint64_t removed = 0;
  std::vector<std::string> missing;
  for (const auto& id : args.ids) {
    if (indexer.remove(id))
      ++removed;
    else
      missing.push_back(id);
  }
  indexer.commit();
  if (!args.query.empty()) removed += indexer.remove_matching(args.query);
  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["database"] = db;
    j["deleted"] = removed;
    j["not_found"] = missing;
    j["documents"] = indexer.size();
    std::cout << j.dump(2) << '\n';
  } else {
    for (const auto& id : missing) std::cerr << "newsdex: no article with id " << id << '\n';
    std::cout << "deleted " << removed << " (" << indexer.size() << " documents in " << db << ")\n";
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
  cmd->add_option("--query", args->query, "Delete every article this query matches");
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&run, args] { run = [args] { return run_delete(*args); }; });
}

} // namespace newsdex::cli
