#include "ingest/date_parser.hpp"

#include <array>
#include <chrono>
#include <cstddef>

namespace newsdex::detail {
namespace {

namespace chr = std::chrono;

constexpr int kMinYear = 1000;
constexpr int kMaxYear = 2999;
constexpr int kMinutesPerDay = 24 * 60;

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return lower(c) >= 'a' && lower(c) <= 'z';
}

/// Length of the whitespace character at s[i]: ASCII whitespace, or the UTF-8 no-break space that
/// HTML's &nbsp; turns into. 0 if there is none.
std::size_t space_len(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') return 2;
  return 0;
}

std::string_view trim(std::string_view s) {
  while (std::size_t n = space_len(s, 0)) s.remove_prefix(n);
  while (!s.empty()) {
    if (space_len(s, s.size() - 1) == 1)
      s.remove_suffix(1);
    else if (s.size() >= 2 && space_len(s, s.size() - 2) == 2)
      s.remove_suffix(2);
    else
      break;
  }
  return s;
}

/// A read position in the (trimmed) text. Letters compare case-insensitively.
class Cursor {
public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool at_end() const { return i_ >= s_.size(); }
  char peek(std::size_t ahead = 0) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }
  std::size_t pos() const { return i_; }
  void seek(std::size_t pos) { i_ = pos; }

  /// Skips whitespace; true if there was any.
  bool skip_space() {
    const std::size_t start = i_;
    while (std::size_t n = space_len(s_, i_)) i_ += n;
    return i_ != start;
  }

  /// Consumes `c` (given in lower case) if it is next.
  bool eat(char c) {
    if (at_end() || lower(s_[i_]) != c) return false;
    ++i_;
    return true;
  }

  /// Number of consecutive digits from here.
  std::size_t digit_run() const {
    std::size_t n = 0;
    while (is_digit(peek(n))) ++n;
    return n;
  }

  /// Consumes exactly `n` digits, which the caller has checked are there.
  int take_digits(std::size_t n) {
    int value = 0;
    for (std::size_t k = 0; k < n; ++k) value = value * 10 + (s_[i_++] - '0');
    return value;
  }

  /// Consumes the whole run of digits here if its length is within [min, max].
  std::optional<int> number(std::size_t min, std::size_t max) {
    const std::size_t n = digit_run();
    if (n < min || n > max) return std::nullopt;
    return take_digits(n);
  }

  /// Consumes the run of letters here, lower-cased (empty if there is none).
  std::string word() {
    std::string out;
    while (is_alpha(peek())) out += lower(s_[i_++]);
    return out;
  }

private:
  std::string_view s_;
  std::size_t i_ = 0;
};

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

/// True if `w` is `name` or a prefix of it at least three letters long ("feb", "sept").
bool abbreviates(std::string_view w, std::string_view name) {
  return w.size() >= 3 && w.size() <= name.size() && name.substr(0, w.size()) == w;
}

/// 1-12 for an English month name or abbreviation, 0 otherwise.
int month_number(std::string_view w) {
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (abbreviates(w, kMonths[i])) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool is_weekday(std::string_view w) {
  for (std::string_view name : kWeekdays) {
    if (abbreviates(w, name)) return true;
  }
  return false;
}

/// Reads a month name with its optional abbreviation dot; 0 (position unchanged) if there is none.
int read_month(Cursor& c) {
  const std::size_t start = c.pos();
  const int month = month_number(c.word());
  if (month == 0) {
    c.seek(start);
    return 0;
  }
  c.eat('.');
  return month;
}

/// Skips an English ordinal suffix ("24th", "1st") if one follows the day number.
void skip_ordinal(Cursor& c) {
  static constexpr std::array<std::string_view, 4> kSuffixes = {"st", "nd", "rd", "th"};
  const std::size_t start = c.pos();
  const std::string w = c.word();
  for (std::string_view suffix : kSuffixes) {
    if (w == suffix) return;
  }
  c.seek(start);
}

/// Reads "am", "pm", "a.m." or "p.m."; returns 'a' or 'p', or 0 (position unchanged) if absent.
char read_meridiem(Cursor& c) {
  const std::size_t start = c.pos();
  char which = 0;
  if (c.eat('a'))
    which = 'a';
  else if (c.eat('p'))
    which = 'p';
  if (which != 0) {
    const bool dotted = c.eat('.');
    if (c.eat('m')) {
      if (dotted) c.eat('.');
      if (!is_alpha(c.peek())) return which;
    }
  }
  c.seek(start);
  return 0;
}

/// Reads a time zone: Z, +hh:mm, +hhmm, +hh, or a North American / UTC zone name. Returns its
/// offset from UTC in minutes, or nullopt (position unchanged) if there is no valid zone here.
std::optional<int> read_zone(Cursor& c) {
  const std::size_t start = c.pos();
  if (c.peek() == '+' || c.peek() == '-') {
    const int sign = c.peek() == '-' ? -1 : 1;
    c.seek(start + 1);
    int hours = 0;
    int minutes = 0;
    if (c.digit_run() == 4) {
      hours = c.take_digits(2);
      minutes = c.take_digits(2);
    } else if (c.digit_run() == 2) {
      hours = c.take_digits(2);
      if (c.eat(':')) {
        if (c.digit_run() != 2) {
          c.seek(start);
          return std::nullopt;
        }
        minutes = c.take_digits(2);
      }
    } else {
      c.seek(start);
      return std::nullopt;
    }
    if (hours > 23 || minutes > 59) {
      c.seek(start);
      return std::nullopt;
    }
    return sign * (hours * 60 + minutes);
  }
  struct Named {
    std::string_view name;
    int offset_hours;
  };
  static constexpr std::array<Named, 12> kZones = {{{"z", 0},
                                                    {"ut", 0},
                                                    {"utc", 0},
                                                    {"gmt", 0},
                                                    {"est", -5},
                                                    {"edt", -4},
                                                    {"cst", -6},
                                                    {"cdt", -5},
                                                    {"mst", -7},
                                                    {"mdt", -6},
                                                    {"pst", -8},
                                                    {"pdt", -7}}};
  const std::string w = c.word();
  for (const Named& zone : kZones) {
    if (w == zone.name) return zone.offset_hours * 60;
  }
  c.seek(start);
  return std::nullopt;
}

/// Reads a time of day and an optional zone through to the end of the text, and returns how many
/// days the UTC date is ahead of (or behind) the written one. `basic` also allows the ISO 8601
/// basic forms hhmm and hhmmss (used after a 'T').
std::optional<int> read_time_to_end(Cursor& c, bool basic) {
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool has_seconds = false;
  const std::size_t run = c.digit_run();
  if (basic && (run == 4 || run == 6)) {
    hour = c.take_digits(2);
    minute = c.take_digits(2);
    has_seconds = run == 6;
    if (has_seconds) second = c.take_digits(2);
  } else if (run == 1 || run == 2) {
    hour = c.take_digits(run);
    if (!c.eat(':') || c.digit_run() != 2) return std::nullopt;
    minute = c.take_digits(2);
    if (c.eat(':')) {
      if (c.digit_run() != 2) return std::nullopt;
      second = c.take_digits(2);
      has_seconds = true;
    }
  } else {
    return std::nullopt;
  }
  if (has_seconds && (c.eat('.') || c.eat(','))) {
    const std::size_t fraction = c.digit_run();
    if (fraction == 0) return std::nullopt;
    c.seek(c.pos() + fraction); // never moves the date
  }
  if (minute > 59 || second > 60) return std::nullopt; // 60: a leap second
  if (hour > 24 || (hour == 24 && (minute != 0 || second != 0))) return std::nullopt;

  c.skip_space();
  if (const char meridiem = read_meridiem(c)) {
    if (hour < 1 || hour > 12) return std::nullopt;
    hour = hour % 12 + (meridiem == 'p' ? 12 : 0);
    c.skip_space();
  }
  int offset = 0;
  if (const auto zone = read_zone(c)) {
    offset = *zone;
    c.skip_space();
  }
  if (c.eat('(')) { // RFC 2822 comment, e.g. "+0000 (UTC)"
    while (!c.at_end() && c.peek() != ')') c.seek(c.pos() + 1);
    if (!c.eat(')')) return std::nullopt;
    c.skip_space();
  }
  if (!c.at_end()) return std::nullopt;

  const int utc_minutes = hour * 60 + minute - offset; // within (-1 day, 2 days)
  return utc_minutes < 0 ? -1 : utc_minutes / kMinutesPerDay;
}

bool year_in_range(int year) {
  return year >= kMinYear && year <= kMaxYear;
}

std::string format_iso(int year, unsigned month, unsigned day) {
  std::string out = "0000-00-00";
  const auto digit = [](int v) { return static_cast<char>('0' + v % 10); };
  out[0] = digit(year / 1000);
  out[1] = digit(year / 100);
  out[2] = digit(year / 10);
  out[3] = digit(year);
  out[5] = digit(static_cast<int>(month / 10));
  out[6] = digit(static_cast<int>(month));
  out[8] = digit(static_cast<int>(day / 10));
  out[9] = digit(static_cast<int>(day));
  return out;
}

std::optional<ParsedDate> make_year(int year) {
  if (!year_in_range(year)) return std::nullopt;
  return ParsedDate{format_iso(year, 1, 1), DatePrecision::year};
}

std::optional<ParsedDate> make_month(int year, int month) {
  if (!year_in_range(year) || month < 1 || month > 12) return std::nullopt;
  return ParsedDate{format_iso(year, static_cast<unsigned>(month), 1), DatePrecision::month};
}

/// Validates the written date, then moves it by `shift` days (the time zone correction).
std::optional<ParsedDate> make_day(int year, int month, int day, int shift) {
  if (!year_in_range(year) || month < 1 || day < 1) return std::nullopt;
  chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                          chr::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  if (shift != 0) ymd = chr::year_month_day{chr::sys_days{ymd} + chr::days{shift}};
  const int utc_year = static_cast<int>(ymd.year());
  if (!year_in_range(utc_year)) return std::nullopt;
  return ParsedDate{
      format_iso(utc_year, static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())),
      DatePrecision::day};
}

/// After the day of an ISO date: the end, or 'T' / space and a time.
std::optional<ParsedDate> finish_iso_day(Cursor& c, int year, int month, int day) {
  int shift = 0;
  if (!c.at_end()) {
    std::optional<int> time;
    if (c.eat('t'))
      time = read_time_to_end(c, true);
    else if (c.skip_space())
      time = read_time_to_end(c, false);
    if (!time) return std::nullopt;
    shift = *time;
  }
  return make_day(year, month, day, shift);
}

/// After the year of a prose, RFC 2822 or Reuters date: the end, or [,] space and a time.
std::optional<ParsedDate> finish_prose_day(Cursor& c, int year, int month, int day) {
  int shift = 0;
  if (!c.at_end()) {
    c.eat(',');
    if (!c.skip_space()) return std::nullopt;
    const auto time = read_time_to_end(c, false);
    if (!time) return std::nullopt;
    shift = *time;
  }
  return make_day(year, month, day, shift);
}

/// 2025, 2025-02, 2025-02-13[T...], 2025/02/13[ ...].
std::optional<ParsedDate> parse_year_first(Cursor& c) {
  const int year = c.take_digits(4);
  if (c.at_end()) return make_year(year);
  const char sep = c.peek();
  if (sep != '-' && sep != '/') return std::nullopt;
  c.eat(sep);
  const auto month = c.number(1, 2);
  if (!month) return std::nullopt;
  if (c.at_end()) return make_month(year, *month);
  if (!c.eat(sep)) return std::nullopt;
  const auto day = c.number(1, 2);
  if (!day) return std::nullopt;
  return finish_iso_day(c, year, *month, *day);
}

/// 20250213[T140500Z].
std::optional<ParsedDate> parse_basic_iso(Cursor& c) {
  const int year = c.take_digits(4);
  const int month = c.take_digits(2);
  const int day = c.take_digits(2);
  return finish_iso_day(c, year, month, day);
}

/// 13 Feb 2025 [time], 24th February, 2022, 24 Feb. 2022, 26-FEB-1987 [time].
std::optional<ParsedDate> parse_day_first(Cursor& c) {
  const auto day = c.number(1, 2);
  if (!day) return std::nullopt;
  int month = 0;
  if (c.eat('-')) { // Reuters: 26-FEB-1987
    month = read_month(c);
    if (month == 0 || !c.eat('-')) return std::nullopt;
  } else {
    skip_ordinal(c);
    if (!c.skip_space()) return std::nullopt;
    month = read_month(c);
    if (month == 0) return std::nullopt;
    const bool comma = c.eat(',');
    if (!c.skip_space() && !comma) return std::nullopt;
  }
  const auto year = c.number(4, 4);
  if (!year) return std::nullopt;
  return finish_prose_day(c, *year, month, *day);
}

/// After the month name: "24, 2022 [time]", "24 2022", or "2025" (month precision unless a
/// weekday came first, which only makes sense with a day).
std::optional<ParsedDate> parse_after_month(Cursor& c, int month, bool need_day) {
  if (!c.skip_space()) return std::nullopt;
  const std::size_t run = c.digit_run();
  if (run == 4) {
    const int year = c.take_digits(4);
    if (need_day || !c.at_end()) return std::nullopt;
    return make_month(year, month);
  }
  if (run != 1 && run != 2) return std::nullopt;
  const int day = c.take_digits(run);
  skip_ordinal(c);
  const bool comma = c.eat(',');
  if (!c.skip_space() && !comma) return std::nullopt;
  const auto year = c.number(4, 4);
  if (!year) return std::nullopt;
  return finish_prose_day(c, *year, month, day);
}

/// Dates that start with a weekday or month name.
std::optional<ParsedDate> parse_named(Cursor& c) {
  const std::size_t start = c.pos();
  bool need_day = false;
  if (is_weekday(c.word())) {
    need_day = true;
    c.eat('.');
    c.eat(',');
    c.skip_space();
    if (is_digit(c.peek())) return parse_day_first(c);
  } else {
    c.seek(start);
  }
  const int month = read_month(c);
  if (month == 0) return std::nullopt;
  return parse_after_month(c, month, need_day);
}

} // namespace

std::optional<ParsedDate> parse_date(std::string_view text) {
  Cursor c(trim(text));
  if (is_alpha(c.peek())) return parse_named(c);
  switch (c.digit_run()) {
  case 1:
  case 2:
    return parse_day_first(c);
  case 4:
    return parse_year_first(c);
  case 8:
    return parse_basic_iso(c);
  default:
    return std::nullopt;
  }
}

std::optional<long> days_since_epoch(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  for (std::size_t i = 0; i < iso.size(); ++i) {
    if (i != 4 && i != 7 && !is_digit(iso[i])) return std::nullopt;
  }
  Cursor c(iso);
  const int year = c.take_digits(4);
  c.seek(5);
  const int month = c.take_digits(2);
  c.seek(8);
  const int day = c.take_digits(2);
  if (!year_in_range(year) || month < 1 || day < 1) return std::nullopt;
  const chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                                chr::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<long>(chr::sys_days{ymd}.time_since_epoch().count());
}

std::optional<DaySpan> day_span(const ParsedDate& date) {
  const std::optional<long> first = days_since_epoch(date.iso);
  if (!first) return std::nullopt;
  const chr::year_month_day ymd{chr::sys_days{chr::days{*first}}};
  chr::sys_days last{chr::days{*first}};
  if (date.precision == DatePrecision::month)
    last = chr::sys_days{chr::year_month_day_last{ymd.year(), chr::month_day_last{ymd.month()}}};
  else if (date.precision == DatePrecision::year)
    last = chr::sys_days{ymd.year() / chr::December / 31};
  return DaySpan{*first, static_cast<long>(last.time_since_epoch().count())};
}

} // namespace newsdex::detail
