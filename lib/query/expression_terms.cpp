#include "query/expression_terms.hpp"

#include <newsdex/schema.hpp>

#include <algorithm>

namespace newsdex::detail {

void append_expression_key(std::string& out, std::span<const PlacedTerm> terms) {
  for (std::size_t k = 0; k < terms.size(); ++k) {
    if (k > 0) {
      for (std::uint32_t gap = terms[k - 1].position + 1; gap < terms[k].position; ++gap)
        out += " _";
      out += ' ';
    }
    out += terms[k].term;
  }
}

std::string expression_key(std::span<const PlacedTerm> terms) {
  std::string key;
  append_expression_key(key, terms);
  return key;
}

std::string expression_term(std::string_view key) {
  return schema::bounded_term(schema::expression_prefix, key);
}

void ExpressionMatcher::learn(Analyzer& analyzer, std::string_view expression) {
  std::vector<Analyzer::OwnedToken> tokens = analyzer.tokens(expression);
  std::vector<PlacedTerm> terms;
  for (const auto& t : tokens)
    if (!t.stopword && t.kind != TokenKind::joined && !t.term.empty())
      terms.push_back({t.term, t.position});
  if (terms.size() < 2 || terms.size() > ring_.size()) return;
  longest_ = std::max(longest_, terms.size());
  max_span_ = std::max(max_span_, terms.back().position - terms.front().position + 1);
  last_words_.emplace(terms.back().term);
  last_bits_.set(filter_bit(terms.back().term));
  keys_.insert(expression_key(terms));
}

} // namespace newsdex::detail
