// newsdex similar ID: articles like a given one (relevance feedback: Xapian RSet -> ESet).
#include "cli.hpp"
#include "printer.hpp"

#include <newsdex/searcher.hpp>

#include <iostream>

namespace newsdex::cli {
namespace {

struct SimilarArgs {
  std::string db;
  std::string id;
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::size_t terms = SimilarRequest{}.terms;
  std::string format = "text";
  std::vector<std::string> facets;
};

int run_similar(const SimilarArgs& args) {
  Searcher searcher(resolve_db(args.db));
  if (!searcher.article(args.id)) {
    std::cerr << "newsdex: no article with id '" << args.id << "'\n";
    return nothing;
  }
  SimilarRequest req;
  req.limit = args.limit;
  req.offset = args.offset;
  req.terms = args.terms;
  req.summaries = args.format != "trec" && args.format != "ids";
  req.snippets = req.summaries;
  for (const auto& f : args.facets) req.facets.push_back(*facet_kind_from_string(f));
  SearchResults r = searcher.similar(args.id, req);
  PrinterOptions po;
  po.colour = use_colour();
  auto printer = make_printer(args.format, std::cout, po);
  printer->results("1", r);
  printer->finish();
  return r.hits.empty() ? nothing : ok;
}

} // namespace

void add_similar_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<SimilarArgs>();
  CLI::App* cmd = app.add_subcommand("similar", "Articles like the one with this id");
  add_db_option(*cmd, args->db);
  cmd->add_option("id", args->id, "The article's id")->required();
  add_search_options(*cmd, args->format, args->limit, args->offset);
  cmd->add_option("--terms", args->terms, "Terms taken from the article")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--facet", args->facets,
                  "Count matches by source, year, month or entity (repeatable)")
      ->check(CLI::IsMember({"source", "year", "month", "entity"}));
  cmd->callback([&run, args] { run = [args] { return run_similar(*args); }; });
}

} // namespace newsdex::cli
