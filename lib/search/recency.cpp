#include "search/recency.hpp"

#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include "ingest/date_parser.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace newsdex::detail {

Xapian::Query with_recency(const Xapian::Database& db, const Xapian::Query& query,
                           const SearchRequest& r) {
  if (r.recency_half_life_days <= 0 || query.empty()) return query;
  double reference = 0;
  if (r.recency_reference.empty()) {
    std::string hi = db.get_value_upper_bound(schema::date_slot);
    if (hi.empty()) return query; // no dated article
    reference = Xapian::sortable_unserialise(hi);
  } else {
    auto d = parse_date(r.recency_reference);
    auto days = d ? days_since_epoch(d->iso) : std::nullopt;
    if (!days)
      throw Error(Error::Code::usage, "bad recency reference date '" + r.recency_reference + "'");
    reference = static_cast<double>(*days);
  }
  // One top-1 pass for the best score, which the boost is a share of.
  Xapian::Enquire probe(db);
  probe.set_query(query);
  probe.set_weighting_scheme(Xapian::BM25Weight(r.k1, 0, 1, r.b, 0.5));
  Xapian::MSet top = probe.get_mset(0, 1);
  if (top.empty() || top.begin().get_weight() <= 0) return query;
  const double scale = r.recency_weight * top.begin().get_weight();
  // Ten half-lives leave a thousandth of the boost; articles up to a year newer than the reference
  // (a --recent-from in the past) get the full boost.
  const double span = std::min(std::ceil(r.recency_half_life_days * 10), 36500.0);
  auto* source = new Xapian::ValueMapPostingSource(schema::date_slot);
  for (double age = -366; age <= span; ++age) {
    double weight = scale * std::exp2(-std::max(age, 0.0) / r.recency_half_life_days);
    source->add_mapping(Xapian::sortable_serialise(reference - age), weight);
  }
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source->release()));
}

} // namespace newsdex::detail
