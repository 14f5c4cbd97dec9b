#include "query/query_description.hpp"

namespace newsdex::detail {

namespace {

using Q = Xapian::Query;

const char* op_name(Xapian::Query::op op) {
  switch (op) {
  case Q::OP_AND:
    return "AND";
  case Q::OP_OR:
    return "OR";
  case Q::OP_AND_NOT:
    return "AND_NOT";
  case Q::OP_XOR:
    return "XOR";
  case Q::OP_AND_MAYBE:
    return "AND_MAYBE";
  case Q::OP_FILTER:
    return "FILTER";
  case Q::OP_NEAR:
    return "NEAR";
  case Q::OP_PHRASE:
    return "PHRASE";
  case Q::OP_SYNONYM:
    return "SYNONYM";
  case Q::OP_MAX:
    return "MAX";
  case Q::OP_ELITE_SET:
    return "ELITE_SET";
  case Q::OP_SCALE_WEIGHT:
    return "SCALE_WEIGHT";
  default:
    return nullptr;
  }
}

void describe(const Q& q, int depth, std::string& out) {
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  const char* name = op_name(q.get_type());
  if (q.get_type() == Q::LEAF_TERM && q.get_unique_terms_begin() != q.get_unique_terms_end()) {
    out += *q.get_unique_terms_begin();
    out += '\n';
    return;
  }
  if (!name || q.get_num_subqueries() == 0) {
    out += q.get_description();
    out += '\n';
    return;
  }
  out += name;
  if (q.get_type() == Q::OP_SCALE_WEIGHT) {
    // Xapian 1.4 has no accessor for the factor; its description starts "Query(0.25 * ".
    const std::string d = q.get_description();
    const std::size_t at = d.find('('), times = d.find(" * ");
    if (at != std::string::npos && times != std::string::npos && times > at)
      out.append(" ").append(d, at + 1, times - at - 1);
  }
  out += '\n';
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
    describe(q.get_subquery(i), depth + 1, out);
}

} // namespace

std::string describe_query(const Xapian::Query& query) {
  std::string out;
  describe(query, 0, out);
  return out;
}

} // namespace newsdex::detail
