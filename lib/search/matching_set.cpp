#include "search/matching_set.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace newsdex::detail {
namespace {

bool positional(const Xapian::Query& q) {
  return q.get_type() == Xapian::Query::OP_PHRASE || q.get_type() == Xapian::Query::OP_NEAR;
}

// OR of `subs` for counting. Xapian checks the positions of every candidate of a phrase even when
// another alternative already matches the document; so each phrase (or NEAR) is only tried on the
// documents no plain alternative matches: AND(phrase, NOT plain) has the phrase's position check
// applied last, after the AND (Xapian hoists positional filters to the top of an AND).
Xapian::Query any_of_set(const std::vector<Xapian::Query>& subs) {
  using Q = Xapian::Query;
  std::vector<Q> plain, phrases;
  for (const auto& sub : subs) {
    if (sub.get_type() == Q::OP_OR) { // a synonym's alternatives, flattened
      for (std::size_t i = 0; i < sub.get_num_subqueries(); ++i)
        (positional(sub.get_subquery(i)) ? phrases : plain).push_back(sub.get_subquery(i));
    } else {
      (positional(sub) ? phrases : plain).push_back(sub);
    }
  }
  if (phrases.empty() || plain.empty()) return Q(Q::OP_OR, subs.begin(), subs.end());
  Q others(Q::OP_OR, plain.begin(), plain.end());
  Q unmatched(Q::OP_AND_NOT, Q::MatchAll, others);
  std::vector<Q> out = std::move(plain);
  for (const auto& p : phrases) out.emplace_back(Q::OP_AND, p, unmatched);
  return Q(Q::OP_OR, out.begin(), out.end());
}

} // namespace

// Repeated alternatives are dropped because an entity's other name that analyzes like the words of
// the query is a second copy of the same phrase, whose positions would be checked twice.
Xapian::Query matching_set_query(const Xapian::Query& q) {
  using Q = Xapian::Query;
  const Q::op op = q.get_type();
  const std::size_t n = q.get_num_subqueries();
  switch (op) {
  case Q::OP_AND_MAYBE:
  case Q::OP_SCALE_WEIGHT:
    return matching_set_query(q.get_subquery(0));
  case Q::OP_OR:
  case Q::OP_SYNONYM:
  case Q::OP_AND: {
    std::vector<Q> subs;
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < n; ++i) {
      Q sub = matching_set_query(q.get_subquery(i));
      std::string key;
      try {
        key = sub.serialise();
      } catch (const Xapian::UnimplementedError&) {
        // a posting source that cannot say what it is: never taken for a repeat
      }
      if (!key.empty() && std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      keys.push_back(std::move(key));
      subs.push_back(std::move(sub));
    }
    if (subs.size() == 1) return subs.front();
    if (op == Q::OP_AND) return Q(Q::OP_AND, subs.begin(), subs.end());
    return any_of_set(subs);
  }
  case Q::OP_AND_NOT:
  case Q::OP_FILTER: {
    std::vector<Q> subs;
    for (std::size_t i = 0; i < n; ++i) subs.push_back(matching_set_query(q.get_subquery(i)));
    return Q(op, subs.begin(), subs.end());
  }
  default:
    return q;
  }
}

} // namespace newsdex::detail
