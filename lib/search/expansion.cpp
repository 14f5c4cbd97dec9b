#include "search/expansion.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace newsdex::detail {
namespace {

// Text terms only: prefixed terms start with an upper-case ASCII letter (Xapian's convention).
bool is_text(const std::string& term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

// Feedback documents count by the cube of their first-pass score: Xapian's ESet treats its RSet
// documents alike, and a lower-ranked document is less likely relevant. Cubing lifted the mean
// MAP of the same centroid from 0.386 (equal weights) to 0.392 at share 0.3 (docs/EVALUATION.md).
constexpr double score_exponent = 3;

} // namespace

double expansion_share(double weight, std::size_t query_terms) {
  if (query_terms == 0 || weight <= 0) return 0;
  if (weight >= 1) return 1;
  // The expansion is a vocabulary of its own; a long query already states most of it, a short
  // one leaves more to the feedback. Scaling the odds keeps the share strictly below 1.
  const double odds =
      weight / (1 - weight) *
      std::sqrt(static_cast<double>(pivot_query_terms) / static_cast<double>(query_terms));
  return odds / (1 + odds);
}

Xapian::Query expand_query(const Xapian::Query& query, const Xapian::Database& db,
                           Xapian::Enquire& enquire, const ExpansionSettings& settings) {
  if (query.empty() || settings.terms == 0 || settings.documents == 0) return query;
  std::unordered_set<std::string> query_terms;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
    if (is_text(*t)) query_terms.insert(*t);
  const double share = expansion_share(settings.weight, query_terms.size());
  if (share <= 0) return query;

  enquire.set_query(query);
  Xapian::MSet first = enquire.get_mset(0, settings.documents);
  if (first.empty()) return query;

  double score_total = 0;
  for (auto it = first.begin(); it != first.end(); ++it)
    score_total += std::pow(it.get_weight(), score_exponent);
  if (score_total <= 0) return query;

  // A BM25-saturated term frequency, so that a long feedback document or a word repeated in one
  // does not dominate the centroid.
  const double average_length = std::max(db.get_avlength(), 1.0);
  std::unordered_map<std::string, double> centroid;
  for (auto it = first.begin(); it != first.end(); ++it) {
    const double share_of_doc = std::pow(it.get_weight(), score_exponent) / score_total;
    const double norm =
        settings.k1 *
        (1 - settings.b + settings.b * static_cast<double>(db.get_doclength(*it)) / average_length);
    for (auto t = db.termlist_begin(*it); t != db.termlist_end(*it); ++t) {
      const std::string term = *t;
      if (!is_text(term) || query_terms.contains(term)) continue;
      const double wdf = t.get_wdf();
      centroid[term] += share_of_doc * wdf * (settings.k1 + 1) / (wdf + norm);
    }
  }

  const double n = static_cast<double>(db.get_doccount());
  std::vector<std::pair<std::string, double>> terms;
  terms.reserve(centroid.size());
  for (const auto& [term, weight] : centroid) {
    const double df = static_cast<double>(db.get_termfreq(term));
    // Robertson-Sparck Jones idf; a term in half the collection or more tells nothing.
    const double idf = std::log((n - df + 0.5) / (df + 0.5));
    if (idf > 0) terms.emplace_back(term, weight * idf);
  }
  if (terms.empty()) return query;
  // Ties broken by term so the expansion does not depend on hash order.
  auto by_weight = [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first < y.first;
  };
  const std::size_t kept = std::min<std::size_t>(settings.terms, terms.size());
  std::partial_sort(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(kept), terms.end(),
                    by_weight);
  terms.resize(kept);

  // The expansion terms share, in proportion to their weights, as much scale as the query's text
  // terms have together, so `share` is the expansion's part of a score whatever the query's
  // length (the RM3 interpolation, on BM25 scores).
  double total = 0;
  for (const auto& term : terms) total += term.second;
  std::vector<Xapian::Query> expansion;
  expansion.reserve(terms.size());
  for (const auto& [term, weight] : terms)
    expansion.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term),
                           weight / total * static_cast<double>(query_terms.size()));
  Xapian::Query expanded(Xapian::Query::OP_OR, expansion.begin(), expansion.end());
  return Xapian::Query(Xapian::Query::OP_OR,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, 1.0 - share),
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expanded, share));
}

} // namespace newsdex::detail
