// ASCII-only case folding, for names the format fixes (HTML tags, charset labels, language codes)
// and for the stored forms of sources and entity names, which index and query side must fold
// alike. Text is folded by the analyzer (ICU), never here.
#pragma once

#include <string>
#include <string_view>

namespace newsdex::detail {

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

} // namespace newsdex::detail
