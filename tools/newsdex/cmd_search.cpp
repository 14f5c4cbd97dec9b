// newsdex search: run a query and print ranked hits.
#include "cli.hpp"

#include <newsdex/searcher.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

namespace newsdex::cli {
namespace {

struct SearchArgs {
  std::string db;
  std::vector<std::string> words;
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::string format = "text";
  std::string match = "any";
  bool strict = false;
  bool no_syntax = false;
  std::string language = "en";
  std::vector<std::string> variants;
};

std::string join(const std::vector<std::string>& words) {
  std::string q;
  for (const auto& w : words) {
    if (!q.empty()) q += ' ';
    q += w;
  }
  return q;
}

std::string marked(const Hit& h, bool colour) {
  if (!colour) return h.snippet;
  std::string out;
  std::size_t at = 0;
  for (const auto& r : h.highlights) {
    out.append(h.snippet, at, r.begin - at);
    out += "\033[1;33m";
    out.append(h.snippet, r.begin, r.end - r.begin);
    out += "\033[0m";
    at = r.end;
  }
  out.append(h.snippet, at);
  return out;
}

void print_json(const SearchResults& r) {
  nlohmann::ordered_json j;
  j["format_version"] = 1;
  j["query"] = r.query;
  j["total_estimate"] = r.total_estimate;
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
  };
  for (const auto& h : r.hits) {
    nlohmann::ordered_json hj;
    hj["id"] = h.id;
    hj["rank"] = h.rank;
    hj["score"] = h.score;
    hj["title"] = h.title;
    hj["date"] = or_null(h.date);
    hj["source"] = or_null(h.source);
    hj["url"] = or_null(h.url);
    hj["snippet"] = h.snippet;
    nlohmann::ordered_json hl = nlohmann::ordered_json::array();
    for (const auto& x : h.highlights) hl.push_back({x.begin, x.end});
    hj["highlights"] = hl;
    hits.push_back(hj);
  }
  j["hits"] = hits;
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const auto& w : r.warnings)
    warnings.push_back({{"column", w.column}, {"message", w.message}});
  j["warnings"] = warnings;
  std::cout << j.dump(2) << '\n';
}

void print_text(const SearchResults& r) {
  const bool colour = use_colour();
  const char* bold = colour ? "\033[1m" : "";
  const char* dim = colour ? "\033[2m" : "";
  const char* reset = colour ? "\033[0m" : "";
  for (const auto& h : r.hits) {
    std::cout << bold << h.rank << ". " << (h.title.empty() ? h.id : h.title) << reset << '\n';
    std::cout << "   " << dim << (h.date.empty() ? "" : h.date + " · ")
              << (h.source.empty() ? "" : h.source + " · ") << h.id << " · score " << std::fixed
              << std::setprecision(2) << h.score << reset << '\n';
    if (!h.snippet.empty()) std::cout << "   " << marked(h, colour) << '\n';
    std::cout << '\n';
  }
  std::cout << "about " << r.total_estimate << " matching article"
            << (r.total_estimate == 1 ? "" : "s") << '\n';
}

int run_search(const SearchArgs& args) {
  SearchRequest req;
  req.query = join(args.words);
  req.limit = args.limit;
  req.offset = args.offset;
  req.strict = args.strict;
  req.syntax = !args.no_syntax;
  req.match = args.match == "all" ? MatchMode::all : MatchMode::any;
  AnalyzerOptions analyzer;
  analyzer.language = args.language;
  analyzer.variant_files = args.variants;
  Searcher searcher(resolve_db(args.db), analyzer);
  SearchResults r = searcher.search(req);
  for (const auto& w : r.warnings) spdlog::warn("query: {} at column {}", w.message, w.column);
  if (args.format == "json")
    print_json(r);
  else
    print_text(r);
  return r.hits.empty() ? nothing : ok;
}

} // namespace

void add_search_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand("search", "Search the collection (see docs/QUERY.md)");
  // Words after the first may start with '-' (NATO -Russia) without needing "--".
  cmd->allow_extras();
  cmd->prefix_command(false);
  add_db_option(*cmd, args->db);
  cmd->add_option("query", args->words, "Query words, joined with spaces");
  cmd->add_option("-n,--limit", args->limit, "Hits to show")->check(CLI::NonNegativeNumber);
  cmd->add_option("--offset", args->offset, "Hits to skip")->check(CLI::NonNegativeNumber);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--match", args->match, "How bare words combine")
      ->check(CLI::IsMember({"any", "all"}));
  cmd->add_flag("--strict", args->strict, "Fail on a malformed query instead of recovering");
  cmd->add_flag("!--syntax", args->no_syntax, "--syntax off: every character is text")
      ->expected(0, 1);
  cmd->add_option("--language", args->language, "Language of the query (ISO 639-1)");
  cmd->add_option("--variants", args->variants, "Extra spelling-variant file(s), as at index time")
      ->check(CLI::ExistingFile);
  cmd->callback([&run, args, cmd] {
    // CLI11 hands back the "--" separator among the extras; it is not part of the query.
    for (const auto& extra : cmd->remaining())
      if (extra != "--") args->words.push_back(extra);
    if (args->words.empty()) throw CLI::ValidationError("query", "a query is required");
    run = [args] { return run_search(*args); };
  });
}

} // namespace newsdex::cli
