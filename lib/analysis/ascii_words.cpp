#include "analysis/ascii_words.hpp"

#include "common/hash.hpp"

#include <unicode/rbbi.h>
#include <unicode/utext.h>

#include <array>
#include <string>

namespace newsdex::detail {
namespace {

// FNV-1a of the UTF-8 rule source of ICU 72's word rules (root, and Finnish/Swedish). Any other
// rule text, even one that only looks equivalent, turns the ASCII path off rather than risk a
// boundary the index and queries would disagree on.
constexpr std::uint64_t root_rules_hash = 0x89bbc8b2b543729aull;
constexpr std::uint64_t fi_sv_rules_hash = 0x6d10a9a184d7b96cull;

// UAX #29 word break classes, as far as they matter between ASCII characters (Single_Quote acts
// as MidNumLet there: it differs only next to Hebrew letters; Double_Quote likewise is Other).
enum Kind : std::uint8_t {
  other,       // a segment alone, never a word
  letter,      // ALetter
  digit,       // Numeric
  connector,   // ExtendNumLet '_'
  mid_letter,  // between letters only
  mid_num,     // between digits only
  mid_num_let, // between letters or between digits
  space,       // WSegSpace: a run is one segment (WB3d)
  line_break,  // LF and Newline: nothing attaches to them, not even Extend (WB3a)
  cr,          // CR: takes a following LF (WB3)
  unknown,     // >= 0x80: part of a character that may join or extend its neighbours
};

using KindTable = std::array<Kind, 256>;

constexpr KindTable kind_table(AsciiWordRules rules) {
  KindTable t{};
  for (int c = 0; c < 256; ++c) {
    Kind k = c >= 0x80 ? unknown : other;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) k = letter;
    if (c >= '0' && c <= '9') k = digit;
    t[static_cast<std::size_t>(c)] = k;
  }
  t['@'] = letter; // ICU's word.txt adds '@' to ALetter: "user@example.com" is one word
  t['_'] = connector;
  t['.'] = mid_num_let;
  t['\''] = mid_num_let;
  t[','] = mid_num;
  t[';'] = mid_num;
  // ':' is MidLetter in Unicode; ICU's root rules take it out (Finnish and Swedish keep it).
  t[':'] = rules == AsciiWordRules::colon_joins_letters ? mid_letter : other;
  t[' '] = space;
  t['\n'] = line_break;
  t['\v'] = line_break;
  t['\f'] = line_break;
  t['\r'] = cr;
  return t;
}

constexpr KindTable root_kinds = kind_table(AsciiWordRules::root);
constexpr KindTable colon_kinds = kind_table(AsciiWordRules::colon_joins_letters);

constexpr bool in_word(Kind k) {
  return k == letter || k == digit || k == connector;
}

// WB6/7 and WB11/12: may `mid` join `last` to a following character of the same kind?
constexpr bool may_join(Kind last, Kind mid) {
  if (last == letter) return mid == mid_letter || mid == mid_num_let;
  if (last == digit) return mid == mid_num || mid == mid_num_let;
  return false;
}

bool is_ascii(unsigned char c) {
  return c < 0x80;
}

// The first boundary after the non-ASCII byte at or after `from` that no text before it can
// move: after LF (WB3a), or after a space followed by an ASCII character other than a space
// (nothing but a space or an Extend/Format/ZWJ, all non-ASCII, attaches to a space, and no rule
// reaches across one). ICU segments the stretch up to it as it would the whole text.
std::size_t resume_point(std::string_view text, std::size_t from) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t q = from;
  while (q < n && is_ascii(p[q])) ++q;
  for (++q; q < n; ++q) {
    if (p[q - 1] == '\n') return q;
    if (p[q - 1] == ' ' && is_ascii(p[q]) && p[q] != ' ') return q;
  }
  return n;
}

// The break iterator over text[begin, end) alone, with offsets into `text`. Callers pass
// boundaries the whole text's iteration would also break at, and ICU's forward iteration
// starts afresh at every boundary.
void icu_segments(std::string_view text, std::size_t begin, std::size_t end,
                  icu::BreakIterator& breaker, std::vector<WordSegment>& out) {
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data() + begin, static_cast<std::int64_t>(end - begin), &status);
  if (U_FAILURE(status)) return;
  breaker.setText(&ut, status);
  const auto base = static_cast<std::uint32_t>(begin);
  std::int32_t b = breaker.first();
  for (std::int32_t e = breaker.next(); e != icu::BreakIterator::DONE; b = e, e = breaker.next())
    out.push_back({base + static_cast<std::uint32_t>(b), base + static_cast<std::uint32_t>(e),
                   breaker.getRuleStatus() >= UBRK_WORD_NONE_LIMIT});
  utext_close(&ut);
}

} // namespace

std::optional<AsciiWordRules> ascii_word_rules(const icu::BreakIterator& breaker) {
  const auto* rule_based = dynamic_cast<const icu::RuleBasedBreakIterator*>(&breaker);
  if (rule_based == nullptr) return std::nullopt;
  std::string rules;
  rule_based->getRules().toUTF8String(rules);
  const std::uint64_t h = fnv1a64(rules);
  if (h == root_rules_hash) return AsciiWordRules::root;
  if (h == fi_sv_rules_hash) return AsciiWordRules::colon_joins_letters;
  return std::nullopt;
}

std::size_t ascii_word_segments(std::string_view text, std::size_t from, AsciiWordRules rules,
                                std::vector<WordSegment>& out) {
  const KindTable& kinds = rules == AsciiWordRules::root ? root_kinds : colon_kinds;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = from;
  while (i < n) {
    const Kind k = kinds[p[i]];
    std::size_t j = i + 1;
    bool word = false;
    switch (k) {
    case letter:
    case digit:
    case connector: {
      // WB5-WB13b: letters, digits and '_' join in any order; one MidLetter/MidNum character
      // joins two letters or two digits. ICU's rule chaining gives every such run a word status
      // except a lone '_', which only ICU's catch-all rule matches.
      Kind last = k;
      while (j < n) {
        const Kind next = kinds[p[j]];
        if (in_word(next)) {
          last = next;
          ++j;
          continue;
        }
        if (next == unknown) return i; // a non-ASCII letter or mark would join
        if (j + 1 < n && may_join(last, next)) {
          const Kind after = kinds[p[j + 1]];
          if (after == unknown) return i; // "a.é", "1,٣"
          if (after == last) {
            j += 2;
            continue;
          }
        }
        break;
      }
      word = k != connector || j - i > 1;
      break;
    }
    case space:
      while (j < n && p[j] == ' ') ++j;
      if (j < n && kinds[p[j]] == unknown) return i; // a non-ASCII space or Extend would join
      break;
    case cr:
      if (j < n && p[j] == '\n') ++j;
      break;
    case line_break:
      break;
    case unknown:
      return i;
    default: // other characters (tab, controls and punctuation included) stand alone...
      if (j < n && kinds[p[j]] == unknown) return i; // ...but keep a following Extend/Format
      break;
    }
    out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), word});
    i = j;
  }
  return n;
}

void word_segments(std::string_view text, icu::BreakIterator& breaker,
                   std::optional<AsciiWordRules> rules, std::vector<WordSegment>& out) {
  out.clear();
  if (!rules) {
    icu_segments(text, 0, text.size(), breaker, out);
    return;
  }
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t stopped = ascii_word_segments(text, from, *rules, out);
    if (stopped == text.size()) break;
    from = resume_point(text, stopped);
    icu_segments(text, stopped, from, breaker, out);
  }
}

} // namespace newsdex::detail
