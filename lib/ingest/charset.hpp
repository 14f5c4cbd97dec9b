// Character sets of input files: declared charsets, conversion to UTF-8, UTF-8 validation and
// repair, and a cheap "is this a text file at all" test.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex::detail {

/// The charset a page declares in its first 4 KiB: `<meta charset=...>`, `<meta http-equiv=
/// "Content-Type" content="text/html; charset=...">` or an `<?xml ... encoding="..."?>`
/// declaration. Lowercased and trimmed; empty if none.
std::string html_declared_charset(std::string_view bytes);

/// The result of `to_utf8`.
struct Transcoded {
  std::string utf8;    ///< the text without a byte order mark (see `to_utf8` on validity)
  std::string charset; ///< lowercase name of the charset the bytes were read as ("utf-8", ...)
  /// True if the bytes were read as another charset than UTF-8 and that changed them (pure
  /// ASCII read as windows-1252 is not "converted").
  bool converted = false;
};

/// Converts `bytes` to UTF-8.
///  - A byte order mark wins over everything: a UTF-8 BOM is stripped, UTF-16/UTF-32 text with a
///    BOM is converted.
///  - Otherwise a declared charset other than UTF-8 is used (labels as browsers read them:
///    "iso-8859-1" and "us-ascii" mean windows-1252). Exception: bytes that are valid UTF-8 and
///    contain non-ASCII characters are taken as mislabelled UTF-8, since legacy 8-bit text
///    practically never forms valid multi-byte UTF-8 sequences. A declared charset ICU does not
///    know is ignored, and so is a UTF-16 declaration on bytes without NULs.
///  - Otherwise BOM-less UTF-16 (every other byte NUL) is converted.
///  - Otherwise UTF-8 is returned as is: valid UTF-8, and also mostly-valid UTF-8 (at least as
///    many well-formed multi-byte sequences as invalid ones), which is the one case where `utf8`
///    is not valid UTF-8 and the caller should `repair_utf8` it.
///  - Anything else goes through ICU's charset detector (windows-1252 when it finds nothing).
/// Text converted from another charset is always valid UTF-8 (unmappable bytes become U+FFFD).
/// Never throws on bad input.
Transcoded to_utf8(std::string_view bytes, std::string_view declared_charset);

/// True if `text` is well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// Replaces each ill-formed sequence in `text` with U+FFFD (one per maximal ill-formed subpart,
/// as browsers and ICU do: "\xE2\x82" followed by "A" is one U+FFFD, an overlong "\xC0\xAF" is
/// two). Returns the number of replacements. If `first_bad_offset` is not null it receives the
/// byte offset (in the original text) of the first invalid byte, or `std::string::npos` if there
/// was none; the text is then left unchanged.
std::size_t repair_utf8(std::string& text, std::size_t* first_bad_offset = nullptr);

/// True if the start of a file looks like binary data rather than text: a NUL byte, a known
/// binary signature (PNG, JPEG, GIF, PDF, ZIP, gzip, ...) or more than 10% control characters
/// other than \t \n \r \f and ESC, looking at the first 8 KiB. Text with a UTF-16 or UTF-32
/// byte order mark counts as text.
bool looks_binary(std::string_view first_bytes);

} // namespace newsdex::detail
