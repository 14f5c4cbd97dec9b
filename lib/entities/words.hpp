// The recognizer's words: a text split on its original UTF-8 bytes, each word with its byte span
// and what its letters and the characters around it say (case, dots, possessive, sentence start).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace newsdex::detail {
struct EntityTables;
}

namespace newsdex::detail::entities {

struct Word {
  std::uint32_t begin = 0, end = 0; ///< the token
  std::uint32_t name_end = 0;       ///< end without a possessive ’s / '
  std::uint32_t line = 0;
  bool cap = false;    ///< first letter upper-case
  bool upper = false;  ///< letters all upper-case (at least one)
  bool lower = false;  ///< letters all lower-case (at least one)
  bool digit = false;  ///< contains a digit
  bool dotted = false; ///< contains '.' (U.S., J., Corp.)
  bool possessive = false;
  bool initial = false;    ///< first word of a sentence or line
  bool joined = false;     ///< only spaces separate it from the next word on the same line
  bool stop = false;       ///< sentence punctuation follows
  bool dash_after = false; ///< a dash follows (dateline "BRUSSELS —")
};

/// The words of `text`, in order. Lines are separated by '\n'; the tables' abbreviations keep
/// their period ("Mr.", "Corp.").
std::vector<Word> split_words(std::string_view text, const EntityTables& tables);

} // namespace newsdex::detail::entities
