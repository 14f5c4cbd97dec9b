#include "search/similar.hpp"

#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include <vector>

namespace newsdex::detail {
namespace {

// Terms worth a query from an article: no prefixed (boolean or field) terms.
class PlainTermsOnly : public Xapian::ExpandDecider {
public:
  bool operator()(const std::string& term) const override {
    return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
  }
};

} // namespace

SimilarQuery similar_query(const Xapian::Database& db, const std::string& id, std::size_t terms) {
  const std::string id_term = schema::id_term(id);
  auto p = db.postlist_begin(id_term);
  if (p == db.postlist_end(id_term))
    throw Error(Error::Code::usage, "no article with id '" + id + "'");
  Xapian::RSet rset;
  rset.add_document(*p);
  Xapian::Enquire enquire(db);
  PlainTermsOnly decider;
  Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(terms), rset, &decider);
  std::vector<std::string> best(eset.begin(), eset.end());
  SimilarQuery out;
  out.highlight = std::set<std::string>(best.begin(), best.end());
  for (const auto& t : best) out.described += (out.described.empty() ? "" : " ") + t;
  out.query = best.empty() ? Xapian::Query::MatchNothing
                           : Xapian::Query(Xapian::Query::OP_OR, best.begin(), best.end());
  out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, out.query, Xapian::Query(id_term));
  return out;
}

} // namespace newsdex::detail
