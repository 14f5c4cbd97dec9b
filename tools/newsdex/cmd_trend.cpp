// newsdex trend: how often queries matched per day, week, month or year (Searcher::trend).
#include "cli.hpp"
#include "output_fields.hpp"
#include "trend_output.hpp"

#include <newsdex/searcher.hpp>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

namespace newsdex::cli {
namespace {

struct TrendArgs {
  std::string db;
  std::vector<std::string> words;
  std::vector<std::string> compare;
  std::string by = "month";
  std::string from, to;
  bool share = false;
  std::string format = "text";
  std::string match = "any";
  bool strict = false;
  std::string syntax = "on";
};

int run_trend(const TrendArgs& args) {
  TrendRequest req;
  req.queries.push_back(join_words(args.words));
  req.queries.insert(req.queries.end(), args.compare.begin(), args.compare.end());
  req.bucket = *trend_bucket_from_string(args.by);
  req.from = args.from;
  req.to = args.to;
  req.share = args.share;
  req.strict = args.strict;
  req.syntax = args.syntax != "off";
  req.match = args.match == "all" ? MatchMode::all : MatchMode::any;
  const std::string db = resolve_db(args.db);
  Searcher searcher(db);
  const TrendResults results = searcher.trend(req);
  for (const TrendSeries& s : results.series)
    for (const QueryWarning& w : s.warnings)
      spdlog::warn("query{}: {} at column {}",
                   results.series.size() > 1 ? " '" + s.query + "'" : "", w.message, w.column);
  if (args.format == "json")
    std::cout << json_text(trend_json(db, req, results), 2) << '\n';
  else if (args.format == "csv")
    std::cout << trend_csv(results);
  else
    std::cout << trend_chart(results, ChartStyle{.width = terminal_columns(),
                                                 .unicode = locale_is_utf8(),
                                                 .colour = use_colour()});
  std::cout.flush();
  return results.any_match() ? ok : nothing;
}

} // namespace

void add_trend_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<TrendArgs>();
  CLI::App* cmd = app.add_subcommand(
      "trend", "Count a query's matches per day, week, month or year (see docs/TRENDS.md)");
  // Words after the first may start with '-' (NATO -Russia) without needing "--".
  cmd->allow_extras();
  cmd->prefix_command(false);
  add_db_option(*cmd, args->db);
  cmd->add_option("query", args->words, "Query words, joined with spaces");
  cmd->add_option("--by", args->by, "Period: day, week (ISO 8601), month (default) or year")
      ->check(CLI::IsMember({"day", "week", "month", "year"}));
  cmd->add_option("--from", args->from,
                  "First day counted, inclusive (2025-02-13, 2025-02, 2025, \"24 June 2025\")");
  cmd->add_option("--to", args->to,
                  "Last day counted, inclusive (a month or a year: its last day)");
  cmd->add_flag("--share", args->share,
                "Also show each period's matches as a share of all its articles");
  cmd->add_option("--compare", args->compare, "Another query counted side by side (repeatable)");
  cmd->add_option("--format", args->format, "Output format: text (a chart), json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  add_query_language_options(*cmd, args->match, args->strict, args->syntax);
  cmd->callback([&run, args, cmd] {
    append_query_words(*cmd, args->words);
    if (args->words.empty()) throw CLI::ValidationError("query", "a query is required");
    run = [args] { return run_trend(*args); };
  });
}

} // namespace newsdex::cli
