#include "index/distinct_words.hpp"

#include "common/hash.hpp"

namespace newsdex::detail {
namespace {

// An article has a few hundred spelling words at most.
constexpr std::size_t first_distinct_slots = 512;

} // namespace

DistinctWords::DistinctWords(std::vector<std::string>& out)
    : words_(out), slots_(first_distinct_slots) {
  words_.clear();
  hashes_.reserve(first_distinct_slots / 2);
}

void DistinctWords::add(std::string_view word) {
  const auto hash = static_cast<std::uint32_t>(fnv1a64(word) >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint32_t slot = slots_[i];
    if (slot == 0) {
      words_.emplace_back(word);
      hashes_.push_back(hash);
      slots_[i] = static_cast<std::uint32_t>(words_.size());
      if (words_.size() * 2 > slots_.size()) grow();
      return;
    }
    if (hashes_[slot - 1] == hash && words_[slot - 1] == word) return;
  }
}

// At half full the table doubles: probes stay short.
void DistinctWords::grow() {
  slots_.assign(slots_.size() * 2, 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t w = 0; w < words_.size(); ++w) {
    std::size_t i = hashes_[w] & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = static_cast<std::uint32_t>(w + 1);
  }
}

} // namespace newsdex::detail
