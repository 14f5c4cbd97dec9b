// Entity statistics over a collection: top entities (of everything or of a query's matches) and
// entities associated with one. Counts come from the XE terms, so each of an article's entities
// counts once per article. (Xapian's ValueCountMatchSpy counts one value per document; a custom
// MatchSpy splitting the entities value would work too, but spies run on local shards only, not
// through remote backends, so terms are counted here.)
#include <newsdex/entities.hpp>
#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include "entities/recognizer.hpp"
#include "query/matcher.hpp"
#include "query/query_parser.hpp"
#include "storage/boundary.hpp"
#include "storage/collection.hpp"
#include "storage/database_meta.hpp"
#include "storage/manifest.hpp"
#include "storage/xapian_errors.hpp"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace newsdex {
namespace {

using Counts = std::unordered_map<std::string, std::uint64_t>;

struct Opened {
  Xapian::Database db;
  Analyzer analyzer;
  std::shared_ptr<const detail::EntityTables> tables;
};

Opened open(const std::string& path, const std::optional<AnalyzerOptions>& given) {
  // Opened first: a missing collection is reported as missing, not as a settings problem.
  Xapian::Database db = detail::open_collection(path);
  const AnalyzerOptions options = detail::resolve_analyzer_options(path, given);
  Opened o{std::move(db), Analyzer(options), detail::entity_tables(options.entity_files)};
  detail::translate_xapian(path,
                           [&] { detail::check_compatible(o.db, o.analyzer.fingerprint(), path); });
  return o;
}

// The documents matching `query` (all when empty), as a sorted list of ids.
std::vector<Xapian::docid> matching(Opened& o, const std::string& query) {
  std::vector<Xapian::docid> ids;
  Xapian::Query q = Xapian::Query::MatchAll;
  if (!query.empty()) q = detail::parse_query(query, o.analyzer, {}).query;
  Xapian::Enquire enquire(o.db);
  enquire.set_query(detail::unweighted(q));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::MSet mset = enquire.get_mset(0, o.db.get_doccount());
  ids.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
  return ids;
}

// Entity term -> articles, over the given documents.
Counts count_terms(const Xapian::Database& db, const std::vector<Xapian::docid>& ids) {
  Counts counts;
  const std::string prefix(schema::entity_prefix);
  for (Xapian::docid id : ids) {
    Xapian::TermIterator t = db.termlist_begin(id);
    t.skip_to(prefix);
    for (; t != db.termlist_end(id); ++t) {
      const std::string& term = *t;
      if (term.compare(0, prefix.size(), prefix) != 0) break;
      ++counts[term];
    }
  }
  return counts;
}

// Entity term -> articles, over the whole collection (term frequencies, no document read).
Counts count_all(const Xapian::Database& db) {
  Counts counts;
  const std::string prefix(schema::entity_prefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    counts[*t] = t.get_termfreq();
  return counts;
}

// The name as the recognizer wrote it (the terms are lower-cased): from the entities value of
// one document that has the term.
std::string display_name(const Xapian::Database& db, const std::string& term) {
  std::string lowered = term.substr(schema::entity_prefix.size());
  auto p = db.postlist_begin(term);
  if (p != db.postlist_end(term)) {
    std::string names = db.get_document(*p).get_value(schema::entities_slot);
    std::size_t s = 0;
    while (s <= names.size()) {
      std::size_t e = names.find('\n', s);
      if (e == std::string::npos) e = names.size();
      std::string_view name(names.data() + s, e - s);
      if (schema::bounded_term(schema::entity_prefix, [&] {
            std::string l(name);
            for (auto& c : l)
              if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
            return l;
          }()) == term)
        return std::string(name);
      s = e + 1;
    }
  }
  return lowered;
}

// Dunning's log-likelihood ratio G² for a 2×2 contingency table of articles.
double g2(double k11, double k12, double k21, double k22) {
  double n = k11 + k12 + k21 + k22;
  auto term = [&](double k, double row, double col) {
    return k > 0 ? k * std::log(k * n / (row * col)) : 0.0;
  };
  double r1 = k11 + k12, r2 = k21 + k22, c1 = k11 + k21, c2 = k12 + k22;
  return 2 * (term(k11, r1, c1) + term(k12, r1, c2) + term(k21, r2, c1) + term(k22, r2, c2));
}

} // namespace

static EntityStats entity_stats_of(const std::string& collection, const EntityStatsRequest& request,
                                   const std::optional<AnalyzerOptions>& analyzer) {
  Opened o = open(collection, analyzer);
  return detail::translate_xapian(collection, [&] {
    EntityStats out;
    Counts counts;
    if (request.query.empty()) {
      counts = count_all(o.db);
      out.articles = o.db.get_doccount();
    } else {
      auto ids = matching(o, request.query);
      out.articles = ids.size();
      counts = count_terms(o.db, ids);
    }
    std::vector<std::pair<std::string, std::uint64_t>> sorted(counts.begin(), counts.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (sorted.size() > request.limit) sorted.resize(request.limit);
    for (const auto& [term, n] : sorted) {
      std::string name = display_name(o.db, term);
      out.entities.push_back({name, detail::type_of_name(*o.tables, name), n});
    }
    return out;
  });
}

static RelatedEntities related_entities_of(const std::string& collection,
                                           const RelatedRequest& request,
                                           const std::optional<AnalyzerOptions>& analyzer) {
  if (request.entity.empty()) throw Error(Error::Code::usage, "no entity given");
  Opened o = open(collection, analyzer);
  return detail::translate_xapian(collection, [&] {
    RelatedEntities out;
    const std::string target =
        schema::bounded_term(schema::entity_prefix, detail::entity_term(*o.tables, request.entity));
    // Scope: all articles, or those matching the query.
    std::vector<Xapian::docid> scope;
    Counts totals;
    if (request.query.empty()) {
      totals = count_all(o.db);
      out.articles = o.db.get_doccount();
    } else {
      scope = matching(o, request.query);
      totals = count_terms(o.db, scope);
      out.articles = scope.size();
    }
    // The articles (in scope) naming the entity.
    std::vector<Xapian::docid> with;
    for (auto p = o.db.postlist_begin(target); p != o.db.postlist_end(target); ++p)
      if (request.query.empty() || std::binary_search(scope.begin(), scope.end(), *p))
        with.push_back(*p);
    out.with_entity = with.size();
    out.entity =
        with.empty() ? detail::entity_term(*o.tables, request.entity) : display_name(o.db, target);
    if (with.empty()) return out;
    Counts together = count_terms(o.db, with);
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
      r.score = g2(kk, n_e - kk, n_f - kk, n - n_e - n_f + kk);
      r.name = term; // display name below, for the returned ones only
      out.related.push_back(std::move(r));
    }
    std::sort(out.related.begin(), out.related.end(), [](const auto& a, const auto& b) {
      return a.score != b.score ? a.score > b.score : a.name < b.name;
    });
    if (out.related.size() > request.limit) out.related.resize(request.limit);
    for (auto& r : out.related) {
      r.name = display_name(o.db, r.name);
      r.type = detail::type_of_name(*o.tables, r.name);
    }
    return out;
  });
}

// The public functions: only newsdex::Error leaves them (error.hpp).
EntityStats entity_stats(const std::string& collection, const EntityStatsRequest& request,
                         const std::optional<AnalyzerOptions>& analyzer) {
  return detail::at_boundary(collection,
                             [&] { return entity_stats_of(collection, request, analyzer); });
}

RelatedEntities related_entities(const std::string& collection, const RelatedRequest& request,
                                 const std::optional<AnalyzerOptions>& analyzer) {
  return detail::at_boundary(collection,
                             [&] { return related_entities_of(collection, request, analyzer); });
}

} // namespace newsdex
