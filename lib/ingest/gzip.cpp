#include "ingest/gzip.hpp"

#include <newsdex/error.hpp>

#define ZLIB_CONST
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <new>

namespace newsdex::detail {
namespace {

constexpr std::size_t chunk_size = 64 * 1024;
constexpr std::size_t max_zlib_input = UINT_MAX; // avail_in is a uInt

[[noreturn]] void fail(const std::string& what) {
  throw Error(Error::Code::input, "gzip: " + what);
}

const Bytef* as_bytes(const char* p) {
  return reinterpret_cast<const Bytef*>(p);
}
Bytef* as_bytes(char* p) {
  return reinterpret_cast<Bytef*>(p);
}

// Owns an inflate stream.
class Inflater {
public:
  Inflater() {
    const int rc = inflateInit2(&z_, 16 + MAX_WBITS); // gzip wrapper only
    if (rc == Z_MEM_ERROR) throw std::bad_alloc();
    if (rc != Z_OK) throw Error(Error::Code::internal, "gzip: inflateInit2 failed");
  }
  ~Inflater() { inflateEnd(&z_); }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  z_stream& stream() { return z_; }

private:
  z_stream z_{};
};

class Deflater {
public:
  explicit Deflater(int level) {
    const int rc = deflateInit2(&z_, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    if (rc == Z_MEM_ERROR) throw std::bad_alloc();
    if (rc != Z_OK) throw Error(Error::Code::usage, "gzip: invalid compression level");
  }
  ~Deflater() { deflateEnd(&z_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  z_stream& stream() { return z_; }

private:
  z_stream z_{};
};

std::string zlib_message(const z_stream& z, const char* fallback) {
  return z.msg ? std::string(z.msg) : std::string(fallback);
}

} // namespace

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1F &&
         static_cast<unsigned char>(bytes[1]) == 0x8B;
}

std::string gunzip(std::string_view compressed, std::size_t max_output_bytes) {
  if (!is_gzip(compressed)) fail(compressed.empty() ? "empty input" : "not gzip data");
  Inflater inflater;
  z_stream& z = inflater.stream();
  std::string out;
  // One byte beyond the limit tells "exactly at the limit" from "over it".
  const std::size_t cap = max_output_bytes == SIZE_MAX ? SIZE_MAX : max_output_bytes + 1;
  std::size_t in_pos = 0; // bytes of `compressed` handed to zlib so far
  for (;;) {
    if (z.avail_in == 0 && in_pos < compressed.size()) {
      const std::size_t n = std::min(compressed.size() - in_pos, max_zlib_input);
      z.next_in = as_bytes(compressed.data() + in_pos);
      z.avail_in = static_cast<uInt>(n);
      in_pos += n;
    }
    const std::size_t room = std::min(chunk_size, cap - out.size());
    const std::size_t old_size = out.size();
    out.resize(old_size + room);
    z.next_out = as_bytes(out.data() + old_size);
    z.avail_out = static_cast<uInt>(room);
    const int rc = inflate(&z, Z_NO_FLUSH);
    out.resize(old_size + (room - z.avail_out));
    if (out.size() > max_output_bytes)
      fail("decompressed data exceeds " + std::to_string(max_output_bytes) + " bytes");
    switch (rc) {
    case Z_OK:
      continue;
    case Z_BUF_ERROR: // no progress possible
      if (z.avail_in == 0 && in_pos == compressed.size()) fail("truncated data");
      continue; // output space was full; more room comes next round
    case Z_STREAM_END: {
      // The remaining input: another member, padding, or garbage.
      const std::size_t consumed = in_pos - z.avail_in;
      const std::string_view rest = compressed.substr(consumed);
      if (rest.empty()) return out;
      if (rest.find_first_not_of('\0') == std::string_view::npos) return out;
      if (!is_gzip(rest)) fail("trailing garbage after compressed data");
      if (inflateReset(&z) != Z_OK) fail("cannot start the next member");
      continue;
    }
    case Z_MEM_ERROR:
      throw std::bad_alloc();
    case Z_NEED_DICT:
      fail("corrupt data (preset dictionary required)");
    default:
      fail("corrupt data: " + zlib_message(z, "inflate failed"));
    }
  }
}

std::string gzip(std::string_view data, int level) {
  Deflater deflater(level);
  z_stream& z = deflater.stream();
  std::string out;
  std::size_t in_pos = 0;
  for (;;) {
    if (z.avail_in == 0 && in_pos < data.size()) {
      const std::size_t n = std::min(data.size() - in_pos, max_zlib_input);
      z.next_in = as_bytes(data.data() + in_pos);
      z.avail_in = static_cast<uInt>(n);
      in_pos += n;
    }
    const int flush = in_pos == data.size() ? Z_FINISH : Z_NO_FLUSH;
    const std::size_t old_size = out.size();
    out.resize(old_size + chunk_size);
    z.next_out = as_bytes(out.data() + old_size);
    z.avail_out = static_cast<uInt>(chunk_size);
    const int rc = deflate(&z, flush);
    out.resize(old_size + (chunk_size - z.avail_out));
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR)
      throw Error(Error::Code::internal, "gzip: " + zlib_message(z, "deflate failed"));
  }
  return out;
}

} // namespace newsdex::detail
