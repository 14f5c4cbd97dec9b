// What `newsdex trend` prints: the JSON document and the CSV for scripts, and the chart for a
// terminal. `newsdex serve` answers /api/trend with trend_json, so the server and the CLI cannot
// drift apart. The formats are documented in docs/TRENDS.md and docs/JSON.md.
#pragma once

#include <newsdex/searcher.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace newsdex::cli {

/// `newsdex trend --format json`: format_version, database, bucket, from, to (null when not
/// given), share, periods [{period, first_day, last_day[, total]}], series [{query, matches,
/// undated, outside, counts[, shares], warnings [{column, message}]}]; counts and shares are
/// aligned with periods; total and shares only with share.
nlohmann::ordered_json trend_json(const std::string& db, const TrendRequest& request,
                                  const TrendResults& results);

/// `newsdex trend --format csv`: header `period,query,count,total,share`, one row per period and
/// query (periods in order, queries in order within a period); total and share empty without
/// --share. Fields quoted as RFC 4180 says; lines end in '\n', as the other CSV newsdex prints
/// (`entities --graph`).
std::string trend_csv(const TrendResults& results);

/// How the chart is drawn.
struct ChartStyle {
  std::size_t width = 80; ///< columns of the terminal
  bool unicode = true;    ///< block eighths (▏…█); false: '#' for each whole cell
  bool colour = false;    ///< ANSI colour (use_colour(): a terminal and NO_COLOR unset)
};

/// The chart: per query a heading, then one line per period with its label, count (and share)
/// and a bar scaled to the largest value of all queries, so bars of compared queries compare;
/// then the undated matches and those outside --from/--to, each on a line apart.
std::string trend_chart(const TrendResults& results, const ChartStyle& style);

/// Columns of the terminal: $COLUMNS, else the width of the terminal on stdout, else 80.
std::size_t terminal_columns();

/// True when the locale's character type is UTF-8 (the first set of LC_ALL, LC_CTYPE, LANG names
/// UTF-8), so block characters can be drawn.
bool locale_is_utf8();

} // namespace newsdex::cli
