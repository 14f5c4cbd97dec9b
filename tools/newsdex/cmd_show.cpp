// newsdex show ID: the stored article with its metadata.
#include "cli.hpp"
#include "printer.hpp"

#include <newsdex/searcher.hpp>

#include <iostream>

namespace newsdex::cli {
namespace {

struct ShowArgs {
  std::string db;
  std::string id;
  std::string format = "text";
};

int run_show(const ShowArgs& args) {
  Searcher searcher(resolve_db(args.db));
  auto article = searcher.article(args.id);
  if (!article) {
    std::cerr << "newsdex: no article with id '" << args.id << "'\n";
    return nothing;
  }
  print_article(args.format, *article, std::cout);
  return ok;
}

} // namespace

void add_show_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* cmd = app.add_subcommand("show", "Print a stored article and its metadata");
  add_db_option(*cmd, args->db);
  cmd->add_option("id", args->id, "The article's id")->required();
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&run, args] { run = [args] { return run_show(*args); }; });
}

} // namespace newsdex::cli
