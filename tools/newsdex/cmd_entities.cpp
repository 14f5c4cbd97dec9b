// newsdex entities: the top entities of the collection or of a query's matches, and the entities
// most associated with one (--related). See docs/ENTITIES.md.
#include "cli.hpp"

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
  std::size_t limit = 20;
  std::uint64_t min_together = 2;
  std::string format = "text";
  std::string language; ///< empty: the collection's (en for a new one)
  std::vector<std::string> variants;
  std::vector<std::string> entity_files;
};

std::string join(const std::vector<std::string>& words) {
  std::string q;
  for (const auto& w : words) {
    if (!q.empty()) q += ' ';
    q += w;
  }
  return q;
}

nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

int run_top(const EntitiesArgs& args, const std::string& db,
            const std::optional<AnalyzerOptions>& analyzer) {
  EntityStatsRequest req;
  req.query = join(args.words);
  req.limit = args.limit;
  EntityStats stats = entity_stats(db, req, analyzer);
  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["database"] = db;
    j["query"] = or_null(req.query);
    j["articles"] = stats.articles;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& e : stats.entities)
      list.push_back({{"name", e.name},
                      {"type", std::string(entity_type_name(e.type))},
                      {"articles", e.articles}});
    j["entities"] = list;
    std::cout << j.dump(2) << '\n';
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
  req.query = join(args.words);
  req.limit = args.limit;
  req.min_together = args.min_together;
  RelatedEntities r = related_entities(db, req, analyzer);
  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["format_version"] = 1;
    j["database"] = db;
    j["entity"] = r.entity;
    j["query"] = or_null(req.query);
    j["articles"] = r.articles;
    j["with_entity"] = r.with_entity;
    j["measure"] = "log-likelihood ratio (G2)";
    j["min_together"] = req.min_together;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& e : r.related)
      list.push_back({{"name", e.name},
                      {"type", std::string(entity_type_name(e.type))},
                      {"together", e.together},
                      {"articles", e.articles},
                      {"score", e.score}});
    j["related"] = list;
    std::cout << j.dump(2) << '\n';
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

int run_entities(const EntitiesArgs& args) {
  const std::optional<AnalyzerOptions> analyzer =
      analyzer_options(resolve_db(args.db), args.language, args.variants, args.entity_files);
  std::string db = resolve_db(args.db);
  return args.related.empty() ? run_top(args, db, analyzer) : run_related(args, db, analyzer);
}

} // namespace

void add_entities_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<EntitiesArgs>();
  CLI::App* cmd = app.add_subcommand(
      "entities", "Top entities of the collection or of a query's matches; --related ENTITY");
  cmd->allow_extras();
  cmd->prefix_command(false);
  add_db_option(*cmd, args->db);
  cmd->add_option("query", args->words, "Count over the articles matching this query");
  cmd->add_option("--related", args->related,
                  "Entities named together with this one, ranked by log-likelihood ratio");
  cmd->add_option("-n,--limit", args->limit, "Entities to show")->check(CLI::NonNegativeNumber);
  cmd->add_option("--min-count", args->min_together,
                  "With --related: ignore entities named together in fewer articles")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
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
    run = [args] { return run_entities(*args); };
  });
}

} // namespace newsdex::cli
