#include "search/facets.hpp"

#include <newsdex/schema.hpp>

#include "query/matcher.hpp"
#include "search/matching_set.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace newsdex {

std::optional<FacetKind> facet_kind_from_string(std::string_view name) {
  if (name == "source") return FacetKind::source;
  if (name == "year") return FacetKind::year;
  if (name == "month") return FacetKind::month;
  if (name == "entity") return FacetKind::entity;
  return std::nullopt;
}

std::string_view to_string(FacetKind kind) {
  switch (kind) {
  case FacetKind::source:
    return "source";
  case FacetKind::year:
    return "year";
  case FacetKind::month:
    return "month";
  case FacetKind::entity:
    return "entity";
  }
  return "source";
}

namespace detail {
namespace {

// Adds `n` to the count of each name of a '\n'-separated entities value.
void add_entity_names(std::map<std::string, Xapian::doccount>& counts, const std::string& v,
                      Xapian::doccount n) {
  std::size_t at = 0;
  while (at < v.size()) {
    std::size_t nl = v.find('\n', at);
    if (nl == std::string::npos) nl = v.size();
    if (nl > at) counts[v.substr(at, nl - at)] += n;
    at = nl + 1;
  }
}

// Counts each name of the '\n'-separated entities value over the matching set. A custom
// MatchSpy (not serialisable): used on local shards only. With remote shards the entity lists
// are counted by Xapian's ValueCountMatchSpy and split afterwards (count_facets).
class EntityCountSpy : public Xapian::MatchSpy {
public:
  std::map<std::string, Xapian::doccount> counts;
  void operator()(const Xapian::Document& doc, double) override {
    add_entity_names(counts, doc.get_value(schema::entities_slot), 1);
  }
  std::string name() const override { return "newsdex::EntityCountSpy"; }
};

// The value counts of one slot over the matching set, by Xapian's ValueCountMatchSpy (remote-safe)
// unless every document holds one same value (a collection from one source): then that value's
// count is the number of matches, and no value is read.
struct SlotCounts {
  std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
  std::string constant;
  Xapian::doccount matches = 0; ///< set after the counting pass

  SlotCounts(const Xapian::Database& db, Xapian::valueno slot, Xapian::Enquire& counting) {
    // The bounds may be loose after deletions, never narrow: equal bounds are the only value.
    if (db.get_value_freq(slot) == db.get_doccount()) {
      std::string lo = db.get_value_lower_bound(slot);
      if (!lo.empty() && lo == db.get_value_upper_bound(slot)) {
        constant = std::move(lo);
        return;
      }
    }
    spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
    counting.add_matchspy(spy.get());
  }

  template <class F> void each(F&& f) const {
    if (!spy) {
      if (matches > 0) f(constant, matches);
      return;
    }
    for (auto v = spy->values_begin(); v != spy->values_end(); ++v)
      if (!(*v).empty()) f(*v, v.get_termfreq());
  }
};

std::vector<FacetValue> top_values(std::vector<FacetValue> values, std::size_t limit) {
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (values.size() > limit) values.resize(limit);
  return values;
}

} // namespace

// year comes from the month counts (the two values are written together, the year being the
// month's first four characters): a value read a match fewer.
FacetCounts count_facets(const Xapian::Database& db, const Xapian::Query& query,
                         const std::vector<FacetKind>& kinds, std::size_t limit,
                         bool remote_shards) {
  FacetCounts out;
  std::optional<SlotCounts> source_counts, month_counts;
  std::unique_ptr<EntityCountSpy> entity_spy;
  std::unique_ptr<Xapian::ValueCountMatchSpy> entity_lists; // remote shards: whole lists
  Xapian::Enquire counting(db);
  counting.set_weighting_scheme(Xapian::BoolWeight());
  for (FacetKind f : kinds) {
    if (f == FacetKind::entity && !entity_spy && !entity_lists) {
      if (remote_shards) {
        entity_lists = std::make_unique<Xapian::ValueCountMatchSpy>(schema::entities_slot);
        counting.add_matchspy(entity_lists.get());
      } else {
        entity_spy = std::make_unique<EntityCountSpy>();
        counting.add_matchspy(entity_spy.get());
      }
    } else if (f == FacetKind::source && !source_counts) {
      source_counts.emplace(db, schema::source_slot, counting);
    } else if ((f == FacetKind::year || f == FacetKind::month) && !month_counts) {
      month_counts.emplace(db, schema::month_slot, counting);
    }
  }
  counting.set_query(unweighted(matching_set_query(query)));
  Xapian::MSet all = counting.get_mset(0, 0, db.get_doccount());
  out.matches = all.get_matches_estimated();
  for (auto* c : {&source_counts, &month_counts})
    if (*c) (*c)->matches = out.matches;

  for (FacetKind f : kinds) {
    Facet facet;
    facet.kind = f;
    std::vector<FacetValue> values;
    if (f == FacetKind::entity) {
      std::map<std::string, Xapian::doccount> split;
      if (entity_lists)
        for (auto v = entity_lists->values_begin(); v != entity_lists->values_end(); ++v)
          add_entity_names(split, *v, v.get_termfreq());
      for (const auto& [name, count] : entity_lists ? split : entity_spy->counts)
        values.push_back({name, count});
    } else if (f == FacetKind::year) {
      std::map<std::string, Xapian::doccount> years;
      month_counts->each(
          [&](const std::string& month, Xapian::doccount n) { years[month.substr(0, 4)] += n; });
      for (const auto& [year, count] : years) values.push_back({year, count});
    } else {
      (f == FacetKind::source ? *source_counts : *month_counts)
          .each([&](const std::string& v, Xapian::doccount n) {
            values.push_back({v, n});
          });
    }
    facet.values = top_values(std::move(values), limit);
    out.facets.push_back(std::move(facet));
  }
  return out;
}

} // namespace detail
} // namespace newsdex
