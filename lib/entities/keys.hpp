// A name's table key (lower-cased, dots dropped, apostrophes unified) and its 32-bit hash: what
// every table look-up of the recognizer goes through. Also the letter-case tests on UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace newsdex::detail::entities {

constexpr std::uint32_t fnv_basis = 2166136261u, fnv_prime = 16777619u;

/// 32-bit FNV-1a: cheap for words, and incremental, so the hash of "new york" continues the hash
/// of "new" (see Recognizer::known_at).
inline std::uint32_t fnv(std::string_view s, std::uint32_t h = fnv_basis) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * fnv_prime;
  return h;
}

/// A key with its hash, computed once per word and reused by every table look-up of the word.
struct Hashed {
  std::string_view key;
  std::uint32_t hash;
};

struct KeyHash {
  using is_transparent = void;
  // Not noexcept: libstdc++ then keeps each key's hash in its node, so a look-up compares hashes
  // before keys and never hashes a stored key again.
  std::size_t operator()(std::string_view s) const { return fnv(s); }
  std::size_t operator()(const Hashed& k) const noexcept { return k.hash; }
};

struct KeyEqual {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
  bool operator()(const Hashed& a, std::string_view b) const noexcept { return a.key == b; }
  bool operator()(std::string_view a, const Hashed& b) const noexcept { return a == b.key; }
};

/// A set of keys behind a filter of their hashes' low bits: most words the recognizer asks about
/// are in none of its small sets (titles, particles, "not an entity"...), and the filter answers
/// those without reading the hash table's bucket and node (perf put these look-ups at 1.2 % of a
/// fresh build's cycles). The filter only ever says "maybe": erase() leaves its bit set.
class KeySet {
public:
  using Set = std::unordered_set<std::string, KeyHash, KeyEqual>;
  bool insert(std::string key) {
    const std::uint32_t hash = fnv(key);
    filter_[word_of(hash)] |= bit_of(hash);
    return set_.insert(std::move(key)).second;
  }
  template <class It> void insert(It first, It last) {
    for (; first != last; ++first) insert(*first);
  }
  std::size_t erase(const std::string& key) { return set_.erase(key); }
  std::size_t count(const Hashed& k) const {
    return (filter_[word_of(k.hash)] & bit_of(k.hash)) ? set_.count(k) : 0;
  }
  std::size_t count(std::string_view k) const { return count(Hashed{k, fnv(k)}); }
  bool contains(std::string_view k) const { return count(k) > 0; }
  Set::const_iterator begin() const { return set_.begin(); }
  Set::const_iterator end() const { return set_.end(); }
  std::size_t size() const { return set_.size(); }
  bool empty() const { return set_.empty(); }

private:
  static constexpr std::uint32_t filter_bits = 8192;
  static std::size_t word_of(std::uint32_t hash) { return hash % filter_bits / 64; }
  static std::uint64_t bit_of(std::uint32_t hash) { return std::uint64_t{1} << (hash % 64); }
  Set set_;
  std::uint64_t filter_[filter_bits / 64] = {};
};

template <class T> using KeyMap = std::unordered_map<std::string, T, KeyHash, KeyEqual>;

inline bool is_ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

/// Lower-cases (full Unicode, per code point), drops '.', unifies apostrophes and collapses
/// whitespace: "U.S." -> "us", "Hegseth’s" -> "hegseth's", "ZÜRICH" -> "zürich".
std::string key_of(std::string_view s);

/// key_of(word), appended to out; returns its fnv. A word holds no white space, so an ASCII one
/// only loses its dots and has its letters lower-cased.
std::uint32_t append_word_key(std::string& out, std::string_view word);

/// A name written in capitals as a name is written: each word's first letter kept, the others
/// lower-cased ("HAROLD MACMILLAN" -> "Harold Macmillan", "O'BRIEN" -> "O'Brien", "ZÜRICH" ->
/// "Zürich"); a letter after a hyphen or after a one-letter word's apostrophe starts a word.
std::string title_case(std::string_view s);

/// Whether `s` (UTF-8) has an upper-case letter / a lower-case letter.
bool has_upper(std::string_view s);
bool has_lower(std::string_view s);

/// `s` without leading and trailing spaces, tabs and carriage returns.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

} // namespace newsdex::detail::entities
