// Stable hashes whose values are part of the on-disk format (ids, shard routing, content hashes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex::detail {

/// 64-bit FNV-1a. Never change: stored ids and shard routing depend on it.
constexpr std::uint64_t fnv1a64(std::string_view bytes,
                                std::uint64_t seed = 0xcbf29ce484222325ull) {
  std::uint64_t h = seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

/// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

} // namespace newsdex::detail
