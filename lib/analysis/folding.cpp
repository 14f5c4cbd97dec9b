#include "analysis/folding.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>

namespace newsdex::detail {
namespace {

bool is_apostrophe(UChar32 c) {
  return c == 0x2019 || c == 0x02BC || c == 0x2018 || c == 0x0027;
}

} // namespace

void Folder::fold(std::string_view raw, std::string& out) {
  out.clear();
  bool ascii = true;
  for (char c : raw) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    out.resize(raw.size());
    std::size_t n = 0;
    for (char c : raw) {
      if (c >= 'A' && c <= 'Z')
        out[n++] = static_cast<char>(c + 32);
      else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f)
        out[n++] = c;
    }
    out.resize(n);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  in_ =
      icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
  nfkc_cf->normalize(in_, mid_, status);
  nfd->normalize(mid_, out_, status);
  if (U_FAILURE(status)) return;
  // Drop combining marks that follow a Latin or Greek letter (café -> cafe, ύ -> υ); other
  // scripts keep theirs, since there a mark often makes a different letter (Cyrillic й is not и).
  mid_.remove();
  UChar32 base = 0;
  for (int32_t i = 0; i < out_.length();) {
    UChar32 c = out_.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0xFFFD || u_iscntrl(c)) continue;
    if (u_charType(c) == U_NON_SPACING_MARK && base != 0 &&
        (base < 0x250 || (base >= 0x370 && base < 0x400)))
      continue;
    if (is_apostrophe(c)) c = '\'';
    if (u_charType(c) != U_NON_SPACING_MARK) base = c;
    mid_.append(c);
  }
  nfc->normalize(mid_, out_, status);
  if (U_FAILURE(status)) return;
  out_.toUTF8String(out);
}

void strip_possessive(std::string& w) {
  if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0)
    w.resize(w.size() - 2);
  else if (w.size() > 1 && w.back() == '\'')
    w.pop_back();
}

bool is_dotted_acronym(std::string_view w) {
  int letters = 0;
  bool expect_letter = true;
  for (char c : w) {
    if (expect_letter) {
      if (c == '.' || (c >= '0' && c <= '9')) return false;
      ++letters;
      expect_letter = false;
    } else {
      if (c != '.') return false;
      expect_letter = true;
    }
  }
  return letters >= 2;
}

bool is_capitalised_acronym(std::string_view raw) {
  int capitals = 0;
  for (std::size_t i = 0; i < raw.size();) {
    std::size_t at = i;
    UChar32 c;
    U8_NEXT(raw.data(), i, raw.size(), c);
    if (c >= 0 && u_isupper(c)) { // full-width Ｎ counts too
      ++capitals;
      continue;
    }
    // A possessive ending: 's, ’s (E2 80 99), ʼs (CA BC).
    std::string_view rest = raw.substr(at);
    if (rest == "'s" || rest == "'" || rest == "\xE2\x80\x99s" || rest == "\xE2\x80\x99" ||
        rest == "\xCA\xBCs")
      break;
    return false;
  }
  return capitals >= 2;
}

namespace {

bool ends_with(std::string_view w, std::string_view s) {
  return w.size() >= s.size() && w.substr(w.size() - s.size()) == s;
}

struct SuffixRule {
  std::string_view british, american;
};

// Only suffixes long enough that the British form is not itself another English word.
constexpr std::array<SuffixRule, 12> suffix_rules{{
    {"isation", "ization"},
    {"isations", "izations"},
    {"ising", "izing"},
    {"ised", "ized"},
    {"iser", "izer"},
    {"isers", "izers"},
    {"ises", "izes"},
    {"ise", "ize"},
    {"tre", "ter"},
    {"tres", "ters"},
    {"yse", "yze"},
    {"ysed", "yzed"},
}};

// -ise words that are spelled the same in American English; folding them would be harmless
// on both sides, but keeping them out keeps `--explain` output unsurprising.
constexpr std::array<std::string_view, 28> ise_words{
    "advertis", "advis",    "apprais",    "chastis",  "circumcis", "comprom", "compris",
    "concis",   "despis",   "devis",      "disguis",  "enterpris", "exercis", "expertis",
    "franchis", "improvis", "merchandis", "otherwis", "precis",    "premis",  "promis",
    "repris",   "revis",    "supervis",   "surmis",   "surpris",   "televis", "wis"};

} // namespace

bool fold_variant_pattern(std::string_view word, std::string& out) {
  if (word.size() < 6) return false;
  for (const auto& r : suffix_rules) {
    if (!ends_with(word, r.british)) continue;
    std::string_view stem = word.substr(0, word.size() - r.british.size());
    if (r.british.starts_with("is")) {
      std::string root(stem);
      root += "is";
      for (auto w : ise_words)
        if (root == w || (root.size() > w.size() && ends_with(root, w) && w.size() > 4))
          return false;
    }
    if (r.british.starts_with("tr") && stem.size() < 3) return false;
    out.assign(stem);
    out += r.american;
    return true;
  }
  return false;
}

} // namespace newsdex::detail
