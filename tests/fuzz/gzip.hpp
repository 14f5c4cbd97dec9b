// Fuzz body: gzip decompression (lib/ingest/gzip.cpp) of any bytes, bounded as the walker bounds
// it; what decompresses compresses and decompresses back to itself.
#pragma once

#include "fuzz/check.hpp"
#include "ingest/gzip.hpp"

#include <newsdex/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex::fuzz {

inline int gzip(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t limit = 1 << 20;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)detail::is_gzip(bytes);
  std::string plain;
  try {
    plain = detail::gunzip(bytes, limit);
  } catch (const Error&) {
    return 0;
  }
  NEWSDEX_FUZZ_CHECK(plain.size() <= limit);
  NEWSDEX_FUZZ_CHECK(detail::gunzip(detail::gzip(plain), limit) == plain);
  return 0;
}

} // namespace newsdex::fuzz
