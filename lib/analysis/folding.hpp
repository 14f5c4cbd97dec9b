// Character-level normalization and the small word-shape tests the analyzer's rules use.
#pragma once

#include <string>
#include <string_view>

#include <unicode/unistr.h>

namespace newsdex::detail {

/// NFKC case folding, accents removed from Latin letters, apostrophes unified to ASCII `'`,
/// control characters and U+FFFD (from invalid UTF-8) dropped. Reuses its buffers.
class Folder {
public:
  void fold(std::string_view raw, std::string& out);

private:
  icu::UnicodeString in_, mid_, out_;
};

/// Removes a trailing possessive `'s` or a trailing `'` ("allies'") from a folded word.
void strip_possessive(std::string& folded);

/// "u.s", "u.s.", "u.k" : single letters separated by dots, at least two of them.
bool is_dotted_acronym(std::string_view folded);

/// "NATO", "GDP", "NATO’s" as written: two or more capital letters and nothing else (a possessive
/// ending aside).
bool is_capitalised_acronym(std::string_view raw);

/// Regular British -> American spelling patterns (organisation -> organization, centre ->
/// center) for words the variant table does not list. Returns true and fills `out` on a change.
bool fold_variant_pattern(std::string_view word, std::string& out);

} // namespace newsdex::detail
