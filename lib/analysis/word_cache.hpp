// The analyzer's per-thread cache of a folded word's term and stopword flag.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::detail {

/// Folded word -> (term, stopword), filled as words are first met. Open addressing over one
/// array of 16-byte slots, with every word and term in one string: a look-up reads a slot and
/// then the bytes it points to, where std::unordered_map read a bucket, a node and the node's
/// strings. The analyzer looks up every word of every article here (perf put the map's look-up
/// at about 5 % of a fresh build's cycles, most of it cache misses).
class WordCache {
public:
  struct Entry {
    std::string_view term; ///< valid until the next insert() or clear()
    bool stop = false;
  };
  /// At `limit` words, or 16 MiB of words and terms, the cache is emptied before the next insert
  /// (the analyzer's bound).
  explicit WordCache(std::size_t limit);

  /// The entry of `word`, if cached.
  std::optional<Entry> find(std::string_view word) const;
  /// Adds `word`, which must not be in the cache; returns its entry.
  Entry insert(std::string_view word, std::string_view term, bool stop);
  std::size_t size() const { return size_; }
  void clear();

private:
  struct Slot {
    std::uint32_t hash = 0;   ///< the word's hash, high half
    std::uint32_t offset = 0; ///< where the word starts in bytes_, + 1; 0 for an empty slot
    std::uint16_t word_bytes = 0;
    std::uint16_t term_bytes = 0;
    bool stop = false;
  };
  void grow();

  std::size_t limit_;
  std::size_t size_ = 0;
  std::vector<Slot> slots_;
  std::string bytes_; ///< each word followed by its term
};

} // namespace newsdex::detail
