#include "search/expansion.hpp"

#include <vector>

namespace newsdex::detail {
namespace {

// Text terms only: prefixed terms start with an upper-case ASCII letter (Xapian's convention).
class TextTermsOnly : public Xapian::ExpandDecider {
public:
  bool operator()(const std::string& term) const override {
    return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
  }
};

} // namespace

Xapian::Query expand_query(const Xapian::Query& query, Xapian::Enquire& enquire,
                           const ExpansionSettings& settings) {
  if (query.empty() || settings.terms == 0 || settings.documents == 0) return query;
  enquire.set_query(query);
  Xapian::MSet first = enquire.get_mset(0, settings.documents);
  if (first.empty()) return query;
  Xapian::RSet feedback;
  for (auto it = first.begin(); it != first.end(); ++it) feedback.add_document(*it);

  TextTermsOnly text_terms;
  Xapian::ESet eset = enquire.get_eset(settings.terms, feedback, &text_terms);
  if (eset.empty()) return query;

  // The expansion terms share, in proportion to their ESet weights, as much scale as the original
  // query's text terms have together, so `weight` is the expansion's share of a score whatever
  // the query's length (the RM3 interpolation, on BM25 scores).
  double total = 0;
  for (auto it = eset.begin(); it != eset.end(); ++it) total += it.get_weight();
  std::size_t original_terms = 0;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
    if (text_terms(*t)) ++original_terms;
  if (total <= 0 || original_terms == 0) return query;
  std::vector<Xapian::Query> expansion;
  expansion.reserve(eset.size());
  for (auto it = eset.begin(); it != eset.end(); ++it)
    expansion.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it),
                           it.get_weight() / total * static_cast<double>(original_terms));
  Xapian::Query expanded(Xapian::Query::OP_OR, expansion.begin(), expansion.end());
  return Xapian::Query(Xapian::Query::OP_OR,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, 1.0 - settings.weight),
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expanded, settings.weight));
}

} // namespace newsdex::detail
