// Word segmentation without ICU for ASCII text. ICU's word break iterator costs about a hundred
// instructions a byte; news text is mostly ASCII, where UAX #29 reduces to a few byte classes.
// Index and query share the analyzer, so the ASCII path must give ICU's exact segments: it is
// enabled only for rule sets checked byte for byte against ICU (tests/unit/ascii_words_test.cpp)
// and leaves everything it cannot be sure of (any byte >= 0x80 nearby) to ICU.
#pragma once

#include <unicode/brkiter.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace newsdex::detail {

/// A segment of the word break iterator: [begin, end), and whether its rule status is a word's
/// (>= UBRK_WORD_NONE_LIMIT: letters, digits, ideographs).
struct WordSegment {
  std::uint32_t begin, end;
  bool word;
  friend bool operator==(const WordSegment&, const WordSegment&) = default;
};

/// The ICU word rules the ASCII segmenter reproduces. They differ in ASCII only by ':', which
/// joins letters ("EU:n") under the Finnish and Swedish rules and nowhere else.
enum class AsciiWordRules : std::uint8_t { root, colon_joins_letters };

/// The ASCII rules `breaker` follows, or nullopt when its rules are not a set verified here
/// (another ICU version, locale or data): then only ICU segments.
std::optional<AsciiWordRules> ascii_word_rules(const icu::BreakIterator& breaker);

/// Appends to `out` the segments of `text` from `from`, which must be a segment boundary, as
/// the break iterator would find them, and returns where it stopped: text.size(), or the start
/// of the first segment that a byte >= 0x80 could change (a boundary all the same).
std::size_t ascii_word_segments(std::string_view text, std::size_t from, AsciiWordRules rules,
                                std::vector<WordSegment>& out);

/// All the segments of `text` into `out`: the ASCII segmenter where it can, `breaker` for the
/// stretches around non-ASCII bytes (all of `text` when `rules` is nullopt).
void word_segments(std::string_view text, icu::BreakIterator& breaker,
                   std::optional<AsciiWordRules> rules, std::vector<WordSegment>& out);

} // namespace newsdex::detail
