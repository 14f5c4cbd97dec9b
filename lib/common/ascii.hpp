// ASCII-only case folding, for names the format fixes (HTML tags, charset labels, language codes)
// and for the stored forms of sources and entity names, which index and query side must fold
// alike. Text is folded by the analyzer (ICU), never here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex::detail {

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

/// ASCII whitespace as HTML and JSON Lines readers meet it: space, tab, LF, CR and form feed.
constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

constexpr bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

} // namespace newsdex::detail
