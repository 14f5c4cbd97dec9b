// Positional operators (NEAR, ADJ, phrases) over words that stand for more than one term.
//
// Xapian 1.4's OP_NEAR and OP_PHRASE accept only terms and ORs of terms as subqueries; a synonym
// (an entity's other names), a wildcard or a nested phrase makes Xapian throw. A word of the
// query may stand for several alternatives ("U.S." is us or "united states"), so the operator is
// distributed over them: single-term alternatives share one OR, and each multi-term alternative
// gets a combination of its own, bounded in count.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace newsdex::detail {

/// A sequence of terms that occupies `width` positions (stopwords between them are not indexed
/// but counted): "united states" is two terms over two positions.
struct PositionalAlternative {
  std::vector<std::string> terms;
  std::uint32_t width = 1;
};

/// One side of a positional operator: the alternatives it may stand for. Empty means the word
/// left nothing to search (a stopword); `matches_nothing` means it can never match (a wildcard
/// that expands to no indexed term), which makes the whole operator match nothing.
struct PositionalOperand {
  std::vector<PositionalAlternative> alternatives;
  bool matches_nothing = false;
};

enum class PositionalOrder {
  any,     ///< NEAR: the operands in any order
  in_order ///< ADJ and phrases: in the order given
};

struct PositionalResult {
  Xapian::Query query;
  /// Multi-term alternatives left out to keep within the bound on combinations.
  std::size_t dropped_alternatives = 0;
};

/// The operands within a window of `slack` positions plus the widths of the alternatives chosen
/// from them: for NEAR/n with one-word operands the slack is n - 1, for a phrase it is the
/// number of stopwords it spans. At most `max_combinations` combinations of multi-term
/// alternatives are built (the ones left out are counted); more than one are weighed together as
/// an OP_SYNONYM, so a name with many spellings scores like one. Empty operands are skipped; no
/// operand left gives an empty query.
PositionalResult positional_query(PositionalOrder order,
                                  const std::vector<PositionalOperand>& operands,
                                  std::uint32_t slack, std::size_t max_combinations = 32);

} // namespace newsdex::detail
