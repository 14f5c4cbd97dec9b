#include "schema/stored_article.hpp"

#include "schema/article_dictionary.hpp"

#include <newsdex/error.hpp>

#include <zlib.h>

#include <vector>

namespace newsdex::detail {
namespace {

constexpr char format_v1 = '\x01';
// A hit's summary: id, title, date, source, url and the entity names, so that a result page
// reads one value a hit (every value slot is a separate stream in glass: a second slot costs a
// second B-tree lookup, as much as the first).
constexpr char summary_v2 = '\x02';
// The document data: the id alone.
constexpr char id_v3 = '\x03';
// A deflated stored article (schema::article_slot): the encoded length, then raw deflate with
// article_dictionary_v1 as the preset dictionary. (Byte 4, deflate without it, was never
// released.)
constexpr char deflated_v5 = '\x05';
constexpr std::size_t max_deflate_ratio = 1032;

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

// One zlib stream a thread, reset between articles: a stream's set-up allocates a quarter of a
// megabyte, more than deflating a typical article costs.
struct Deflater {
  z_stream z{};
  bool ok = false;
  Deflater() {
    ok = deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~Deflater() {
    if (ok) deflateEnd(&z);
  }
};

struct Inflater {
  z_stream z{};
  bool ok = false;
  Inflater() { ok = inflateInit2(&z, -15) == Z_OK; }
  ~Inflater() {
    if (ok) inflateEnd(&z);
  }
};

} // namespace

std::string pack_stored_article(std::string_view encoded) {
  thread_local Deflater d;
  if (!d.ok || encoded.size() < 64 || encoded.size() > 0xffffffffU) return std::string(encoded);
  std::string out(1, deflated_v5);
  put_length(out, encoded.size());
  const std::size_t header = out.size();
  // Worth keeping only when smaller than the article itself.
  out.resize(encoded.size());
  deflateReset(&d.z);
  deflateSetDictionary(&d.z, reinterpret_cast<const Bytef*>(article_dictionary_v1.data()),
                       static_cast<uInt>(article_dictionary_v1.size()));
  d.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(encoded.data()));
  d.z.avail_in = static_cast<uInt>(encoded.size());
  d.z.next_out = reinterpret_cast<Bytef*>(out.data() + header);
  d.z.avail_out = static_cast<uInt>(out.size() - header);
  if (deflate(&d.z, Z_FINISH) != Z_STREAM_END) return std::string(encoded);
  out.resize(header + d.z.total_out);
  return out;
}

std::string unpack_stored_article(std::string_view packed) {
  if (packed.empty() || packed.front() != deflated_v5) return std::string(packed);
  packed.remove_prefix(1);
  std::size_t size = 0;
  // Deflate expands at most 1032-fold (a 258-byte match per two bits): a longer length is
  // damage, and believing it would allocate up to 4 GiB for a few bytes of data.
  if (!get_varint(packed, size) || size > (std::size_t{1} << 32) ||
      size / max_deflate_ratio > packed.size())
    throw Error(Error::Code::database_corrupt, "stored article has a bad length");
  thread_local Inflater i;
  if (!i.ok) throw Error(Error::Code::internal, "zlib could not start an inflate stream");
  std::string out(size, '\0');
  inflateReset(&i.z);
  inflateSetDictionary(&i.z, reinterpret_cast<const Bytef*>(article_dictionary_v1.data()),
                       static_cast<uInt>(article_dictionary_v1.size()));
  i.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  i.z.avail_in = static_cast<uInt>(packed.size());
  i.z.next_out = reinterpret_cast<Bytef*>(out.data());
  i.z.avail_out = static_cast<uInt>(out.size());
  if (inflate(&i.z, Z_FINISH) != Z_STREAM_END || i.z.total_out != size)
    throw Error(Error::Code::database_corrupt, "stored article does not inflate");
  return out;
}

std::string encode_document_data(std::string_view id) {
  std::string out(1, id_v3);
  out += id;
  return out;
}

std::optional<std::string> decode_document_data(std::string_view data) {
  if (data.empty() || data.front() != id_v3) return std::nullopt;
  return std::string(data.substr(1));
}

std::string encode_stored_article(const Article& a, StoredFields which) {
  std::string out(1, format_v1);
  out.reserve(a.body.size() + a.title.size() + 128);
  const bool all = which == StoredFields::all;
  for (const std::string* f : {&a.id, &a.title, &a.date, &a.source, &a.url})
    put(out, all ? std::string_view(*f) : std::string_view());
  for (const std::string* f : {&a.language, &a.author, &a.place, &a.body}) put(out, *f);
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
  // One heading a line. An empty line is no heading: encode_stored_article cannot write an empty
  // heading so that it reads back (a first one vanishes, a last one becomes the line's end), so
  // keeping some would make an article read, written and read again come out different.
  for (std::size_t start = 0; start < headings.size();) {
    auto nl = headings.find('\n', start);
    if (nl != start) a.headings.push_back(headings.substr(start, nl - start));
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
