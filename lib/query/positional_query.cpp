#include "query/positional_query.hpp"

#include <algorithm>

namespace newsdex::detail {
namespace {

using Q = Xapian::Query;

// One operand as the combinations see it: its one-term alternatives (searched together as one
// OR, which Xapian's positional operators accept) and its multi-term ones (each a choice alone).
struct Slot {
  std::vector<std::string> singles;
  std::vector<const PositionalAlternative*> multis;

  std::size_t choices() const { return (singles.empty() ? 0 : 1) + multis.size(); }
};

std::size_t combinations(const std::vector<Slot>& slots, std::size_t cap) {
  std::size_t n = 1;
  for (const auto& s : slots) {
    n *= s.choices();
    if (n > cap) return cap + 1; // saturate: only "over the cap" matters
  }
  return n;
}

Q phrase_of(const std::vector<std::string>& terms, std::uint32_t width) {
  return Q(Q::OP_PHRASE, terms.begin(), terms.end(), width);
}

} // namespace

PositionalResult positional_query(PositionalOrder order,
                                  const std::vector<PositionalOperand>& operands,
                                  std::uint32_t slack, std::size_t max_combinations) {
  PositionalResult out;
  max_combinations = std::max<std::size_t>(max_combinations, 1);
  std::vector<Slot> slots;
  for (const auto& operand : operands) {
    if (operand.matches_nothing) {
      out.query = Q::MatchNothing;
      return out;
    }
    Slot slot;
    for (const auto& a : operand.alternatives) {
      if (a.terms.size() == 1) {
        if (std::find(slot.singles.begin(), slot.singles.end(), a.terms.front()) ==
            slot.singles.end())
          slot.singles.push_back(a.terms.front());
      } else if (a.terms.size() > 1) {
        slot.multis.push_back(&a);
      }
    }
    if (slot.choices() > 0) slots.push_back(std::move(slot));
  }
  if (slots.empty()) return out;

  // Over the bound: drop the last multi-term alternative of the operand with the most choices,
  // so every operand keeps at least its first alternatives.
  while (combinations(slots, max_combinations) > max_combinations) {
    auto widest = std::max_element(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
      return (a.multis.empty() ? 0 : a.choices()) < (b.multis.empty() ? 0 : b.choices());
    });
    if (widest->multis.empty() || widest->choices() < 2) break;
    widest->multis.pop_back();
    ++out.dropped_alternatives;
  }

  std::vector<Q> combos;
  std::vector<std::size_t> pick(slots.size(), 0);
  for (;;) {
    std::vector<Q> subs;
    std::vector<Q> exact; // multi-term names kept whole when flattened into a wider window
    std::uint32_t width = 0;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const Slot& s = slots[i];
      std::size_t c = pick[i];
      if (!s.singles.empty() && c == 0) {
        subs.push_back(s.singles.size() == 1 ? Q(s.singles.front())
                                             : Q(Q::OP_OR, s.singles.begin(), s.singles.end()));
        width += 1;
        continue;
      }
      const PositionalAlternative& a = *s.multis[c - (s.singles.empty() ? 0 : 1)];
      for (const auto& t : a.terms) subs.emplace_back(t);
      width += a.width;
      if (slots.size() > 1) exact.push_back(phrase_of(a.terms, a.width));
    }
    Q q;
    if (subs.size() == 1)
      q = subs.front();
    else if (slots.size() == 1) // one multi-term alternative alone: its own phrase
      q = Q(Q::OP_PHRASE, subs.begin(), subs.end(), width);
    else
      q = Q(order == PositionalOrder::any ? Q::OP_NEAR : Q::OP_PHRASE, subs.begin(), subs.end(),
            slack + width);
    if (!exact.empty())
      q = Q(Q::OP_FILTER, q,
            exact.size() == 1 ? exact.front() : Q(Q::OP_AND, exact.begin(), exact.end()));
    combos.push_back(std::move(q));

    // Next combination (an odometer over the operands' choices).
    std::size_t i = 0;
    for (; i < slots.size(); ++i) {
      if (++pick[i] < slots[i].choices()) break;
      pick[i] = 0;
    }
    if (i == slots.size()) break;
  }
  out.query = combos.size() == 1 ? combos.front() : Q(Q::OP_SYNONYM, combos.begin(), combos.end());
  return out;
}

} // namespace newsdex::detail
