#include "ingest/json_article.hpp"

#include <simdjson.h>

#include <array>

namespace newsdex::detail {
namespace {

struct FieldNames {
  std::string_view field;
  std::array<std::string_view, 6> names;
};

// Common names for each field in scraper and API dumps, first match wins.
constexpr std::array<FieldNames, 8> known_fields{{
    {"id", {"id", "_id", "guid", "uuid", "doc_id", "docid"}},
    {"title", {"title", "headline", "name", "", "", ""}},
    {"body", {"body", "text", "content", "article", "story", "description"}},
    {"date", {"date", "published", "published_at", "pubdate", "datetime", "timestamp"}},
    {"source", {"source", "site", "publisher", "outlet", "source_name", ""}},
    {"url", {"url", "link", "href", "canonical_url", "", ""}},
    {"language", {"lang", "language", "", "", "", ""}},
    {"author", {"author", "byline", "authors", "creator", "", ""}},
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

} // namespace

bool parse_json_article(std::string_view json,
                        const std::vector<std::pair<std::string, std::string>>& mapping,
                        Article& out, std::string& error, std::size_t& column) {
  thread_local simdjson::ondemand::parser parser;
  simdjson::padded_string padded(json);
  simdjson::ondemand::document doc;
  auto fail = [&](simdjson::error_code e) {
    error = simdjson::error_message(e);
    const char* at = nullptr;
    column = doc.current_location().get(at) == simdjson::SUCCESS && at
                 ? static_cast<std::size_t>(at - padded.data()) + 1
                 : json.size() + 1;
    return false;
  };
  if (auto e = parser.iterate(padded).get(doc)) {
    error = simdjson::error_message(e);
    column = 1;
    return false;
  }
  simdjson::ondemand::object obj;
  if (auto e = doc.get_object().get(obj)) {
    error = "expected an object";
    column = 1;
    (void)e;
    return false;
  }
  std::array<int, 8> best{};
  best.fill(1 << 20);
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return fail(e);
    auto [dest, rank] = target(out, key, mapping);
    simdjson::ondemand::value v;
    if (auto e = field.value().get(v)) return fail(e);
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
