#include "query/matcher.hpp"

namespace newsdex::detail {

Xapian::Query unweighted(const Xapian::Query& query) {
  if (query.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, query);
}

std::vector<Xapian::docid> matching_documents(const Xapian::Database& db,
                                              const Xapian::Query& query) {
  std::vector<Xapian::docid> out;
  if (query.empty()) return out;
  Xapian::Enquire enquire(db);
  enquire.set_query(unweighted(query));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  constexpr Xapian::doccount chunk = 10000;
  for (Xapian::doccount first = 0;; first += chunk) {
    Xapian::MSet mset = enquire.get_mset(first, chunk);
    for (auto m = mset.begin(); m != mset.end(); ++m) out.push_back(*m);
    if (mset.size() < chunk) break;
  }
  return out;
}

} // namespace newsdex::detail
