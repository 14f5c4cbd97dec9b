#include "ingest/json_article.hpp"

#include <simdjson.h>

#include <array>
#include <cctype>
#include <cstdio>

namespace newsdex::detail {
namespace {

struct FieldNames {
  std::string_view field;
  std::array<std::string_view, 6> names;
};

// Common names for each field in scraper and API dumps, first match wins.
constexpr std::array<FieldNames, 9> known_fields{{
    {"id", {"id", "_id", "guid", "uuid", "doc_id", "docid"}},
    {"title", {"title", "headline", "name", "", "", ""}},
    {"body", {"body", "text", "content", "article", "story", "description"}},
    {"date", {"date", "published", "published_at", "pubdate", "datetime", "timestamp"}},
    {"source", {"source", "site", "publisher", "outlet", "source_name", ""}},
    {"url", {"url", "link", "href", "canonical_url", "", ""}},
    {"language", {"lang", "language", "", "", "", ""}},
    {"author", {"author", "byline", "authors", "creator", "", ""}},
    {"place", {"place", "dateline", "", "", "", ""}},
}};

std::string* slot(Article& a, std::string_view field) {
  if (field == "id") return &a.id;
  if (field == "title") return &a.title;
  if (field == "body") return &a.body;
  if (field == "date") return &a.date;
  if (field == "source") return &a.source;
  if (field == "url") return &a.url;
  if (field == "language") return &a.language;
  if (field == "author") return &a.author;
  if (field == "place") return &a.place;
  return nullptr;
}

// Which of our fields a key feeds, and how strongly (lower wins when two keys feed one field).
std::pair<std::string*, int>
target(Article& a, std::string_view key,
       const std::vector<std::pair<std::string, std::string>>& mapping) {
  for (const auto& [ours, theirs] : mapping)
    if (key == theirs) return {slot(a, ours), 0};
  for (const auto& f : known_fields) {
    bool overridden = false;
    for (const auto& [ours, theirs] : mapping) overridden |= ours == f.field;
    if (overridden) continue;
    for (std::size_t i = 0; i < f.names.size(); ++i)
      if (!f.names[i].empty() && key == f.names[i])
        return {slot(a, f.field), static_cast<int>(i) + 1};
  }
  return {nullptr, 0};
}

simdjson::error_code read_value(simdjson::ondemand::value v, std::string& out) {
  simdjson::ondemand::json_type type;
  if (auto e = v.type().get(type)) return e;
  switch (type) {
  case simdjson::ondemand::json_type::string: {
    std::string_view s;
    if (auto e = v.get_string().get(s)) return e;
    out.assign(s);
    return simdjson::SUCCESS;
  }
  case simdjson::ondemand::json_type::number:
  case simdjson::ondemand::json_type::boolean: {
    std::string_view raw = v.raw_json_token();
    while (!raw.empty() &&
           (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\t' || raw.back() == '\r'))
      raw.remove_suffix(1);
    out.assign(raw);
    return simdjson::SUCCESS;
  }
  case simdjson::ondemand::json_type::object: { // {"name": "Reuters"}
    simdjson::ondemand::object o;
    if (auto e = v.get_object().get(o)) return e;
    for (auto field : o) {
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (key == "name" || key == "title") {
        if (auto e = read_value(field.value(), out)) return e;
      }
    }
    return simdjson::SUCCESS;
  }
  case simdjson::ondemand::json_type::array: { // ["A. Writer", "B. Writer"]
    simdjson::ondemand::array arr;
    if (auto e = v.get_array().get(arr)) return e;
    std::string item;
    for (auto element : arr) {
      simdjson::ondemand::value ev;
      if (auto e = element.get(ev)) return e;
      item.clear();
      if (auto e = read_value(ev, item)) return e;
      if (item.empty()) continue;
      if (!out.empty()) out += ", ";
      out += item;
    }
    return simdjson::SUCCESS;
  }
  case simdjson::ondemand::json_type::null:
    return simdjson::SUCCESS;
  }
  return simdjson::SUCCESS;
}

simdjson::error_code skip_value(simdjson::ondemand::value v);

// An array of strings (anything else in it is skipped, but still walked for syntax errors).
simdjson::error_code read_headings(simdjson::ondemand::value v, std::vector<std::string>& out) {
  simdjson::ondemand::json_type type;
  if (auto e = v.type().get(type)) return e;
  if (type != simdjson::ondemand::json_type::array) return skip_value(v);
  simdjson::ondemand::array arr;
  if (auto e = v.get_array().get(arr)) return e;
  for (auto element : arr) {
    simdjson::ondemand::value ev;
    if (auto e = element.get(ev)) return e;
    std::string item;
    if (auto e = read_value(ev, item)) return e;
    if (!item.empty()) out.push_back(std::move(item));
  }
  return simdjson::SUCCESS;
}

// Walks a value we do not use, so that malformed JSON anywhere on the line is still reported.
simdjson::error_code skip_value(simdjson::ondemand::value v) {
  simdjson::ondemand::json_type type;
  if (auto e = v.type().get(type)) return e;
  std::string_view raw;
  if (type == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object o;
    if (auto e = v.get_object().get(o)) return e;
    return o.raw_json().get(raw);
  }
  if (type == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array a;
    if (auto e = v.get_array().get(a)) return e;
    return a.raw_json().get(raw);
  }
  raw = v.raw_json_token();
  return simdjson::SUCCESS;
}

// A strict JSON syntax check that only finds where the first fault is, so that an error names the
// exact column even when simdjson's structural pass cannot say (an unclosed string, say).
class SyntaxCheck {
public:
  explicit SyntaxCheck(std::string_view t) : t_(t) {}
  // Offset of the first fault, or npos if `t` is one valid JSON value.
  std::size_t fault() {
    space();
    if (!value(0)) return p_;
    space();
    return p_ < t_.size() ? p_ : std::string_view::npos;
  }

private:
  void space() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r'))
      ++p_;
  }
  bool eat(char c) {
    if (p_ < t_.size() && t_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (t_.substr(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }
  bool digits() {
    const std::size_t start = p_;
    while (p_ < t_.size() && t_[p_] >= '0' && t_[p_] <= '9') ++p_;
    return p_ > start;
  }
  bool number() {
    eat('-');
    if (!eat('0') && !digits()) return false;
    if (eat('.') && !digits()) return false;
    if (p_ < t_.size() && (t_[p_] == 'e' || t_[p_] == 'E')) {
      ++p_;
      if (!eat('+')) eat('-');
      if (!digits()) return false;
    }
    return true;
  }
  bool string() {
    if (!eat('"')) return false;
    while (p_ < t_.size()) {
      const auto c = static_cast<unsigned char>(t_[p_]);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return false; // control characters must be escaped
      if (c == '\\') {
        ++p_;
        if (p_ >= t_.size()) return false;
        const char e = t_[p_];
        if (e == 'u') {
          for (int i = 1; i <= 4; ++i)
            if (p_ + i >= t_.size() || !std::isxdigit(static_cast<unsigned char>(t_[p_ + i]))) {
              p_ += static_cast<std::size_t>(i);
              return false;
            }
          p_ += 4;
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return false;
        }
      }
      ++p_;
    }
    return false;
  }
  bool value(int depth) {
    if (depth > 256 || p_ >= t_.size()) return false;
    switch (t_[p_]) {
    case '{':
      ++p_;
      space();
      if (eat('}')) return true;
      for (;;) {
        space();
        if (!string()) return false;
        space();
        if (!eat(':')) return false;
        space();
        if (!value(depth + 1)) return false;
        space();
        if (eat('}')) return true;
        if (!eat(',')) return false;
      }
    case '[':
      ++p_;
      space();
      if (eat(']')) return true;
      for (;;) {
        space();
        if (!value(depth + 1)) return false;
        space();
        if (eat(']')) return true;
        if (!eat(',')) return false;
      }
    case '"':
      return string();
    case 't':
      return literal("true");
    case 'f':
      return literal("false");
    case 'n':
      return literal("null");
    default:
      return number();
    }
  }

  std::string_view t_;
  std::size_t p_ = 0;
};

} // namespace

std::size_t json_value_end(std::string_view t, std::size_t from) {
  int depth = 0;
  for (std::size_t p = from; p < t.size(); ++p) {
    const char c = t[p];
    if (c == '"') {
      // Most of an article's bytes are inside strings: jump from quote to quote (memchr), and
      // take a quote as the string's end when an even number of backslashes precede it.
      std::size_t q = p;
      for (;;) {
        q = t.find('"', q + 1);
        if (q == std::string_view::npos) return q;
        std::size_t backslashes = 0;
        while (t[q - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) break;
      }
      p = q;
      if (depth == 0) return p + 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return p; // an enclosing array's ']' ends a scalar
      if (--depth == 0) return p + 1;
    } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      return p;
    }
  }
  return depth > 0 ? std::string_view::npos : t.size();
}

bool parse_json_article(std::string_view json,
                        const std::vector<std::pair<std::string, std::string>>& mapping,
                        Article& out, std::string& error, std::size_t& column) {
  thread_local simdjson::ondemand::parser parser;
  // Content after the object is reported where it starts (simdjson would only say "ended early").
  const std::size_t first = json.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && json[first] == '{') {
    const std::size_t end = json_value_end(json, first);
    const std::size_t rest =
        end == std::string_view::npos ? end : json.find_first_not_of(" \t\r\n", end);
    if (rest != std::string_view::npos) {
      error = "unexpected content after the object";
      column = rest + 1;
      return false;
    }
  }
  simdjson::padded_string padded(json);
  simdjson::ondemand::document doc;
  // The column of a fault is found by the strict check (simdjson's location is only a fallback).
  auto fail = [&](simdjson::error_code e) {
    const std::size_t fault = SyntaxCheck(json).fault();
    if (fault == std::string_view::npos) {
      error = simdjson::error_message(e);
    } else if (fault >= json.size()) {
      error = "the record ends inside a value";
    } else {
      const auto c = static_cast<unsigned char>(json[fault]);
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      error = c > 0x20 && c < 0x7F ? std::string("unexpected '") + json[fault] + "'"
                                   : std::string("unexpected byte ") + hex;
    }
    const char* at = nullptr;
    column = fault != std::string_view::npos ? fault + 1
             : doc.current_location().get(at) == simdjson::SUCCESS && at
                 ? static_cast<std::size_t>(at - padded.data()) + 1
                 : json.size() + 1;
    return false;
  };
  if (auto e = parser.iterate(padded).get(doc)) return fail(e);
  simdjson::ondemand::object obj;
  if (auto e = doc.get_object().get(obj)) {
    if (e != simdjson::INCORRECT_TYPE) return fail(e);
    error = "expected an object";
    column = json.find_first_not_of(" \t\r\n") + 1;
    return false;
  }
  std::array<int, known_fields.size()> best{};
  best.fill(1 << 20);
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return fail(e);
    auto [dest, rank] = target(out, key, mapping);
    simdjson::ondemand::value v;
    if (auto e = field.value().get(v)) return fail(e);
    if (key == "headings") { // ["Lessons From the Front", ...], as `newsdex export` writes them
      if (auto e = read_headings(v, out.headings)) return fail(e);
      continue;
    }
    if (!dest) {
      // Still walk the value so that malformed JSON anywhere on the line is reported.
      if (auto e = skip_value(v)) return fail(e);
      continue;
    }
    std::size_t index = 0;
    while (index < known_fields.size() && slot(out, known_fields[index].field) != dest) ++index;
    std::string value;
    if (auto e = read_value(v, value)) return fail(e);
    if (index < best.size() && rank < best[index] && !value.empty()) {
      best[index] = rank;
      *dest = std::move(value);
    }
  }
  const char* at = nullptr;
  if (doc.current_location().get(at) == simdjson::SUCCESS && at) {
    auto offset = static_cast<std::size_t>(at - padded.data());
    std::size_t rest = json.find_first_not_of(" \t\r\n", offset);
    if (rest != std::string_view::npos) {
      error = "unexpected content after the object";
      column = rest + 1;
      return false;
    }
  }
  return true;
}

} // namespace newsdex::detail
