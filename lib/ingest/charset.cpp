#include "ingest/charset.hpp"

#include "common/ascii.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

namespace newsdex::detail {
namespace {

constexpr std::size_t declaration_window = 4096;         // where a charset declaration may appear
constexpr std::size_t binary_window = 8192;              // what looks_binary looks at
constexpr std::size_t sniff_window = 4096;               // what the UTF-16 guess looks at
constexpr std::size_t detect_window = 64 * 1024;         // what ICU's charset detector looks at
constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

unsigned char byte_at(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(s[i]) != ascii_lower(prefix[i])) return false;
  }
  return true;
}

std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from = 0) {
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    if (istarts_with(haystack.substr(i), needle)) return i;
  }
  return std::string_view::npos;
}

// ---- UTF-8 ---------------------------------------------------------------------------------

struct Step {
  std::size_t length; // bytes consumed: the sequence, or the maximal ill-formed subpart
  bool ok;
};

// Decodes one sequence at `i` following the Unicode table of well-formed UTF-8 byte sequences.
Step utf8_step(std::string_view s, std::size_t i) {
  const unsigned b0 = byte_at(s, i);
  if (b0 < 0x80) return {1, true};
  std::size_t trail = 0;
  unsigned lo = 0x80, hi = 0xBF; // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    trail = 1;
  } else if (b0 == 0xE0) {
    trail = 2, lo = 0xA0; // no overlongs
  } else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
    trail = 2;
  } else if (b0 == 0xED) {
    trail = 2, hi = 0x9F; // no surrogates
  } else if (b0 == 0xF0) {
    trail = 3, lo = 0x90; // no overlongs
  } else if (b0 >= 0xF1 && b0 <= 0xF3) {
    trail = 3;
  } else if (b0 == 0xF4) {
    trail = 3, hi = 0x8F; // nothing above U+10FFFF
  } else {
    return {1, false}; // stray continuation byte, C0, C1, F5..FF
  }
  std::size_t k = 1;
  for (std::size_t j = 0; j < trail; ++j, ++k) {
    if (i + k >= s.size()) return {k, false}; // truncated
    const unsigned c = byte_at(s, i + k);
    const unsigned low = j == 0 ? lo : 0x80, high = j == 0 ? hi : 0xBF;
    if (c < low || c > high) return {k, false};
  }
  return {k, true};
}

// Offset of the first ill-formed byte, or npos.
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Skip ASCII eight bytes at a time.
    while (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= s.size()) break;
    if (byte_at(s, i) < 0x80) {
      ++i;
      continue;
    }
    const Step step = utf8_step(s, i);
    if (!step.ok) return i;
    i += step.length;
  }
  return std::string_view::npos;
}

struct Utf8Stats {
  std::size_t multibyte = 0; // well-formed sequences of two or more bytes
  std::size_t invalid = 0;   // ill-formed subparts
};

Utf8Stats utf8_stats(std::string_view s) {
  Utf8Stats stats;
  for (std::size_t i = 0; i < s.size();) {
    const Step step = utf8_step(s, i);
    if (!step.ok)
      ++stats.invalid;
    else if (step.length > 1)
      ++stats.multibyte;
    i += step.length;
  }
  return stats;
}

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// ---- charset labels ------------------------------------------------------------------------

std::string normalize_label(std::string_view label) {
  while (!label.empty() &&
         (is_ascii_space(label.front()) || label.front() == '"' || label.front() == '\''))
    label.remove_prefix(1);
  while (!label.empty() &&
         (is_ascii_space(label.back()) || label.back() == '"' || label.back() == '\''))
    label.remove_suffix(1);
  std::string out(label);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Maps labels the way browsers read them (WHATWG Encoding Standard) where that differs from
// what ICU would do; everything else goes to ICU as is.
std::string canonical_label(std::string label) {
  static constexpr std::array<std::string_view, 6> utf8 = {
      "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"};
  static constexpr std::array<std::string_view, 20> cp1252 = {
      "windows-1252", "cp1252",         "x-cp1252",   "iso-8859-1",      "iso8859-1",
      "iso88591",     "iso_8859-1",     "iso-ir-100", "iso_8859-1:1987", "latin1",
      "l1",           "cp819",          "ibm819",     "csisolatin1",     "us-ascii",
      "ascii",        "ansi_x3.4-1968", "iso646-us",  "csascii",         "latin-1"};
  static constexpr std::array<std::string_view, 6> cp1254 = {
      "iso-8859-9", "iso8859-9", "iso_8859-9", "latin5", "l5", "csisolatin5"};
  static constexpr std::array<std::string_view, 3> cp874 = {"tis-620", "iso-8859-11", "iso8859-11"};
  static constexpr std::array<std::string_view, 5> gb = {"gb2312", "gbk", "x-gbk", "csgb2312",
                                                         "chinese"};
  static constexpr std::array<std::string_view, 4> korean = {"euc-kr", "ks_c_5601-1987", "korean",
                                                             "cseuckr"};
  auto in = [&label](const auto& list) {
    return std::find(list.begin(), list.end(), label) != list.end();
  };
  if (in(utf8)) return "utf-8";
  if (in(cp1252)) return "windows-1252";
  if (in(cp1254)) return "windows-1254";
  if (in(cp874)) return "windows-874";
  if (in(gb)) return "gb18030";
  if (in(korean)) return "windows-949";
  return label;
}

bool is_utf16_label(std::string_view label) {
  return label == "utf-16" || label == "utf-16le" || label == "utf-16be" || label == "utf16";
}

// ---- conversion ----------------------------------------------------------------------------

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// Every unmappable or ill-formed input becomes U+FFFD (ICU's own default writes U+001A for
// converters whose substitution byte is 0x1A).
void substitute_fffd(const void*, UConverterToUnicodeArgs* args, const char*, int32_t,
                     UConverterCallbackReason reason, UErrorCode* status) {
  if (reason > UCNV_IRREGULAR) return; // reset, close, clone
  static constexpr UChar fffd = 0xFFFD;
  *status = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &fffd, 1, 0, status);
}

// Converts `bytes` from `charset` to UTF-8. False if ICU does not know the charset.
bool convert(std::string_view bytes, const std::string& charset, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  Converter from(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status) || !from) return false;
  Converter to(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status) || !to) return false;
  ucnv_setToUCallBack(from.get(), substitute_fffd, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return false;

  out.clear();
  out.reserve(bytes.size() + bytes.size() / 2);
  std::array<UChar, 4096> pivot;
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  std::array<char, 16384> buffer;
  const char* source = bytes.data();
  const char* const source_end = bytes.data() + bytes.size();
  bool reset = true;
  for (;;) {
    char* target = buffer.data();
    status = U_ZERO_ERROR;
    ucnv_convertEx(to.get(), from.get(), &target, buffer.data() + buffer.size(), &source,
                   source_end, pivot.data(), &pivot_source, &pivot_target,
                   pivot.data() + pivot.size(), reset, true, &status);
    reset = false;
    out.append(buffer.data(), static_cast<std::size_t>(target - buffer.data()));
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) {
      // Should not happen with the substituting callback; keep what we have, repaired.
      repair_utf8(out);
    }
    return true;
  }
}

// "utf-16le" / "utf-16be" when the start of `bytes` looks like BOM-less UTF-16 text (mostly
// Latin script: every other byte zero), else empty.
std::string guess_utf16(std::string_view bytes) {
  const std::size_t n = std::min(bytes.size(), sniff_window) & ~std::size_t{1};
  if (n < 2) return {};
  std::size_t even_zero = 0, odd_zero = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (bytes[i] == '\0') ++(i % 2 ? odd_zero : even_zero);
  }
  const std::size_t units = n / 2;
  if (odd_zero * 10 >= units * 3 && even_zero * 20 < units) return "utf-16le";
  if (even_zero * 10 >= units * 3 && odd_zero * 20 < units) return "utf-16be";
  return {};
}

bool has_nul(std::string_view bytes) {
  return bytes.substr(0, sniff_window).find('\0') != std::string_view::npos;
}

// ICU's guess for bytes that are not UTF-8; empty if it has none worth taking.
std::string detect_charset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  if (U_FAILURE(status) || !detector) return {};
  const std::string_view sample = bytes.substr(0, detect_window);
  std::string name;
  ucsdet_enableInputFilter(detector, true); // ignore markup
  ucsdet_setText(detector, sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector, &status);
  if (U_SUCCESS(status) && match) {
    const char* found = ucsdet_getName(match, &status);
    const int32_t confidence = ucsdet_getConfidence(match, &status);
    if (U_SUCCESS(status) && found && confidence >= 10) name = normalize_label(found);
  }
  ucsdet_close(detector);
  name = canonical_label(name);
  // We only get here with bytes that are not UTF-8; the EBCDIC guesses (IBM420, IBM424) are never
  // right for web pages and news feeds; UTF-16 and UTF-32 without any NUL byte are implausible.
  if (name == "utf-8" || name.starts_with("ibm42") ||
      ((name.starts_with("utf-16") || name.starts_with("utf-32")) && !has_nul(bytes)))
    name.clear();
  return name;
}

// UTF-8, possibly with a few invalid sequences: handed back as is, for the caller to
// `repair_utf8` (and report where the damage is).
Transcoded from_utf8(std::string_view bytes) {
  return {std::string(bytes), "utf-8", false};
}

Transcoded from_charset(std::string_view bytes, const std::string& charset) {
  Transcoded result{{}, charset, false};
  if (!convert(bytes, charset, result.utf8)) {
    result.charset = "windows-1252"; // always known to ICU
    convert(bytes, result.charset, result.utf8);
  }
  result.converted = result.utf8 != bytes;
  return result;
}

} // namespace

std::string html_declared_charset(std::string_view bytes) {
  const std::string_view s = bytes.substr(0, declaration_window);
  // Reads the attributes of a tag from `i` (just past its name) to its `>`.
  auto attributes = [&s](std::size_t i, auto&& on_attribute) {
    while (i < s.size()) {
      while (i < s.size() && (is_ascii_space(s[i]) || s[i] == '/')) ++i;
      if (i >= s.size() || s[i] == '>') return;
      if (s[i] == '?' && i + 1 < s.size() && s[i + 1] == '>') return;
      const std::size_t name_start = i;
      while (i < s.size() && !is_ascii_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
        ++i;
      const std::string_view name = s.substr(name_start, i - name_start);
      while (i < s.size() && is_ascii_space(s[i])) ++i;
      std::string_view value;
      if (i < s.size() && s[i] == '=') {
        ++i;
        while (i < s.size() && is_ascii_space(s[i])) ++i;
        if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
          const char quote = s[i++];
          const std::size_t end = std::min(s.find(quote, i), s.size());
          value = s.substr(i, end - i);
          i = end + 1;
        } else {
          const std::size_t value_start = i;
          while (i < s.size() && !is_ascii_space(s[i]) && s[i] != '>') ++i;
          value = s.substr(value_start, i - value_start);
        }
      }
      if (name.empty())
        ++i; // a stray character; move on
      else
        on_attribute(name, value);
    }
  };
  // "text/html; charset=ISO-8859-1" -> "ISO-8859-1"
  auto charset_in_content = [](std::string_view content) -> std::string_view {
    for (std::size_t at = ifind(content, "charset"); at != std::string_view::npos;
         at = ifind(content, "charset", at + 1)) {
      std::size_t i = at + 7;
      while (i < content.size() && is_ascii_space(content[i])) ++i;
      if (i >= content.size() || content[i] != '=') continue;
      ++i;
      while (i < content.size() && is_ascii_space(content[i])) ++i;
      if (i < content.size() && (content[i] == '"' || content[i] == '\'')) ++i;
      const std::size_t start = i;
      while (i < content.size() && !is_ascii_space(content[i]) && content[i] != ';' &&
             content[i] != '"' && content[i] != '\'')
        ++i;
      return content.substr(start, i - start);
    }
    return {};
  };

  for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    const std::string_view rest = s.substr(i);
    if (rest.starts_with("<!--")) {
      const std::size_t end = s.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 2;
      continue;
    }
    std::string found;
    if (istarts_with(rest, "<?xml") && rest.size() > 5 && is_ascii_space(rest[5])) {
      attributes(i + 5, [&found](std::string_view name, std::string_view value) {
        if (found.empty() && iequals_ascii(name, "encoding")) found = normalize_label(value);
      });
    } else if (istarts_with(rest, "<meta") && rest.size() > 5 &&
               (is_ascii_space(rest[5]) || rest[5] == '/')) {
      std::string charset, content;
      bool content_type = false;
      attributes(i + 5, [&](std::string_view name, std::string_view value) {
        if (iequals_ascii(name, "charset") && charset.empty())
          charset = normalize_label(value);
        else if (iequals_ascii(name, "http-equiv"))
          content_type = iequals_ascii(value, "content-type");
        else if (iequals_ascii(name, "content") && content.empty())
          content = std::string(value);
      });
      if (!charset.empty())
        found = charset;
      else if (content_type)
        found = normalize_label(charset_in_content(content));
    }
    if (!found.empty()) return found;
  }
  return {};
}

Transcoded to_utf8(std::string_view bytes, std::string_view declared_charset) {
  // 1. A byte order mark is the most reliable signal there is.
  if (bytes.starts_with("\xEF\xBB\xBF")) return from_utf8(bytes.substr(3));
  if (bytes.starts_with(std::string_view("\x00\x00\xFE\xFF", 4)))
    return from_charset(bytes.substr(4), "utf-32be");
  if (bytes.starts_with(std::string_view("\xFF\xFE\x00\x00", 4)))
    return from_charset(bytes.substr(4), "utf-32le");
  if (bytes.starts_with("\xFE\xFF")) return from_charset(bytes.substr(2), "utf-16be");
  if (bytes.starts_with("\xFF\xFE")) return from_charset(bytes.substr(2), "utf-16le");

  // 2. The declared charset.
  const std::string label = canonical_label(normalize_label(declared_charset));
  if (!label.empty() && label != "utf-8") {
    if (is_utf16_label(label)) {
      // Only believable if the bytes look like it (HTML says to read such pages as UTF-8).
      if (has_nul(bytes)) {
        std::string guess = guess_utf16(bytes);
        if (label == "utf-16le" || label == "utf-16be") guess = label;
        return from_charset(bytes, guess.empty() ? "utf-16le" : guess);
      }
    } else if (!(has_non_ascii(bytes) && is_valid_utf8(bytes))) {
      Transcoded result{{}, label, false};
      if (convert(bytes, label, result.utf8)) {
        result.converted = result.utf8 != bytes;
        return result;
      }
      // A charset ICU does not know: as if none had been declared.
    }
  }

  // 3. UTF-16 without a byte order mark.
  if (has_nul(bytes)) {
    const std::string guess = guess_utf16(bytes);
    if (!guess.empty()) return from_charset(bytes, guess);
  }

  // 4. UTF-8, or UTF-8 with a few bad bytes.
  const Utf8Stats stats = utf8_stats(bytes);
  if (stats.invalid == 0 || stats.multibyte >= stats.invalid) return from_utf8(bytes);

  // 5. Whatever ICU thinks it is.
  const std::string detected = detect_charset(bytes);
  return from_charset(bytes, detected.empty() ? "windows-1252" : detected);
}

bool is_valid_utf8(std::string_view text) {
  return first_invalid_utf8(text) == std::string_view::npos;
}

std::size_t repair_utf8(std::string& text, std::size_t* first_bad_offset) {
  std::size_t i = first_invalid_utf8(text);
  if (first_bad_offset) *first_bad_offset = i;
  if (i == std::string_view::npos) return 0;
  const std::string_view in = text;
  std::string out;
  out.reserve(text.size() + 16);
  out.append(in.substr(0, i));
  std::size_t replaced = 0;
  while (i < in.size()) {
    const Step step = utf8_step(in, i);
    if (step.ok) {
      out.append(in.substr(i, step.length));
    } else {
      out.append(replacement);
      ++replaced;
    }
    i += step.length;
  }
  text.swap(out);
  return replaced;
}

bool looks_binary(std::string_view first_bytes) {
  const std::string_view s = first_bytes.substr(0, binary_window);
  if (s.empty()) return false;
  using namespace std::string_view_literals;
  // Byte order marks: text, whatever the NUL bytes of UTF-16/32 say.
  static constexpr std::array<std::string_view, 4> boms = {"\xEF\xBB\xBF"sv, "\xFF\xFE"sv,
                                                           "\xFE\xFF"sv, "\0\0\xFE\xFF"sv};
  for (std::string_view bom : boms) {
    if (s.starts_with(bom)) return false;
  }
  static constexpr std::array<std::string_view, 14> signatures = {
      "\x89PNG"sv,                  // PNG
      "\xFF\xD8\xFF"sv,             // JPEG
      "GIF87a"sv,                   // GIF
      "GIF89a"sv,                   // GIF
      "%PDF-"sv,                    // PDF
      "PK\x03\x04"sv,               // zip, docx, epub
      "\x1F\x8B"sv,                 // gzip
      "BZh"sv,                      // bzip2 (checked further below)
      "\xFD\x37\x7A\x58\x5A"sv,     // xz
      "\x28\xB5\x2F\xFD"sv,         // zstd
      "\x37\x7A\xBC\xAF\x27\x1C"sv, // 7z
      "\x7F\x45\x4C\x46"sv,         // ELF
      "RIFF"sv,                     // WAV, AVI, WebP
      "OggS"sv};                    // Ogg
  for (std::string_view signature : signatures) {
    if (!s.starts_with(signature)) continue;
    if (signature == "BZh") { // "BZh9" followed by the block magic, not a word starting "BZh"
      if (s.size() >= 10 && s[3] >= '1' && s[3] <= '9' && s.substr(4, 6) == "1AY&SY") return true;
      continue;
    }
    return true;
  }
  std::size_t control = 0;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) || c == 0x7F)
      ++control;
  }
  return control * 10 > s.size();
}

} // namespace newsdex::detail
