#include "schema/signature.hpp"

#include "common/hash.hpp"

#include <array>
#include <bit>

namespace newsdex::detail {

namespace {

// Bit i of a byte spread to byte i of a word: adding spread[b] to a word of eight byte-wide
// counters counts the ones of b's bits in one addition instead of eight.
constexpr auto spread = [] {
  std::array<std::uint64_t, 256> t{};
  for (unsigned b = 0; b < 256; ++b)
    for (unsigned i = 0; i < 8; ++i)
      if (b >> i & 1) t[b] |= std::uint64_t{1} << (8 * i);
  return t;
}();

} // namespace

void SignatureBuilder::add_term(std::string_view term) {
  std::uint64_t h = fnv1a64(term);
  if (seen_ >= 2) {
    // Shingle of this term and the two before it; mixing keeps shingle hashes independent.
    std::uint64_t shingle =
        h ^ (previous_[1] * 0x9E3779B97F4A7C15ull) ^ (previous_[0] * 0xC2B2AE3D27D4EB4Full);
    shingle ^= shingle >> 29;
    shingle *= 0xBF58476D1CE4E5B9ull;
    shingle ^= shingle >> 32;
    // SimHash counts, per bit, how many shingles set it: 8 table additions, not 64 branches
    // (this loop was 3 % of indexing). Byte-wide counters are emptied before they can overflow.
    for (int byte = 0; byte < 8; ++byte) packed_[byte] += spread[(shingle >> (8 * byte)) & 0xFF];
    if (++pending_ == 255) flush();
    ++shingles_;
  }
  previous_[0] = previous_[1];
  previous_[1] = h;
  ++seen_;
}

void SignatureBuilder::flush() {
  for (int byte = 0; byte < 8; ++byte) {
    for (int i = 0; i < 8; ++i) ones_[8 * byte + i] += (packed_[byte] >> (8 * i)) & 0xFF;
    packed_[byte] = 0;
  }
  pending_ = 0;
}

std::uint64_t SignatureBuilder::finish() {
  flush();
  // A bit is set when more shingles set it than not (SimHash's sign of the +1/-1 sum).
  std::uint64_t sig = 0;
  for (int bit = 0; bit < 64; ++bit)
    if (2 * ones_[bit] > shingles_) sig |= 1ull << bit;
  return sig;
}

int signature_distance(std::uint64_t a, std::uint64_t b) {
  return std::popcount(a ^ b);
}

} // namespace newsdex::detail
