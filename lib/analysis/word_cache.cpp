#include "analysis/word_cache.hpp"

#include "common/hash.hpp"

#include <cstring>

namespace newsdex::detail {
namespace {

constexpr std::size_t first_cache_slots = 256; // small: a query-side analyzer holds few words
constexpr std::size_t max_cache_bytes = 16u << 20;

std::uint32_t word_hash(std::string_view word) {
  return static_cast<std::uint32_t>(fnv1a64(word) >> 32);
}

} // namespace

WordCache::WordCache(std::size_t limit) : limit_(limit), slots_(first_cache_slots) {}

std::optional<WordCache::Entry> WordCache::find(std::string_view word) const {
  const std::uint32_t hash = word_hash(word);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.offset == 0) return std::nullopt;
    if (s.hash == hash && s.word_bytes == word.size() &&
        std::memcmp(bytes_.data() + s.offset - 1, word.data(), word.size()) == 0)
      return Entry{std::string_view(bytes_).substr(s.offset - 1 + s.word_bytes, s.term_bytes),
                   s.stop};
  }
}

WordCache::Entry WordCache::insert(std::string_view word, std::string_view term, bool stop) {
  // Words and terms longer than a slot can say are not cached (the analyzer bounds terms far
  // below this; a word can be as long as the text).
  if (word.size() > UINT16_MAX || term.size() > UINT16_MAX) return {term, stop};
  // Bounded by bytes too: 65,536 news words take about 1 MB, but a feed of long distinct tokens
  // must not make the cache hold gigabytes.
  if (size_ >= limit_ || bytes_.size() + word.size() + term.size() > max_cache_bytes) clear();
  if ((size_ + 1) * 2 > slots_.size()) grow();
  Slot s;
  s.hash = word_hash(word);
  s.offset = static_cast<std::uint32_t>(bytes_.size() + 1);
  s.word_bytes = static_cast<std::uint16_t>(word.size());
  s.term_bytes = static_cast<std::uint16_t>(term.size());
  s.stop = stop;
  bytes_ += word;
  bytes_ += term;
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = s.hash & mask;
  while (slots_[i].offset != 0) i = (i + 1) & mask;
  slots_[i] = s;
  ++size_;
  return {std::string_view(bytes_).substr(s.offset - 1 + s.word_bytes, s.term_bytes), stop};
}

void WordCache::clear() {
  slots_.assign(first_cache_slots, Slot{});
  bytes_.clear();
  size_ = 0;
}

// At half full the table doubles: probes stay short.
void WordCache::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.offset == 0) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].offset != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

} // namespace newsdex::detail
