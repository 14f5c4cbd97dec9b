#include "storage/partitions.hpp"

#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include "common/hash.hpp"
#include "common/log.hpp"
#include "storage/collection.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace newsdex::detail {
namespace {

namespace fs = std::filesystem;

// Howard Hinnant's civil calendar algorithms (proleptic Gregorian, any year).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

struct Civil {
  long year;
  unsigned month, day;
};

Civil civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "YYYY" or "YYYY-MM" as the scheme wants: the year and month (1 for a year).
std::optional<std::pair<long, unsigned>> parse_period(std::string_view p, PartitionScheme scheme) {
  if (scheme == PartitionScheme::year) {
    if (p.size() != 4 || !digits(p)) return std::nullopt;
    return std::pair<long, unsigned>{std::stol(std::string(p)), 1};
  }
  if (scheme != PartitionScheme::month || p.size() != 7 || p[4] != '-' || !digits(p.substr(0, 4)) ||
      !digits(p.substr(5, 2)))
    return std::nullopt;
  const auto month = static_cast<unsigned>(std::stoul(std::string(p.substr(5, 2))));
  if (month < 1 || month > 12) return std::nullopt;
  return std::pair<long, unsigned>{std::stol(std::string(p.substr(0, 4))), month};
}

// Xapian's Query::get_description() writes a value's bytes with \xHH for the unprintable ones
// (and the backslash); spaces stay as they are.
std::optional<std::string> unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (i + 3 >= s.size() || s[i + 1] != 'x') return std::nullopt;
    const std::string hex(s.substr(i + 2, 2));
    if (hex.size() != 2 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
      return std::nullopt;
    out += static_cast<char>(std::stoul(hex, nullptr, 16));
    i += 3;
  }
  return out;
}

// The bounds of a value-range leaf on the date slot, read back from its description. Xapian 1.4
// has no accessor for a value range's slot and limits; the description is "Query(VALUE_RANGE
// SLOT LO HI)" (VALUE_GE / VALUE_LE: one limit), whose values may hold spaces, so every split is
// tried and kept only when a query built from it describes itself identically. Anything else:
// std::nullopt (the caller then treats the query as unlimited).
std::optional<DateBounds> value_leaf_bounds(const Xapian::Query& q) {
  using Q = Xapian::Query;
  const std::string desc = q.get_description();
  const auto op = q.get_type();
  const char* name = op == Q::OP_VALUE_RANGE ? "VALUE_RANGE"
                     : op == Q::OP_VALUE_GE  ? "VALUE_GE"
                                             : "VALUE_LE";
  const std::string head =
      std::string("Query(") + name + " " + std::to_string(schema::date_slot) + " ";
  if (desc.size() < head.size() + 1 || desc.compare(0, head.size(), head) != 0 ||
      desc.back() != ')')
    return std::nullopt; // another slot: no limit on dates
  const std::string_view body(desc.data() + head.size(), desc.size() - head.size() - 1);
  const auto day = [](const std::string& v) { return Xapian::sortable_unserialise(v); };
  DateBounds b;
  b.limited = true;
  if (op != Q::OP_VALUE_RANGE) {
    auto v = unescape(body);
    if (!v || Q(op, schema::date_slot, *v).get_description() != desc) return std::nullopt;
    b.first = op == Q::OP_VALUE_GE ? day(*v) : -std::numeric_limits<double>::infinity();
    b.last = op == Q::OP_VALUE_LE ? day(*v) : std::numeric_limits<double>::infinity();
    return b;
  }
  for (std::size_t space = body.find(' '); space != std::string_view::npos;
       space = body.find(' ', space + 1)) {
    auto lo = unescape(body.substr(0, space));
    auto hi = unescape(body.substr(space + 1));
    if (!lo || !hi || Q(op, schema::date_slot, *lo, *hi).get_description() != desc) continue;
    b.first = day(*lo);
    b.last = day(*hi);
    return b;
  }
  return std::nullopt;
}

DateBounds unlimited() {
  return {};
}

DateBounds intersect(const DateBounds& a, const DateBounds& b) {
  if (!a.limited) return b;
  if (!b.limited) return a;
  return {true, std::max(a.first, b.first), std::min(a.last, b.last)};
}

DateBounds hull(const DateBounds& a, const DateBounds& b) {
  if (!a.limited || !b.limited) return unlimited();
  return {true, std::min(a.first, b.first), std::max(a.last, b.last)};
}

} // namespace

std::optional<PartitionScheme> partition_scheme_from_string(std::string_view name) {
  if (name.empty() || name == "none") return PartitionScheme::none;
  if (name == "month") return PartitionScheme::month;
  if (name == "year") return PartitionScheme::year;
  return std::nullopt;
}

std::string_view to_string(PartitionScheme scheme) {
  switch (scheme) {
  case PartitionScheme::month:
    return "month";
  case PartitionScheme::year:
    return "year";
  case PartitionScheme::none:
    break;
  }
  return "none";
}

std::string date_of_day(long days) {
  const Civil c = civil_from_days(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

std::optional<long> day_of_date_value(const std::string& value) {
  if (value.empty()) return std::nullopt;
  const double d = Xapian::sortable_unserialise(value);
  // Days of years 0..9999 and nothing else: a value no date the ingestion accepts would give.
  if (!std::isfinite(d) || d != std::floor(d) || d < -719528 || d > 2932896) return std::nullopt;
  return static_cast<long>(d);
}

std::string period_of_day(std::optional<long> days, PartitionScheme scheme) {
  if (!days || scheme == PartitionScheme::none) return std::string(undated_period);
  const Civil c = civil_from_days(*days);
  if (c.year < 0 || c.year > 9999) return std::string(undated_period);
  char buf[16];
  if (scheme == PartitionScheme::year)
    std::snprintf(buf, sizeof buf, "%04ld", c.year);
  else
    std::snprintf(buf, sizeof buf, "%04ld-%02u", c.year, c.month);
  return buf;
}

std::string period_of_date(std::string_view iso, PartitionScheme scheme) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(iso.substr(0, 4)) ||
      !digits(iso.substr(5, 2)) || !digits(iso.substr(8, 2)))
    return std::string(undated_period);
  const long y = std::stol(std::string(iso.substr(0, 4)));
  const auto m = static_cast<unsigned>(std::stoul(std::string(iso.substr(5, 2))));
  const auto d = static_cast<unsigned>(std::stoul(std::string(iso.substr(8, 2))));
  if (m < 1 || m > 12 || d < 1) return std::string(undated_period);
  const long day = days_from_civil(y, m, d);
  const Civil back = civil_from_days(day);
  if (back.month != m || back.day != d) return std::string(undated_period); // 1987-02-30
  return period_of_day(day, scheme);
}

std::optional<std::pair<long, long>> period_days(std::string_view period, PartitionScheme scheme) {
  const auto p = parse_period(period, scheme);
  if (!p) return std::nullopt;
  const auto [year, month] = *p;
  const long first = days_from_civil(year, month, 1);
  long next = 0;
  if (scheme == PartitionScheme::year)
    next = days_from_civil(year + 1, 1, 1);
  else
    next = month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, month + 1, 1);
  return std::pair<long, long>{first, next - 1};
}

bool valid_period(std::string_view period, PartitionScheme scheme) {
  return period == undated_period || parse_period(period, scheme).has_value();
}

bool period_before(std::string_view a, std::string_view b) {
  if (a == b) return false;
  if (a == undated_period) return true;
  if (b == undated_period) return false;
  return a < b; // "YYYY" and "YYYY-MM" sort by time as text
}

PartitionKey partition_of(std::string_view id, std::optional<long> days, PartitionScheme scheme,
                          unsigned shards_per_period) {
  return {period_of_day(days, scheme), shard_of(id, shards_per_period)};
}

DateBounds date_bounds(const Xapian::Query& q) {
  using Q = Xapian::Query;
  const auto op = q.get_type();
  switch (op) {
  case Q::OP_VALUE_RANGE:
  case Q::OP_VALUE_GE:
  case Q::OP_VALUE_LE:
    return value_leaf_bounds(q).value_or(unlimited());
  case Q::LEAF_MATCH_NOTHING:
    return {true, 1, 0}; // matches nothing: no period
  case Q::OP_AND:
  case Q::OP_FILTER:
  case Q::OP_NEAR:
  case Q::OP_PHRASE: { // every part must match
    DateBounds b = unlimited();
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
      b = intersect(b, date_bounds(q.get_subquery(i)));
    return b;
  }
  case Q::OP_AND_NOT:
  case Q::OP_AND_MAYBE:
  case Q::OP_SCALE_WEIGHT: // the first part decides what matches
    return q.get_num_subqueries() == 0 ? unlimited() : date_bounds(q.get_subquery(0));
  case Q::OP_OR:
  case Q::OP_XOR:
  case Q::OP_SYNONYM:
  case Q::OP_MAX:
  case Q::OP_ELITE_SET: { // any part alone matches
    if (q.get_num_subqueries() == 0) return unlimited();
    DateBounds b = date_bounds(q.get_subquery(0));
    for (std::size_t i = 1; i < q.get_num_subqueries(); ++i)
      b = hull(b, date_bounds(q.get_subquery(i)));
    return b;
  }
  default: // terms, MatchAll, wildcards, posting sources, what a later Xapian adds
    return unlimited();
  }
}

bool period_can_match(std::string_view period, PartitionScheme scheme, const DateBounds& b) {
  if (!b.limited) return true;
  const auto days = period_days(period, scheme);
  if (!days) return false; // undated: a date range never matches an article without a date
  return static_cast<double>(days->first) <= b.last && b.first <= static_cast<double>(days->second);
}

std::string partition_shard_path(const std::string& path, unsigned generation,
                                 std::string_view period, unsigned shard) {
  return generations_dir(path) + "/g" + std::to_string(generation) + "/" + std::string(period) +
         "/s" + std::to_string(shard);
}

void publish_partitioned_stub(const std::string& path, PartitionScheme scheme,
                              unsigned shards_per_period, const std::vector<std::string>& shards) {
  const std::string gens = generations_dir(path);
  const std::string dir = fs::path(gens).filename().string();
  std::ostringstream s;
  s << "# newsdex collection (a Xapian stub database file): " << shards.size()
    << " shard(s), partitioned by " << to_string(scheme) << ": documents routed by date to "
    << "their period, then by fnv1a64(id) mod " << shards_per_period << "\n";
  s << "# newsdex.shards " << shards.size() << "\n";
  s << partition_line << to_string(scheme) << " " << shards_per_period << "\n";
  for (const auto& shard : shards) {
    if (shard.compare(0, gens.size() + 1, gens + "/") != 0)
      throw Error(Error::Code::internal, "a shard outside the collection's directory",
                  {shard, 0, 0});
    s << "auto " << dir << shard.substr(gens.size()) << "\n";
  }
  write_stub(path, s.str());
}

void mark_compacted(const std::string& shard, std::uint64_t revision) {
  const std::string file = shard + "/" + std::string(compact_marker);
  std::ofstream out(file, std::ios::trunc);
  out << revision << "\n";
  out.close();
  if (!out) throw Error(Error::Code::io, "cannot record the compacted revision", {file, 0, 0});
}

bool still_compacted(const std::string& shard, std::uint64_t revision) {
  std::ifstream in(shard + "/" + std::string(compact_marker));
  std::uint64_t recorded = 0;
  return static_cast<bool>(in >> recorded) && recorded == revision;
}

void allow_open_shards(std::size_t shards) {
  const rlim_t wanted = static_cast<rlim_t>(shards * descriptors_per_shard + 64);
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= wanted) return;
  const rlim_t raised = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
  if (raised <= limit.rlim_cur) {
    log(LogLevel::warning, std::to_string(shards) + " shards may need " + std::to_string(wanted) +
                               " open files, more than the limit of " +
                               std::to_string(limit.rlim_cur) + " (ulimit -n; docs/SCALE.md)");
    return;
  }
  const rlim_t before = limit.rlim_cur;
  limit.rlim_cur = raised;
  if (::setrlimit(RLIMIT_NOFILE, &limit) == 0)
    log(LogLevel::info, "open files limit raised from " + std::to_string(before) + " to " +
                            std::to_string(raised) + " for " + std::to_string(shards) + " shards");
}

void throw_if_out_of_files(const Xapian::Error& e, const std::string& path, std::size_t shards) {
  const char* why = e.get_error_string();
  if (why == nullptr || std::strcmp(why, std::strerror(EMFILE)) != 0) return;
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  throw Error(Error::Code::database,
              "too many open files: the collection's " + std::to_string(shards) +
                  " shards need about " + std::to_string(shards * descriptors_per_shard) +
                  ", the limit is " + std::to_string(limit.rlim_cur) +
                  " (raise the hard limit, ulimit -Hn; docs/SCALE.md \"Time partitions\")",
              {path, 0, 0});
}

} // namespace newsdex::detail
