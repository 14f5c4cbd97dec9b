// A near-duplicate signature: syndicated copies of one story get signatures a few bits apart.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsdex::detail {

/// Accumulates a 64-bit SimHash over overlapping 3-term shingles of a text's terms.
class SignatureBuilder {
public:
  void add_term(std::string_view term);
  std::uint64_t finish() const;

private:
  int counts_[64] = {};
  std::uint64_t previous_[2] = {};
  unsigned seen_ = 0;
};

/// Bits in which two signatures differ.
int signature_distance(std::uint64_t a, std::uint64_t b);

} // namespace newsdex::detail
