#include "entities/keys.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstddef>

namespace newsdex::detail::entities {
namespace {

// Appends code point `c` as UTF-8; nothing for a value that is no code point.
void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  std::int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<std::uint8_t*>(buf), len, 4, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(len));
}

} // namespace

std::string key_of(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool ascii = true;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  if (ascii) { // the common case: ASCII
    out.resize(s.size());
    std::size_t n = 0;
    bool space = false;
    for (char c : s) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space = n > 0;
        continue;
      }
      if (c == '.') continue;
      if (space) out[n++] = ' ';
      space = false;
      out[n++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    out.resize(n);
    return out;
  }
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  std::int32_t i = 0, n = static_cast<std::int32_t>(s.size());
  bool space = false;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    if (c == '.') continue;
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC) c = '\'';
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    c = u_tolower(c);
    if (c < 0x80)
      out += static_cast<char>(c);
    else
      append_utf8(out, c);
  }
  return out;
}

std::uint32_t append_word_key(std::string& out, std::string_view word) {
  std::size_t begin = out.size();
  out += word;
  std::uint32_t hash = fnv_basis;
  bool dots = false;
  for (auto c = out.begin() + static_cast<std::ptrdiff_t>(begin); c != out.end(); ++c) {
    if (static_cast<unsigned char>(*c) >= 0x80) {
      out.resize(begin);
      out += key_of(word);
      return fnv(std::string_view(out).substr(begin));
    }
    if (is_ascii_upper(*c)) *c = static_cast<char>(*c + 32);
    if (*c == '.')
      dots = true;
    else
      hash = (hash ^ static_cast<unsigned char>(*c)) * fnv_prime;
  }
  if (dots)
    out.erase(std::remove(out.begin() + static_cast<std::ptrdiff_t>(begin), out.end(), '.'),
              out.end());
  return hash;
}

std::string title_case(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  std::int32_t i = 0, n = static_cast<std::int32_t>(s.size());
  std::size_t letters = 0; // letters of the word so far
  bool apostrophe = false; // the word so far is one letter and an apostrophe: "O'", "D'"
  while (i < n) {
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      out.append(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
      continue;
    }
    if (u_isalpha(c)) {
      if (letters > 0 && !apostrophe) c = u_tolower(c);
      ++letters;
      apostrophe = false;
    } else {
      bool quote = c == '\'' || c == 0x2019;
      apostrophe = quote && letters == 1;
      if (!quote) letters = 0;
    }
    append_utf8(out, c);
  }
  return out;
}

bool has_upper(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  std::int32_t i = 0, n = static_cast<std::int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && u_isupper(c)) return true;
  }
  return false;
}

bool has_lower(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  std::int32_t i = 0, n = static_cast<std::int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && u_islower(c)) return true;
  }
  return false;
}

} // namespace newsdex::detail::entities
