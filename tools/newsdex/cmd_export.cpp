// newsdex export: the stored articles (all, or a query's matches) as JSON Lines on stdout, which
// `newsdex index` reads back into an identical collection.
#include "cli.hpp"

#include <newsdex/archive.hpp>
#include <newsdex/reader.hpp>

#include <iostream>

namespace newsdex::cli {
namespace {

struct ExportArgs {
  std::string db;
  std::vector<std::string> words;
};

int run_export(const ExportArgs& args) {
  std::string query;
  for (const auto& w : args.words) query += (query.empty() ? "" : " ") + w;
  std::ios::sync_with_stdio(false);
  const std::uint64_t n = export_articles(resolve_db(args.db), query, [](const Article& a) {
    std::cout << article_to_json(a) << '\n';
  });
  std::cout.flush();
  if (!std::cout) throw Error(Error::Code::io, "cannot write the export to standard output");
  return n ? ok : nothing;
}

} // namespace

void add_export_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write the stored articles (all, or a query's matches) as JSON Lines");
  add_db_option(*cmd, args->db);
  cmd->allow_extras(false);
  cmd->add_option("query", args->words, "Export only the articles this query matches");
  cmd->callback([&run, args] { run = [args] { return run_export(*args); }; });
}

} // namespace newsdex::cli
