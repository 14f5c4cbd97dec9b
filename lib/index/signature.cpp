#include "index/signature.hpp"

#include "common/hash.hpp"

#include <bit>

namespace newsdex::detail {

void SignatureBuilder::add_term(std::string_view term) {
  std::uint64_t h = fnv1a64(term);
  if (seen_ >= 2) {
    // Shingle of this term and the two before it; mixing keeps shingle hashes independent.
    std::uint64_t shingle =
        h ^ (previous_[1] * 0x9E3779B97F4A7C15ull) ^ (previous_[0] * 0xC2B2AE3D27D4EB4Full);
    shingle ^= shingle >> 29;
    shingle *= 0xBF58476D1CE4E5B9ull;
    shingle ^= shingle >> 32;
    for (int bit = 0; bit < 64; ++bit) counts_[bit] += (shingle >> bit) & 1 ? 1 : -1;
  }
  previous_[0] = previous_[1];
  previous_[1] = h;
  ++seen_;
}

std::uint64_t SignatureBuilder::finish() const {
  std::uint64_t sig = 0;
  for (int bit = 0; bit < 64; ++bit)
    if (counts_[bit] > 0) sig |= 1ull << bit;
  return sig;
}

int signature_distance(std::uint64_t a, std::uint64_t b) {
  return std::popcount(a ^ b);
}

} // namespace newsdex::detail
