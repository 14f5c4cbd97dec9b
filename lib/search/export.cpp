// export_articles: the stored articles a query matches, as newsdex export writes them.
#include <newsdex/archive.hpp>
#include <newsdex/error.hpp>

#include "query/matcher.hpp"
#include "query/query_parser.hpp"
#include "storage/boundary.hpp"
#include "storage/collection.hpp"
#include "storage/database_meta.hpp"
#include "storage/manifest.hpp"
#include "storage/stored_articles.hpp"
#include "storage/xapian_errors.hpp"

namespace newsdex {

static std::uint64_t export_all(const std::string& collection, const std::string& query,
                                const std::function<void(const Article&)>& sink,
                                const std::optional<AnalyzerOptions>& analyzer) {
  Xapian::Database db = detail::open_collection(collection);
  Analyzer a(detail::resolve_analyzer_options(collection, analyzer));
  return detail::translate_xapian(collection, [&] {
    detail::check_compatible(db, a.fingerprint(), collection);
    if (query.empty()) return detail::for_each_stored_article(db, nullptr, sink);
    detail::QueryParserOptions qo;
    qo.strict = true;
    qo.explain = false;
    qo.database = &db;
    detail::ParsedQuery parsed = detail::parse_query(query, a, qo);
    std::vector<Xapian::docid> matches = detail::matching_documents(db, parsed.query);
    return detail::for_each_stored_article(db, &matches, sink);
  });
}

// Only newsdex::Error leaves it (error.hpp), or what the caller's sink threw, unchanged.
std::uint64_t export_articles(const std::string& collection, const std::string& query,
                              const std::function<void(const Article&)>& sink,
                              const std::optional<AnalyzerOptions>& analyzer) {
  auto guarded_sink = [&](const Article& a) {
    try {
      sink(a);
    } catch (...) {
      throw detail::CallerError{std::current_exception()};
    }
  };
  return detail::at_boundary(collection,
                             [&] { return export_all(collection, query, guarded_sink, analyzer); });
}

} // namespace newsdex
