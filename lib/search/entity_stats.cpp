// Entity statistics over a collection: top entities (of everything or of a query's matches) and
// entities associated with one. The counting is shared with entity_graph.cpp (entity_terms.hpp).
#include <newsdex/entities.hpp>
#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include "search/entity_terms.hpp"
#include "storage/boundary.hpp"
#include "storage/modified_retry.hpp"

#include <xapian.h>

#include <algorithm>

namespace newsdex {
namespace {

EntityStats entity_stats_of(const std::string& collection, const EntityStatsRequest& request,
                            const std::optional<AnalyzerOptions>& analyzer) {
  detail::EntityCollection o = detail::open_entity_collection(collection, analyzer);
  {
    EntityStats out;
    detail::EntityTermCounts counts;
    if (request.query.empty()) {
      counts = detail::count_all_entity_terms(o.db);
      out.articles = o.db.get_doccount();
    } else {
      auto ids = detail::matching_documents(o, request.query);
      out.articles = ids.size();
      counts = detail::count_entity_terms(o.db, ids);
    }
    auto sorted = detail::by_articles(counts);
    if (sorted.size() > request.limit) sorted.resize(request.limit);
    for (const auto& [term, n] : sorted) {
      std::string name = detail::entity_display_name(o.db, term);
      out.entities.push_back({name, detail::type_of_name(*o.tables, name), n});
    }
    return out;
  }
}

RelatedEntities related_entities_of(const std::string& collection, const RelatedRequest& request,
                                    const std::optional<AnalyzerOptions>& analyzer) {
  if (request.entity.empty()) throw Error(Error::Code::usage, "no entity given");
  detail::EntityCollection o = detail::open_entity_collection(collection, analyzer);
  {
    RelatedEntities out;
    const std::string target =
        schema::bounded_term(schema::entity_prefix, detail::entity_term(*o.tables, request.entity));
    // Scope: all articles, or those matching the query.
    std::vector<Xapian::docid> scope;
    detail::EntityTermCounts totals;
    if (request.query.empty()) {
      totals = detail::count_all_entity_terms(o.db);
      out.articles = o.db.get_doccount();
    } else {
      scope = detail::matching_documents(o, request.query);
      totals = detail::count_entity_terms(o.db, scope);
      out.articles = scope.size();
    }
    // The articles (in scope) naming the entity.
    std::vector<Xapian::docid> with;
    for (auto p = o.db.postlist_begin(target); p != o.db.postlist_end(target); ++p)
      if (request.query.empty() || std::binary_search(scope.begin(), scope.end(), *p))
        with.push_back(*p);
    out.with_entity = with.size();
    out.entity = with.empty() ? detail::entity_term(*o.tables, request.entity)
                              : detail::entity_display_name(o.db, target);
    if (with.empty()) return out;
    detail::EntityTermCounts together = detail::count_entity_terms(o.db, with);
    const double n = static_cast<double>(out.articles);
    const double n_e = static_cast<double>(with.size());
    for (const auto& [term, k] : together) {
      if (term == target || k < request.min_together) continue;
      const double n_f = static_cast<double>(totals[term]);
      const double kk = static_cast<double>(k);
      if (kk * n <= n_e * n_f) continue; // not positively associated
      RelatedEntity r;
      r.together = k;
      r.articles = totals[term];
      r.score = detail::log_likelihood_g2(kk, n_e - kk, n_f - kk, n - n_e - n_f + kk);
      r.name = term; // display name below, for the returned ones only
      out.related.push_back(std::move(r));
    }
    std::sort(out.related.begin(), out.related.end(), [](const auto& a, const auto& b) {
      return a.score != b.score ? a.score > b.score : a.name < b.name;
    });
    if (out.related.size() > request.limit) out.related.resize(request.limit);
    for (auto& r : out.related) {
      r.name = detail::entity_display_name(o.db, r.name);
      r.type = detail::type_of_name(*o.tables, r.name);
    }
    return out;
  }
}

} // namespace

// The public functions: only newsdex::Error leaves them (error.hpp), Xapian's errors translated
// by at_boundary, outside the retry: a read that a writer's commits overtook
// (DatabaseModifiedError) must reach retry_while_modified untranslated, to be run again on the
// latest commit.
EntityStats entity_stats(const std::string& collection, const EntityStatsRequest& request,
                         const std::optional<AnalyzerOptions>& analyzer) {
  return detail::at_boundary(collection, [&] {
    return detail::retry_while_modified(
        [&] { return entity_stats_of(collection, request, analyzer); });
  });
}

RelatedEntities related_entities(const std::string& collection, const RelatedRequest& request,
                                 const std::optional<AnalyzerOptions>& analyzer) {
  return detail::at_boundary(collection, [&] {
    return detail::retry_while_modified(
        [&] { return related_entities_of(collection, request, analyzer); });
  });
}

} // namespace newsdex
