// newsdex entities: the top entities of the collection or of a query's matches, the entities
// most associated with one (--related), and the network of entities named together (--graph).
// See docs/ENTITIES.md.
#include "cli.hpp"
#include "entities_output.hpp"
#include "output_fields.hpp"

#include <newsdex/entities.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace newsdex::cli {
namespace {

struct EntitiesArgs {
  std::string db;
  std::vector<std::string> words;
  std::string related;
  bool graph = false;
  bool nodes = false; ///< --graph --format csv: the nodes instead of the edges
  std::size_t limit = 20;
  bool limit_given = false; ///< --graph's own default applies otherwise
  std::uint64_t min_together = 2;
  std::size_t max_edges = EntityGraphRequest{}.max_edges;
  std::string format = "text";
  std::string language; ///< empty: the collection's (en for a new one)
  std::vector<std::string> variants;
  std::vector<std::string> entity_files;
};

int run_top(const EntitiesArgs& args, const std::string& db,
            const std::optional<AnalyzerOptions>& analyzer) {
  EntityStatsRequest req;
  req.query = join_words(args.words);
  req.limit = args.limit;
  EntityStats stats = entity_stats(db, req, analyzer);
  if (args.format == "json") {
    std::cout << json_text(entity_stats_json(db, req, stats), 2) << '\n';
    return ok;
  }
  std::cout << "top entities in " << stats.articles << " article"
            << (stats.articles == 1 ? "" : "s")
            << (req.query.empty() ? std::string() : " matching " + req.query) << '\n';
  for (const auto& e : stats.entities) {
    char line[64];
    std::snprintf(line, sizeof line, "%8llu  %-13s ", static_cast<unsigned long long>(e.articles),
                  std::string(entity_type_name(e.type)).c_str());
    std::cout << line << e.name << '\n';
  }
  return ok;
}

int run_related(const EntitiesArgs& args, const std::string& db,
                const std::optional<AnalyzerOptions>& analyzer) {
  RelatedRequest req;
  req.entity = args.related;
  req.query = join_words(args.words);
  req.limit = args.limit;
  req.min_together = args.min_together;
  RelatedEntities r = related_entities(db, req, analyzer);
  if (args.format == "json") {
    std::cout << json_text(related_json(db, req, r), 2) << '\n';
    return ok;
  }
  std::cout << "entities related to " << r.entity << " (named in " << r.with_entity << " of "
            << r.articles << " articles; log-likelihood G², at least " << req.min_together
            << " articles together)\n";
  if (r.with_entity == 0) std::cerr << "newsdex: no article names " << args.related << '\n';
  std::cout << "   score  together  articles  type          entity\n";
  for (const auto& e : r.related) {
    char line[96];
    std::snprintf(line, sizeof line, "%8.2f  %8llu  %8llu  %-13s ", e.score,
                  static_cast<unsigned long long>(e.together),
                  static_cast<unsigned long long>(e.articles),
                  std::string(entity_type_name(e.type)).c_str());
    std::cout << line << e.name << '\n';
  }
  return ok;
}

// Exit 1 when no article was counted over, as `search` when nothing matches: a script can tell
// an empty network from a sparse one.
int run_graph(const EntitiesArgs& args, const std::string& db,
              const std::optional<AnalyzerOptions>& analyzer) {
  EntityGraphRequest req;
  req.query = join_words(args.words);
  if (args.limit_given) req.limit = args.limit;
  req.min_count = args.min_together;
  req.max_edges = args.max_edges;
  EntityGraph g = entity_graph(db, req, analyzer);
  if (args.format == "json") {
    std::cout << json_text(entity_graph_json(db, req, g), 2) << '\n';
  } else if (args.format == "graphml") {
    std::cout << entity_graph_graphml(g);
  } else if (args.format == "csv") {
    std::cout << (args.nodes ? entity_graph_nodes_csv(g) : entity_graph_edges_csv(g));
  } else {
    std::cout << "entity network of " << g.articles << " article" << (g.articles == 1 ? "" : "s")
              << (req.query.empty() ? std::string() : " matching " + req.query) << ": "
              << g.nodes.size() << " entities, " << g.edges.size()
              << " links (named together in at least " << req.min_count
              << " articles, more often than chance; log-likelihood G²)\n";
    if (!g.edges.empty()) std::cout << "     G²  together  entities\n";
    for (const auto& e : g.edges) {
      char line[64];
      std::snprintf(line, sizeof line, "%7.2f  %8llu  ", e.llr,
                    static_cast<unsigned long long>(e.together));
      std::cout << line << g.nodes[e.source].name << " — " << g.nodes[e.target].name << '\n';
    }
  }
  if (g.articles > 0) return ok;
  std::cerr << "newsdex: "
            << (req.query.empty() ? std::string("the collection is empty")
                                  : "no article matches " + req.query)
            << '\n';
  return nothing;
}

// Options that only make sense together: refused rather than silently ignored.
void check_combination(const EntitiesArgs& args) {
  if (args.graph && !args.related.empty())
    throw Error(Error::Code::usage, "--graph and --related cannot be combined");
  if (!args.graph && (args.format == "graphml" || args.format == "csv"))
    throw Error(Error::Code::usage, "--format " + args.format + " needs --graph");
  if (args.nodes && !(args.graph && args.format == "csv"))
    throw Error(Error::Code::usage, "--nodes needs --graph --format csv");
}

int run_entities(const EntitiesArgs& args) {
  check_combination(args);
  const std::optional<AnalyzerOptions> analyzer =
      analyzer_options(resolve_db(args.db), args.language, args.variants, args.entity_files);
  std::string db = resolve_db(args.db);
  if (args.graph) return run_graph(args, db, analyzer);
  return args.related.empty() ? run_top(args, db, analyzer) : run_related(args, db, analyzer);
}

} // namespace

void add_entities_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<EntitiesArgs>();
  CLI::App* cmd =
      app.add_subcommand("entities", "Top entities, those named with one (--related), or their "
                                     "network (--graph)");
  cmd->allow_extras();
  cmd->prefix_command(false);
  add_db_option(*cmd, args->db);
  cmd->add_option("query", args->words, "Count over the articles matching this query");
  cmd->add_option("--related", args->related,
                  "Entities named together with this one, ranked by log-likelihood ratio");
  cmd->add_flag("--graph", args->graph,
                "The network of the top entities: an edge joins two named together in at least "
                "--min-count articles, more often than chance, weighted by log-likelihood ratio");
  cmd->add_option("-n,--limit", args->limit, "Entities to show (with --graph: nodes, default 50)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--min-count", args->min_together,
                  "With --related and --graph: ignore entities named together in fewer articles "
                  "(default 2)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-edges", args->max_edges,
                  "With --graph: keep this many edges, strongest first (default 500)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--format", args->format,
                  "Output format: text, json; with --graph also graphml, csv")
      ->check(CLI::IsMember({"text", "json", "graphml", "csv"}));
  cmd->add_flag("--nodes", args->nodes,
                "With --graph --format csv: print the nodes (name,type,articles), not the edges");
  cmd->add_option("--language", args->language,
                  "Language of the query (ISO 639-1; default: the collection's)");
  cmd->add_option("--variants", args->variants,
                  "Extra spelling-variant file, as at index time (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--entities", args->entity_files,
                  "Extra entity alias file, as at index time (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->callback([&run, args, cmd] {
    append_query_words(*cmd, args->words);
    args->limit_given = cmd->count("--limit") > 0;
    run = [args] { return run_entities(*args); };
  });
}

} // namespace newsdex::cli
