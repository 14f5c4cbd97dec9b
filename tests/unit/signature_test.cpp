// The near-duplicate signature: SimHash over 3-term shingles, as --collapse relies on.
#include "common/hash.hpp"
#include "schema/signature.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace newsdex::detail {
namespace {

// SimHash by the book: +1/-1 per bit per shingle, the sign of each sum.
std::uint64_t reference_signature(const std::vector<std::string>& terms) {
  int counts[64] = {};
  for (std::size_t i = 2; i < terms.size(); ++i) {
    std::uint64_t shingle = fnv1a64(terms[i]) ^ (fnv1a64(terms[i - 1]) * 0x9E3779B97F4A7C15ull) ^
                            (fnv1a64(terms[i - 2]) * 0xC2B2AE3D27D4EB4Full);
    shingle ^= shingle >> 29;
    shingle *= 0xBF58476D1CE4E5B9ull;
    shingle ^= shingle >> 32;
    for (int bit = 0; bit < 64; ++bit) counts[bit] += (shingle >> bit) & 1 ? 1 : -1;
  }
  std::uint64_t sig = 0;
  for (int bit = 0; bit < 64; ++bit)
    if (counts[bit] > 0) sig |= 1ull << bit;
  return sig;
}

std::uint64_t signature(const std::vector<std::string>& terms) {
  SignatureBuilder b;
  for (const auto& t : terms) b.add_term(t);
  return b.finish();
}

std::vector<std::string> words(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    // Appending, not "w" + to_string(): g++ 12 at -O3 warns -Wrestrict on the latter (GCC
    // PR105329).
    std::string word = "w";
    word += std::to_string(rng() % 5000);
    out.push_back(std::move(word));
  }
  return out;
}

// Lengths around the byte-wide counters' flush at 255 shingles, and well past it.
TEST(Signature, EqualsTheTextbookSimHash) {
  for (std::size_t n : {0, 1, 2, 3, 10, 256, 257, 258, 600, 2000})
    for (unsigned seed : {1u, 2u, 3u})
      EXPECT_EQ(signature(words(n, seed)), reference_signature(words(n, seed)))
          << n << " terms, seed " << seed;
}

// Zero is the "no signature" of texts too short to shingle: search/collapse.cpp relies on it.
TEST(Signature, TextsOfFewerThanThreeTermsHaveNone) {
  for (std::size_t n : {0, 1, 2}) EXPECT_EQ(signature(words(n, 5)), 0u) << n;
  EXPECT_NE(signature(words(3, 5)), 0u);
}

TEST(Signature, NearCopiesAreCloseAndOtherTextsFar) {
  auto story = words(400, 7);
  auto copy = story;
  copy[100] = "changed";
  copy.push_back("Reuters");
  EXPECT_LE(signature_distance(signature(story), signature(copy)), 6);
  EXPECT_GE(signature_distance(signature(story), signature(words(400, 8))), 16);
}

} // namespace
} // namespace newsdex::detail
