// newsdex search: run a query (or a file of queries) and print ranked hits.
#include "cli.hpp"
#include "printer.hpp"

#include <newsdex/searcher.hpp>
#include <spdlog/spdlog.h>

#include <cmath>
#include <fstream>
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
  std::string syntax = "on";
  std::string language; ///< empty: the collection's (en for a new one)
  std::vector<std::string> variants;
  std::vector<std::string> entity_files;
  double k1 = SearchRequest{}.k1;
  double b = SearchRequest{}.b;
  std::string recent;
  std::string recent_from;
  double recent_weight = SearchRequest{}.recency_weight;
  std::string sort = "relevance";
  std::vector<std::string> facets;
  std::size_t facet_limit = SearchRequest{}.facet_limit;
  bool collapse = false;
  bool expand = false;
  bool explain = false;
  std::string entity_boost = SearchRequest{}.entity_boost ? "on" : "off";
  bool phrase_boost = false;
  bool no_snippets = false;
  bool no_suggest = false;
  std::string queries;
  std::string run_tag = "newsdex";
  bool all = false; ///< stream every match (Searcher::for_each)
  bool allow_partial = false;
};

// "30", "30d", "2w", "6m", "1y" -> days.
double parse_half_life(const std::string& s) {
  std::size_t used = 0;
  double n = 0;
  try {
    n = std::stod(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  std::string unit = s.substr(used);
  double days = unit.empty() || unit == "d" ? n
                : unit == "w"               ? n * 7
                : unit == "m"               ? n * 30.44
                : unit == "y"               ? n * 365.25
                                            : -1;
  if (used == 0 || !(days > 0) || !std::isfinite(days))
    throw Error(Error::Code::usage,
                "--recent: expected a half-life such as 30, 30d, 2w, 6m or 1y, got '" + s + "'");
  return days;
}

SearchRequest make_request(const SearchArgs& args) {
  SearchRequest req;
  req.limit = args.limit;
  req.offset = args.offset;
  req.strict = args.strict;
  req.syntax = args.syntax != "off";
  req.match = args.match == "all" ? MatchMode::all : MatchMode::any;
  req.k1 = args.k1;
  req.expand = args.expand;
  req.b = args.b;
  if (!args.recent.empty()) req.recency_half_life_days = parse_half_life(args.recent);
  req.recency_reference = args.recent_from;
  req.recency_weight = args.recent_weight;
  req.sort = args.sort == "relevance" ? SortOrder::relevance
             : args.sort == "date"    ? SortOrder::date
                                      : SortOrder::date_desc;
  for (const auto& f : args.facets) req.facets.push_back(*facet_kind_from_string(f));
  req.facet_limit = args.facet_limit;
  req.collapse = args.collapse;
  req.explain = args.explain;
  req.entity_boost = args.entity_boost == "on";
  req.phrase_boost = args.phrase_boost;
  // trec and ids print id, rank and score only: neither a summary nor a snippet is read.
  const bool ranks_only = args.format == "trec" || args.format == "ids";
  req.summaries = !ranks_only;
  req.snippets = !args.no_snippets && !ranks_only;
  req.suggest = !args.no_suggest;
  req.allow_partial = args.allow_partial;
  return req;
}

struct Query {
  std::string qid, text;
};

std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(Error::Code::usage, "cannot read query file '" + path + "'");
  std::vector<Query> out;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos)
      out.push_back({std::to_string(number), line});
    else
      out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

void print_warnings(const SearchResults& r, const std::string& qid, bool batch) {
  for (const auto& w : r.warnings)
    spdlog::warn("query{}: {} at column {}", batch ? " " + qid : "", w.message, w.column);
}

// --all: every match, each printed as it comes (one hit a line), so memory stays flat however
// many there are; a reader that stops reading (`| head -1`) stops the stream.
int run_search_all(const SearchArgs& args) {
  SearchRequest req = make_request(args);
  req.query = join_words(args.words);
  const std::optional<AnalyzerOptions> analyzer =
      analyzer_options(resolve_db(args.db), args.language, args.variants, args.entity_files);
  Searcher searcher(resolve_db(args.db), analyzer);
  PrinterOptions po;
  auto printer = make_printer(args.format, std::cout, po);
  SearchResults one;
  one.query = req.query;
  one.hits.resize(1);
  SearchResults r;
  try {
    r = searcher.for_each(req, [&](const Hit& hit) {
      one.hits.front() = hit;
      printer->results("1", one);
      return static_cast<bool>(std::cout);
    });
  } catch (const Error& e) {
    if (e.code() != Error::Code::query_syntax) throw;
    std::cerr << "newsdex: " << e.message() << '\n';
    return usage;
  }
  print_warnings(r, "1", false);
  std::cout.flush();
  return r.total_estimate > 0 ? ok : nothing;
}

int run_search(const SearchArgs& args) {
  if (args.all) return run_search_all(args);
  SearchRequest req = make_request(args);
  const std::optional<AnalyzerOptions> analyzer =
      analyzer_options(resolve_db(args.db), args.language, args.variants, args.entity_files);
  std::vector<Query> queries;
  const bool batch = !args.queries.empty();
  if (batch)
    queries = read_queries(args.queries);
  else
    queries.push_back({"1", join_words(args.words)});
  Searcher searcher(resolve_db(args.db), analyzer);
  PrinterOptions po;
  po.colour = use_colour();
  po.batch = batch;
  po.explain = args.explain;
  po.run_tag = args.run_tag;
  auto printer = make_printer(args.format, std::cout, po);
  bool any_hits = false, failed = false;
  for (const auto& q : queries) {
    req.query = q.text;
    SearchResults r;
    try {
      r = searcher.search(req);
    } catch (const Error& e) {
      if (e.code() != Error::Code::query_syntax) throw;
      // The message names the column already ("query: unbalanced quote at column 6").
      std::cerr << "newsdex: " << (batch ? "query " + q.qid + ": " : "") << e.message() << '\n';
      if (!batch) return usage;
      failed = true;
      continue;
    }
    print_warnings(r, q.qid, batch);
    if (r.partial) {
      std::string names;
      for (const auto& name : r.failed_shards) names.append(names.empty() ? "" : ", ").append(name);
      spdlog::warn("{}partial results: remote shard {} did not answer; the other shards were "
                   "searched",
                   batch ? "query " + q.qid + ": " : "", names);
    }
    printer->results(q.qid, r);
    any_hits = any_hits || !r.hits.empty();
  }
  printer->finish();
  std::cout.flush();
  if (failed) return usage;
  return any_hits ? ok : nothing;
}

} // namespace

void add_search_options(CLI::App& cmd, std::string& format, std::size_t& limit,
                        std::size_t& offset) {
  cmd.add_option("-n,--limit", limit, "Hits to show")->check(CLI::NonNegativeNumber);
  cmd.add_option("--offset", offset, "Hits to skip")->check(CLI::NonNegativeNumber);
  cmd.add_option("--format", format, "Output format")->check(CLI::IsMember(result_formats));
}

void add_search_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand("search", "Search the collection (see docs/QUERY.md)");
  // Words after the first may start with '-' (NATO -Russia) without needing "--".
  cmd->allow_extras();
  cmd->prefix_command(false);
  add_db_option(*cmd, args->db);
  cmd->add_option("query", args->words, "Query words, joined with spaces");
  add_search_options(*cmd, args->format, args->limit, args->offset);
  add_query_language_options(*cmd, args->match, args->strict, args->syntax);
  cmd->add_option("--language", args->language,
                  "Language of the query (ISO 639-1; default: the collection's)");
  cmd->add_option("--variants", args->variants,
                  "Extra spelling-variant file, as at index time (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--entities", args->entity_files,
                  "Extra entity alias file, as at index time (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--k1", args->k1, "BM25 k1 (term frequency saturation)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--b", args->b, "BM25 b (length normalisation)")->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--expand", args->expand,
                "Pseudo-relevance feedback: add the best hits' telling terms (docs/EVALUATION.md)");
  cmd->add_option("--recent", args->recent,
                  "Recency boost: half-life such as 30, 30d, 2w, 6m, 1y (days by default)");
  cmd->add_option("--recent-from", args->recent_from,
                  "Date the ages are counted from (default: the newest article)");
  cmd->add_option("--recent-weight", args->recent_weight,
                  "Largest boost, as a share of the best score (default 0.5)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--sort", args->sort, "relevance, date (oldest first) or -date (newest first)")
      ->check(CLI::IsMember({"relevance", "date", "-date"}));
  cmd->add_option("--facet", args->facets,
                  "Count matches by source, year, month or entity (repeatable)")
      ->check(CLI::IsMember({"source", "year", "month", "entity"}));
  cmd->add_option("--facet-limit", args->facet_limit, "Values shown per facet")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--collapse", args->collapse, "Show near-duplicate articles once, with a count");
  cmd->add_flag("--explain", args->explain, "Show how the query was understood");
  cmd->add_option("--entity-boost", args->entity_boost,
                  "Entity names in plain query text add to the score (docs/QUERY.md)")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  cmd->add_flag("--phrase-boost", args->phrase_boost,
                "With --entity-boost on: multi-word expressions (\"interest rates\") add their "
                "phrase; slower");
  cmd->add_flag("--no-snippets", args->no_snippets, "Do not compute snippets");
  cmd->add_flag("--no-suggest", args->no_suggest, "No \"did you mean\" suggestion");
  cmd->add_flag("--allow-partial", args->allow_partial,
                "Search the shards that answer when remote shards do not (docs/SCALE.md)");
  cmd->add_option("--queries", args->queries,
                  "Run every query of FILE (qid<TAB>query lines); with --format trec, a TREC run");
  cmd->add_option("--run-tag", args->run_tag, "Run tag of --format trec (default newsdex)");
  cmd->add_flag("--all", args->all,
                "Every match, unranked, streamed (with --format ids or jsonl; docs/QUERY.md)");
  cmd->callback([&run, args, cmd] {
    append_query_words(*cmd, args->words);
    if (args->words.empty() && args->queries.empty())
      throw CLI::ValidationError("query", "a query is required");
    if (!args->words.empty() && !args->queries.empty())
      throw CLI::ValidationError("query", "give either a query or --queries FILE, not both");
    if (args->all) {
      // Streaming takes what needs no whole result set: the other options would need one.
      if (args->format != "ids" && args->format != "jsonl")
        throw CLI::ValidationError("--all", "streams --format ids or jsonl only");
      for (const char* option :
           {"--queries", "--limit", "--offset", "--facet", "--facet-limit", "--collapse",
            "--expand", "--recent", "--recent-from", "--recent-weight", "--sort", "--explain"})
        if (cmd->count(option) > 0)
          throw CLI::ValidationError("--all", std::string("cannot be combined with ") + option);
    }
    run = [args] {
      // Not an error (scripts may pass both), but never silently ignored; warned once logging
      // goes to stderr.
      if (args->phrase_boost && args->entity_boost == "off")
        spdlog::warn("--phrase-boost does nothing with --entity-boost off");
      return run_search(*args);
    };
  });
}

} // namespace newsdex::cli
