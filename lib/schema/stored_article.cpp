#include "schema/stored_article.hpp"

#include <newsdex/error.hpp>

namespace newsdex::detail {
namespace {

constexpr char format_v1 = '\x01';

void put(std::string& out, std::string_view field) {
  std::size_t n = field.size();
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
  out += field;
}

bool get(std::string_view& in, std::string& field) {
  std::size_t n = 0;
  int shift = 0;
  for (;;) {
    if (in.empty() || shift > 35) return false;
    auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    n |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) break;
    shift += 7;
  }
  if (n > in.size()) return false;
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

} // namespace newsdex::detail
