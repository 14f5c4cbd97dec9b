#include "schema/stored_article.hpp"

#include <newsdex/error.hpp>

#include <vector>

namespace newsdex::detail {
namespace {

constexpr char format_v1 = '\x01';
// A hit's summary: id, title, date, source, url and the entity names, so that a result page
// reads one value a hit (every value slot is a separate stream in glass: a second slot costs a
// second B-tree lookup, as much as the first).
constexpr char summary_v2 = '\x02';

void put_length(std::string& out, std::size_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

void put(std::string& out, std::string_view field) {
  put_length(out, field.size());
  out += field;
}

bool get_varint(std::string_view& in, std::size_t& n) {
  n = 0;
  int shift = 0;
  for (;;) {
    if (in.empty() || shift > 35) return false;
    auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    n |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
    shift += 7;
  }
}

// The length of the next field, whose bytes then follow in `in`.
bool get_length(std::string_view& in, std::size_t& n) {
  return get_varint(in, n) && n <= in.size();
}

bool get(std::string_view& in, std::string& field) {
  std::size_t n = 0;
  if (!get_length(in, n)) return false;
  field.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

} // namespace

std::string encode_stored_article(const Article& a) {
  std::string out(1, format_v1);
  out.reserve(a.body.size() + a.title.size() + 128);
  for (const std::string* f :
       {&a.id, &a.title, &a.date, &a.source, &a.url, &a.language, &a.author, &a.place, &a.body})
    put(out, *f);
  std::string headings;
  for (const auto& h : a.headings) {
    if (!headings.empty()) headings += '\n';
    headings += h;
  }
  put(out, headings);
  return out;
}

Article decode_stored_article(std::string_view data) {
  Article a;
  if (data.empty() || data.front() != format_v1)
    throw Error(Error::Code::database_corrupt, "document data is not in newsdex's format");
  data.remove_prefix(1);
  std::string headings;
  bool ok = true;
  for (std::string* f : {&a.id, &a.title, &a.date, &a.source, &a.url, &a.language, &a.author,
                         &a.place, &a.body, &headings})
    ok = ok && get(data, *f);
  if (!ok) throw Error(Error::Code::database_corrupt, "document data is truncated");
  for (std::size_t start = 0; start < headings.size();) {
    auto nl = headings.find('\n', start);
    a.headings.push_back(headings.substr(start, nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return a;
}

std::string encode_summary(const Article& a, std::string_view entity_names) {
  std::string out(1, summary_v2);
  out.reserve(a.id.size() + a.title.size() + a.date.size() + a.source.size() + a.url.size() +
              entity_names.size() + 16);
  for (const std::string* f : {&a.id, &a.title, &a.date, &a.source, &a.url}) put(out, *f);
  // The names as a count and fields (not one '\n'-separated field): the reader reserves once and
  // never scans for separators.
  std::vector<std::string_view> names;
  for (std::string_view rest = entity_names; !rest.empty();) {
    std::size_t nl = rest.find('\n');
    if (nl != 0) names.push_back(rest.substr(0, nl));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  put_length(out, names.size());
  for (std::string_view n : names) put(out, n);
  return out;
}

StoredSummary decode_summary(std::string_view data) {
  StoredSummary s;
  if (!data.empty() && data.front() == format_v1) {
    Article a = decode_stored_article(data);
    s.id = std::move(a.id);
    s.title = std::move(a.title);
    s.date = std::move(a.date);
    s.source = std::move(a.source);
    s.url = std::move(a.url);
    return s;
  }
  if (data.empty() || data.front() != summary_v2)
    throw Error(Error::Code::database_corrupt, "hit summary is not in newsdex's format");
  data.remove_prefix(1);
  bool ok = true;
  for (std::string* f : {&s.id, &s.title, &s.date, &s.source, &s.url}) ok = ok && get(data, *f);
  std::size_t count = 0;
  ok = ok && get_varint(data, count) && count <= data.size();
  if (ok) s.entities.reserve(count);
  for (std::size_t i = 0; ok && i < count; ++i) {
    std::size_t n = 0;
    ok = get_length(data, n);
    if (!ok) break;
    s.entities.emplace_back(data.substr(0, n));
    data.remove_prefix(n);
  }
  if (!ok) throw Error(Error::Code::database_corrupt, "hit summary is truncated");
  s.has_entities = true;
  return s;
}

} // namespace newsdex::detail
