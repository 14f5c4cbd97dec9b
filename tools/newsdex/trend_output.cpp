#include "trend_output.hpp"
#include "output_fields.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace newsdex::cli {
namespace {

// A share as a script reads it back: enough digits, no exponent for small ones.
std::string share_text(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", share);
  return buf;
}

std::string percent_text(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%5.1f%%", share * 100);
  return buf;
}

// Display columns of UTF-8 text (code points; labels and counts are ASCII, queries may not be).
std::size_t columns_of(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string padded_left(const std::string& s, std::size_t width) {
  const std::size_t w = columns_of(s);
  return w >= width ? s : std::string(width - w, ' ') + s;
}

std::string padded_right(const std::string& s, std::size_t width) {
  const std::size_t w = columns_of(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

// A bar of `value / top` of `cells` columns. Unicode: whole blocks and one of the seven eighths;
// ASCII: '#' per whole cell, rounded. A value above zero always shows, however small.
std::string bar(double value, double top, std::size_t cells, bool unicode) {
  if (!(value > 0) || !(top > 0)) return "";
  static constexpr std::string_view eighths[] = {"▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  const double fraction = std::min(1.0, value / top);
  if (!unicode) {
    auto n = static_cast<std::size_t>(std::lround(fraction * static_cast<double>(cells)));
    return std::string(std::max<std::size_t>(n, 1), '#');
  }
  auto n = static_cast<std::size_t>(std::lround(fraction * static_cast<double>(cells) * 8));
  n = std::max<std::size_t>(n, 1);
  std::string out;
  for (std::size_t i = 0; i < n / 8; ++i) out += "█";
  if (n % 8 != 0) out += eighths[n % 8 - 1];
  return out;
}

std::string plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

} // namespace

nlohmann::ordered_json trend_json(const std::string& db, const TrendRequest& request,
                                  const TrendResults& results) {
  nlohmann::ordered_json j;
  j["format_version"] = 1;
  j["database"] = db;
  j["bucket"] = std::string(to_string(results.bucket));
  j["from"] = or_null(request.from);
  j["to"] = or_null(request.to);
  j["share"] = results.share;
  nlohmann::ordered_json periods = nlohmann::ordered_json::array();
  for (const TrendPeriod& p : results.periods) {
    nlohmann::ordered_json period;
    period["period"] = p.label;
    period["first_day"] = p.first_day;
    period["last_day"] = p.last_day;
    if (results.share) period["total"] = p.total;
    periods.push_back(std::move(period));
  }
  j["periods"] = std::move(periods);
  nlohmann::ordered_json series = nlohmann::ordered_json::array();
  for (const TrendSeries& s : results.series) {
    nlohmann::ordered_json one;
    one["query"] = s.query;
    one["matches"] = s.dated();
    one["undated"] = s.undated;
    one["outside"] = s.outside;
    one["counts"] = s.counts;
    if (results.share) one["shares"] = s.shares;
    nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
    for (const QueryWarning& w : s.warnings)
      warnings.push_back({{"column", w.column}, {"message", w.message}});
    one["warnings"] = std::move(warnings);
    series.push_back(std::move(one));
  }
  j["series"] = std::move(series);
  return j;
}

std::string trend_csv(const TrendResults& results) {
  std::string out = "period,query,count,total,share\n";
  for (std::size_t i = 0; i < results.periods.size(); ++i)
    for (const TrendSeries& s : results.series) {
      out += csv_field(results.periods[i].label) + ',' + csv_field(s.query) + ',' +
             std::to_string(s.counts[i]) + ',';
      if (results.share)
        out += std::to_string(results.periods[i].total) + ',' + share_text(s.shares[i]);
      else
        out += ',';
      out += '\n';
    }
  return out;
}

std::string trend_chart(const TrendResults& results, const ChartStyle& style) {
  // Colours of the series, in turn: cyan, magenta, yellow, green, blue, red.
  static constexpr const char* colours[] = {"\033[36m", "\033[35m", "\033[33m",
                                            "\033[32m", "\033[34m", "\033[31m"};
  const char* bold = style.colour ? "\033[1m" : "";
  const char* dim = style.colour ? "\033[2m" : "";
  const char* reset = style.colour ? "\033[0m" : "";

  // One scale for every series, so compared queries compare by the length of their bars.
  double top = 0;
  std::size_t count_width = 1, label_width = 4;
  for (const TrendPeriod& p : results.periods) label_width = std::max(label_width, p.label.size());
  for (const TrendSeries& s : results.series)
    for (std::size_t i = 0; i < s.counts.size(); ++i) {
      top = std::max(top, results.share ? s.shares[i] : static_cast<double>(s.counts[i]));
      count_width = std::max(count_width, std::to_string(s.counts[i]).size());
    }
  const std::size_t share_width = results.share ? 7 : 0; // " 66.7%" and a space
  const std::size_t used = label_width + 2 + count_width + 2 + share_width;
  const std::size_t cells = style.width > used + 10 ? style.width - used - 1 : 10;

  std::string out;
  for (std::size_t k = 0; k < results.series.size(); ++k) {
    const TrendSeries& s = results.series[k];
    const char* colour = style.colour ? colours[k % std::size(colours)] : "";
    if (k > 0) out += '\n';
    out += std::string(bold) + s.query + reset + dim + "  " +
           plural(s.dated(), "match", "matches") + " by " + std::string(to_string(results.bucket));
    if (!results.periods.empty())
      out += ", " + results.periods.front().label + " to " + results.periods.back().label;
    out += std::string(reset) + '\n';
    for (std::size_t i = 0; i < results.periods.size(); ++i) {
      out += padded_right(results.periods[i].label, label_width) + "  " +
             padded_left(std::to_string(s.counts[i]), count_width) + "  ";
      if (results.share) out += percent_text(s.shares[i]) + "  ";
      const std::string b = bar(results.share ? s.shares[i] : static_cast<double>(s.counts[i]), top,
                                cells, style.unicode);
      out += b.empty() ? std::string() : colour + b + reset;
      // No trailing blanks on a line without a bar.
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += '\n';
    }
    if (s.undated > 0)
      out += std::string(dim) + "undated: " + plural(s.undated, "match", "matches") +
             " without a date, in no period" + reset + '\n';
    if (s.outside > 0)
      out += std::string(dim) + "outside: " + plural(s.outside, "match", "matches") +
             " dated before --from or after --to" + reset + '\n';
  }
  return out;
}

std::size_t terminal_columns() {
  if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
    char* end = nullptr;
    const long n = std::strtol(columns, &end, 10);
    if (*end == '\0' && n >= 20 && n <= 1000) return static_cast<std::size_t>(n);
  }
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  return 80;
}

bool locale_is_utf8() {
  // POSIX precedence: LC_ALL overrides LC_CTYPE, which overrides LANG.
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (!value || !*value) continue;
    std::string v;
    for (const char* c = value; *c; ++c)
      if (*c != '-') v += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
    return v.find("utf8") != std::string::npos;
  }
  return false;
}

} // namespace newsdex::cli
