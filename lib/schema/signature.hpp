// A near-duplicate signature: syndicated copies of one story get signatures a few bits apart.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsdex::detail {

/// Accumulates a 64-bit SimHash over overlapping 3-term shingles of a text's terms.
class SignatureBuilder {
public:
  void add_term(std::string_view term);
  /// The signature; 0 for a text of fewer than three terms (no shingle), which readers take as
  /// "no signature" (search/collapse.cpp).
  std::uint64_t finish();

private:
  void flush();

  std::uint64_t packed_[8] = {}; ///< byte-wide counters of ones, bit 8*j+i in byte i of word j
  unsigned pending_ = 0;         ///< shingles in packed_ (flushed at 255)
  std::uint32_t ones_[64] = {};
  std::uint32_t shingles_ = 0;
  std::uint64_t previous_[2] = {};
  unsigned seen_ = 0;
};

/// Bits in which two signatures differ.
int signature_distance(std::uint64_t a, std::uint64_t b);

} // namespace newsdex::detail
