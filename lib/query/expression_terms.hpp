// Multi-word expressions of the phrase table (lib/data/phrases-en.txt) written as terms of their
// own (schema::expression_prefix), so that the query side's expression evidence is one posting
// list instead of a positional check of every article holding the words (docs/QUERY.md).
//
// An expression's term is made of its analyzed words, not its spelling: "interest rates" and
// "interest rate" are one term, as they are one phrase of stemmed words. Index and query side
// both build it with expression_key, from the terms and positions the collection's analyzer gives.
#pragma once

#include <newsdex/analyzer.hpp>

#include "common/string_hash.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::detail {

/// One analyzed word of an expression: its unprefixed term and its position.
struct PlacedTerm {
  std::string_view term;
  std::uint32_t position = 0;
};

/// The key of an expression term: the terms in order, one space apart, with one "_" for each
/// position between two of them (a stopword: "balance of payments" is "balanc _ payment").
std::string expression_key(std::span<const PlacedTerm> terms);
/// The same, appended to `out`: the matcher builds keys in one reused buffer.
void append_expression_key(std::string& out, std::span<const PlacedTerm> terms);

/// schema::expression_prefix + `key`, bounded as every term is (schema::bounded_term).
std::string expression_term(std::string_view key);

/// Finds the expressions of a table in an article's stream of indexed words. One per analyzer and
/// thread: it keeps the last words it was given.
class ExpressionMatcher {
public:
  /// `expressions`: the table's expressions as written ("interest rates"), each analyzed with
  /// `analyzer` into the key its occurrences will have. An expression with fewer than two indexed
  /// words (all but one are stopwords) is left out: its one word is evidence enough.
  template <class Keys> ExpressionMatcher(Analyzer& analyzer, const Keys& expressions) {
    for (const auto& e : expressions) learn(analyzer, e);
  }

  /// The next field begins: no expression spans two.
  void restart() { count_ = 0; }

  /// Gives the next token of the field; calls `found(key)` for each expression ending with it (a
  /// shorter one inside a longer one too: "oil prices" within "crude oil prices"). Stopwords and
  /// joined compounds are skipped, as the query side skips them.
  template <class F> void add(const Token& t, F&& found) {
    if (t.stopword || t.kind == TokenKind::joined || t.term.empty() || keys_.empty()) return;
    remember(t);
    // Most words end no expression: a bit of a small filter says so before a hash look-up.
    if (!last_bits_.test(filter_bit(t.term)) || last_words_.find(t.term) == last_words_.end())
      return;
    for (std::size_t n = 2; n <= count_ && n <= longest_; ++n) {
      if (t.position - at(n - 1).position >= max_span_) break;
      std::array<PlacedTerm, ring_size> placed;
      for (std::size_t k = 0; k < n; ++k) { // oldest first
        const Recent& r = at(n - 1 - k);
        placed[k] = {r.term, r.position};
      }
      scratch_.clear();
      append_expression_key(scratch_, std::span<const PlacedTerm>(placed.data(), n));
      if (keys_.find(scratch_) != keys_.end()) found(std::string_view(scratch_));
    }
  }

private:
  static constexpr std::size_t ring_size = 8;
  struct Recent {
    std::string term;
    std::uint32_t position = 0;
  };
  static std::size_t filter_bit(std::string_view term) {
    return (static_cast<unsigned char>(term.front()) * 31u + term.size() * 7u +
            static_cast<unsigned char>(term.back())) %
           1024u;
  }
  /// The word `back` words before the last one given (0: the last).
  const Recent& at(std::size_t back) const {
    return ring_[(next_ + ring_.size() - 1 - back) & (ring_.size() - 1)];
  }
  void learn(Analyzer& analyzer, std::string_view expression);
  void remember(const Token& t) {
    Recent& r = ring_[next_];
    r.term.assign(t.term);
    r.position = t.position;
    next_ = (next_ + 1) & (ring_.size() - 1);
    count_ = std::min(count_ + 1, ring_.size());
  }

  StringSet keys_;
  StringSet last_words_;        ///< the last term of some key: most words are not
  std::bitset<1024> last_bits_; ///< filter_bit of each of last_words_
  std::uint32_t max_span_ = 0;  ///< positions the longest expression covers
  std::size_t longest_ = 0;     ///< indexed words of the longest expression
  /// The last words given (a power of two: the index wraps with a mask). The table's longest
  /// expression has four words; one of more than eight is left out.
  std::array<Recent, ring_size> ring_;
  std::size_t next_ = 0;  ///< where the next word goes in ring_
  std::size_t count_ = 0; ///< words in ring_ since restart(), at most its size
  std::string scratch_;
};

} // namespace newsdex::detail
