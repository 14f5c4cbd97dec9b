#include "schema/stored_article.hpp"

#include "schema/article_dictionary.hpp"

#include <newsdex/error.hpp>

#include <zlib.h>
#include <zstd.h>

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
// A stored article compressed with zstd at level 1 (schema version 3): the encoded length, then a
// zstd frame with article_dictionary_v1 as raw-content dictionary. Over reuters21578's articles
// zstd took 0.13 CPU s where deflate at level 6 took 0.53 (level 1: 0.40), for 11 % more bytes
// (9.4 against 8.5 MB), and it inflates in 0.05 s against 0.12 (docs/PERFORMANCE.md).
constexpr char zstd_v6 = '\x06';
constexpr int zstd_level = 1;
constexpr std::size_t max_zstd_ratio = 32768;

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

// The dictionary digested once for the process, and one context a thread: a context's set-up
// allocates more than compressing a typical article costs.
const ZSTD_CDict* compression_dictionary() {
  static const ZSTD_CDict* dict = ZSTD_createCDict(
      article_dictionary_v1.data(), article_dictionary_v1.size(), zstd_level); // never freed
  return dict;
}

const ZSTD_DDict* decompression_dictionary() {
  static const ZSTD_DDict* dict =
      ZSTD_createDDict(article_dictionary_v1.data(), article_dictionary_v1.size()); // never freed
  return dict;
}

struct ZstdContexts {
  ZSTD_CCtx* compress = ZSTD_createCCtx();
  ZSTD_DCtx* decompress = ZSTD_createDCtx();
  ~ZstdContexts() {
    ZSTD_freeCCtx(compress);
    ZSTD_freeDCtx(decompress);
  }
};

ZstdContexts& zstd_contexts() {
  thread_local ZstdContexts contexts;
  return contexts;
}

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
  ZstdContexts& z = zstd_contexts();
  const ZSTD_CDict* dict = compression_dictionary();
  if (!z.compress || !dict || encoded.size() < 64 || encoded.size() > 0xffffffffU)
    return std::string(encoded);
  std::string out(1, zstd_v6);
  put_length(out, encoded.size());
  const std::size_t header = out.size();
  // Worth keeping only when smaller than the article itself.
  out.resize(encoded.size());
  const std::size_t n = ZSTD_compress_usingCDict(
      z.compress, out.data() + header, out.size() - header, encoded.data(), encoded.size(), dict);
  if (ZSTD_isError(n)) return std::string(encoded);
  out.resize(header + n);
  return out;
}

namespace {

// A length the data cannot have produced is damage, and believing it would allocate up to 4 GiB
// for a few bytes of data. Deflate expands at most 1032-fold (a 258-byte match per two bits);
// zstd at most 32768-fold (a 4-byte block of one repeated byte holds 128 KiB), and its frame
// records the length too.
std::size_t checked_length(std::string_view& packed, bool zstd) {
  std::size_t size = 0;
  if (!get_varint(packed, size) || size > (std::size_t{1} << 32))
    throw Error(Error::Code::database_corrupt, "stored article has a bad length");
  if (zstd) {
    if (size / max_zstd_ratio > packed.size() ||
        ZSTD_getFrameContentSize(packed.data(), packed.size()) != size)
      throw Error(Error::Code::database_corrupt, "stored article has a bad length");
  } else if (size / max_deflate_ratio > packed.size()) {
    throw Error(Error::Code::database_corrupt, "stored article has a bad length");
  }
  return size;
}

std::string inflate_article(std::string_view packed, std::size_t size) {
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

std::string decompress_article(std::string_view packed, std::size_t size) {
  ZstdContexts& z = zstd_contexts();
  const ZSTD_DDict* dict = decompression_dictionary();
  if (!z.decompress || !dict)
    throw Error(Error::Code::internal, "zstd could not start a decompression context");
  std::string out(size, '\0');
  const std::size_t n = ZSTD_decompress_usingDDict(z.decompress, out.data(), out.size(),
                                                   packed.data(), packed.size(), dict);
  if (ZSTD_isError(n) || n != size)
    throw Error(Error::Code::database_corrupt, "stored article does not decompress");
  return out;
}

} // namespace

std::string unpack_stored_article(std::string_view packed) {
  if (packed.empty() || (packed.front() != deflated_v5 && packed.front() != zstd_v6))
    return std::string(packed);
  const bool zstd = packed.front() == zstd_v6;
  packed.remove_prefix(1);
  const std::size_t size = checked_length(packed, zstd);
  return zstd ? decompress_article(packed, size) : inflate_article(packed, size);
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
