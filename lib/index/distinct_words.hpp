// The distinct words of one article, kept as they come (document_builder's spelling words).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::detail {

/// Collects words once each, in the order first seen. Each word is looked up in a small
/// open-addressed table of indices by its hash, so a repeated word is neither copied nor
/// compared more than once; sorting and uniquing the article's words instead cost about 2 % of a
/// fresh build's instructions (docs/PERFORMANCE.md). Not a WordCache used as a set: that copies
/// each word into its own buffer and hashes it twice (find, then insert), and took reuters21578's
/// build from 7.37 to 7.58 CPU s (medians of six alternated runs).
class DistinctWords {
public:
  explicit DistinctWords(std::vector<std::string>& out);
  /// Adds `word` unless it is already there.
  void add(std::string_view word);

private:
  void grow();
  std::vector<std::string>& words_;
  std::vector<std::uint32_t> slots_;  ///< index + 1 into words_, 0 when empty
  std::vector<std::uint32_t> hashes_; ///< per word in words_: the hash it was filed by
};

} // namespace newsdex::detail
