// Entity counting shared by entity_stats.cpp and entity_graph.cpp (see entity_terms.hpp).
// Counts come from the XE terms, so each of an article's entities counts once per article.
// (Xapian's ValueCountMatchSpy counts one value per document; a custom MatchSpy splitting the
// entities value would work too, but spies run on local shards only, not through remote
// backends, so terms are counted here.)
#include "search/entity_terms.hpp"

#include <newsdex/schema.hpp>

#include "query/matcher.hpp"
#include "query/query_parser.hpp"
#include "storage/collection.hpp"
#include "storage/database_meta.hpp"
#include "storage/manifest.hpp"

#include <algorithm>
#include <cmath>

namespace newsdex::detail {

EntityCollection open_entity_collection(const std::string& path,
                                        const std::optional<AnalyzerOptions>& given) {
  // Opened first: a missing collection is reported as missing, not as a settings problem.
  Xapian::Database db = open_collection(path);
  const AnalyzerOptions options = resolve_analyzer_options(path, given);
  EntityCollection c{std::move(db), Analyzer(options), entity_tables(options.entity_files)};
  check_compatible(c.db, c.analyzer.fingerprint(), path);
  return c;
}

std::vector<Xapian::docid> matching_documents(EntityCollection& c, const std::string& query) {
  std::vector<Xapian::docid> ids;
  Xapian::Query q = Xapian::Query::MatchAll;
  if (!query.empty()) q = parse_query(query, c.analyzer, {}).query;
  Xapian::Enquire enquire(c.db);
  enquire.set_query(unweighted(q));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::MSet mset = enquire.get_mset(0, c.db.get_doccount());
  ids.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
  return ids;
}

EntityTermCounts count_entity_terms(const Xapian::Database& db,
                                    const std::vector<Xapian::docid>& ids) {
  EntityTermCounts counts;
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

EntityTermCounts count_all_entity_terms(const Xapian::Database& db) {
  EntityTermCounts counts;
  const std::string prefix(schema::entity_prefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    counts[*t] = t.get_termfreq();
  return counts;
}

std::vector<std::pair<std::string, std::uint64_t>> by_articles(const EntityTermCounts& counts) {
  std::vector<std::pair<std::string, std::uint64_t>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return sorted;
}

std::string entity_display_name(const Xapian::Database& db, const std::string& term) {
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
            for (auto& ch : l)
              if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
            return l;
          }()) == term)
        return std::string(name);
      s = e + 1;
    }
  }
  return lowered;
}

double log_likelihood_g2(double k11, double k12, double k21, double k22) {
  double n = k11 + k12 + k21 + k22;
  auto term = [&](double k, double row, double col) {
    return k > 0 ? k * std::log(k * n / (row * col)) : 0.0;
  };
  double r1 = k11 + k12, r2 = k21 + k22, c1 = k11 + k21, c2 = k12 + k22;
  return 2 * (term(k11, r1, c1) + term(k12, r1, c2) + term(k21, r2, c1) + term(k22, r2, c2));
}

} // namespace newsdex::detail
