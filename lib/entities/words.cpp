#include "entities/words.hpp"

#include "entities/keys.hpp"
#include "entities/tables.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>

namespace newsdex::detail::entities {
namespace {

bool is_non_ascii_letter(UChar32 c) {
  return u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK;
}

inline bool is_letter(UChar32 c) { // inline: the ASCII test is most of the calls
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return is_non_ascii_letter(c);
}

inline bool is_digit(UChar32 c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_isdigit(c);
}

bool is_apostrophe(UChar32 c) {
  return c == '\'' || c == 0x2019;
}

bool is_dash(UChar32 c) {
  return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2015;
}

// Abbreviations whose period is part of the word, not the end of a sentence.
bool abbreviation(std::string_view w, const EntityTables& t) {
  if (w.size() > t.longest_abbreviation) return false;
  std::string lower(w);
  for (auto& c : lower)
    if (is_ascii_upper(c)) c = static_cast<char>(c + 32);
  return t.abbreviations.count(lower) > 0;
}

} // namespace

std::vector<Word> split_words(std::string_view text, const EntityTables& tables) {
  std::vector<Word> words;
  words.reserve(text.size() / 4); // news text has a word every 6 bytes or so: one allocation
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::int32_t n = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  std::uint32_t line = 0;
  bool initial = true;
  auto decode = [&](std::int32_t at) -> UChar32 {
    UChar32 c;
    U8_NEXT(p, at, n, c);
    return c;
  };
  auto peek = [&](std::int32_t at) -> UChar32 {
    if (at >= n) return -1;
    return p[at] < 0x80 ? p[at] : decode(at);
  };
  while (i < n) {
    if (p[i] == ' ') { // the common case between words
      ++i;
      continue;
    }
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    if (c == '\n') {
      ++line;
      initial = true;
      if (!words.empty()) words.back().joined = false;
      continue;
    }
    if (!is_letter(c) && !is_digit(c)) {
      if (c == ' ' || c == '\t' || c == '\r' || c == 0xA0) continue;
      if (!words.empty()) {
        words.back().joined = false;
        if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':') words.back().stop = true;
        if (is_dash(c)) words.back().dash_after = true;
      }
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == 0x2014) initial = true;
      continue;
    }
    Word w;
    w.begin = static_cast<std::uint32_t>(start);
    w.line = line;
    w.initial = initial;
    initial = false;
    bool first = true, any_upper = false, any_lower = false;
    std::int32_t letters = 0;
    auto note = [&](UChar32 ch) {
      if (ch < 0x80) { // ASCII: no table look-ups
        if (ch >= '0' && ch <= '9') {
          w.digit = true;
        } else if (ch >= 'A' && ch <= 'Z') {
          any_upper = true;
          if (first) w.cap = true;
          ++letters;
        } else {
          any_lower = true;
          ++letters;
        }
        first = false;
        return;
      }
      if (is_digit(ch)) w.digit = true;
      if (u_isupper(ch) || u_istitle(ch)) {
        any_upper = true;
        if (first) w.cap = true;
      } else if (u_islower(ch)) {
        any_lower = true;
      }
      if (is_letter(ch)) ++letters;
      first = false;
    };
    note(c);
    std::int32_t segment_letters = is_letter(c) ? 1 : 0; // letters since the last '.'
    for (;;) {
      for (; i < n; ++i) { // ASCII letters and digits: the common case, no decoding
        unsigned char b = p[i];
        if (b >= 'a' && b <= 'z') {
          any_lower = true;
          ++segment_letters;
        } else if (b >= 'A' && b <= 'Z') {
          any_upper = true;
          ++segment_letters;
        } else if (b >= '0' && b <= '9') {
          w.digit = true;
        } else {
          break;
        }
      }
      UChar32 d = peek(i);
      if (d < 0 || d == ' ') break; // the end of the text, or (the common case) of the word
      std::int32_t after = i;
      U8_FWD_1(p, after, n);
      UChar32 e = peek(after);
      if (is_letter(d) || is_digit(d)) {
        note(d);
        segment_letters = is_letter(d) ? segment_letters + 1 : segment_letters;
        i = after;
        continue;
      }
      if (is_apostrophe(d) && e >= 0 && is_letter(e)) { // O'Brien, Hegseth’s, don't
        i = after;
        continue;
      }
      if ((d == '-' || d == 0x2010 || d == 0x2011) && e >= 0 && (is_letter(e) || is_digit(e))) {
        // "NATO-accredited", "Kremlin-backed": the name ends before a lower-case word
        // (but "Chester-le-Street" and "Guinea-Bissau" are one name).
        if (any_upper && u_islower(e)) {
          std::int32_t k = after, lower_letters = 0;
          UChar32 f = e;
          while (f >= 0 && is_letter(f) && u_islower(f)) {
            ++lower_letters;
            U8_FWD_1(p, k, n);
            f = peek(k);
          }
          if (lower_letters >= 3 && (f < 0 || (f != '-' && f != 0x2010 && f != 0x2011))) break;
        }
        i = after;
        segment_letters = 0;
        continue;
      }
      if (d == '&' && e >= 0 && u_isupper(e) && any_upper && !any_lower) { // AT&T
        i = after;
        continue;
      }
      if ((d == '.' || d == ',') && w.digit && e >= 0 && is_digit(e)) { // 3.5, 2,000
        i = after;
        continue;
      }
      if (d == '.') {
        std::string_view so_far(text.data() + start, static_cast<std::size_t>(i - start));
        // U.S., U.S.A., J. (an initial), Corp., Mr.
        if (segment_letters == 1 && (e < 0 || !is_letter(e) || true)) {
          bool single_upper = any_upper && segment_letters == 1;
          if (single_upper && e >= 0 && is_letter(e)) { // U.S: continue the acronym
            i = after;
            w.dotted = true;
            segment_letters = 0;
            continue;
          }
          if (single_upper) { // a final dot of U.S. or an initial J.
            i = after;
            w.dotted = true;
            break;
          }
        }
        if (abbreviation(so_far, tables)) {
          i = after;
          w.dotted = true;
        }
        break;
      }
      if (is_apostrophe(d) && (e < 0 || !is_letter(e))) { // Reuters' (possessive plural)
        std::string_view so_far(text.data() + start, static_cast<std::size_t>(i - start));
        if (!so_far.empty() && (so_far.back() == 's' || so_far.back() == 'S')) {
          w.name_end = static_cast<std::uint32_t>(i);
          w.possessive = true;
          i = after;
        }
        break;
      }
      break;
    }
    w.end = static_cast<std::uint32_t>(i);
    if (!w.possessive) {
      w.name_end = w.end;
      // ’s / 's at the end: a possessive (or "is"/"has"; either way not part of the name)
      std::string_view s(text.data() + w.begin, w.end - w.begin);
      auto strip = [&](std::string_view suffix) {
        if (s.size() > suffix.size() + 1 && s.substr(s.size() - suffix.size()) == suffix) {
          w.name_end = w.end - static_cast<std::uint32_t>(suffix.size());
          w.possessive = true;
          return true;
        }
        return false;
      };
      if (s.size() > 3 && (s.back() == 's' || s.back() == 'S') &&
          (s[s.size() - 2] == '\'' || s[s.size() - 2] == '\x99'))
        strip("\xE2\x80\x99s") || strip("'s") || strip("\xE2\x80\x99S") || strip("'S");
    }
    w.upper = any_upper && !any_lower;
    w.lower = any_lower && !any_upper;
    (void)letters;
    if (w.dotted && !w.upper) {
      // "Corp." and "Mr." keep their period; so does "St." and every abbreviation
    }
    words.push_back(w);
    // Whether only spaces follow before the next word on this line.
    std::int32_t k = i;
    bool only_spaces = true;
    while (k < n) {
      UChar32 d = peek(k);
      if (d == ' ' || d == '\t' || d == 0xA0) {
        U8_FWD_1(p, k, n);
        continue;
      }
      if (d == '\n' || d == '\r' || (!is_letter(d) && !is_digit(d))) only_spaces = false;
      break;
    }
    words.back().joined = only_spaces && k < n;
    if (words.back().possessive) words.back().joined = false;
  }
  return words;
}

} // namespace newsdex::detail::entities
