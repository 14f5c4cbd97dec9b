#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>

#include "index/collection.hpp"
#include "index/collection_stats.hpp"
#include "index/database_meta.hpp"
#include "index/xapian_errors.hpp"
#include "schema/stored_article.hpp"
#include "search/query_parser.hpp"
#include "search/snippet.hpp"

#include <xapian.h>

#include <chrono>
#include <cmath>
#include <filesystem>

namespace newsdex {

struct Searcher::Impl {
  std::string path;
  Analyzer analyzer;
  Xapian::Database db;

  Impl(const std::string& p, AnalyzerOptions options) : path(p), analyzer(std::move(options)) {
    db = detail::open_collection(path);
    detail::translate_xapian(path,
                             [&] { detail::check_compatible(db, analyzer.fingerprint(), path); });
  }

  // Every read goes through here: a writer committing twice since we opened makes Xapian throw
  // DatabaseModifiedError; reopening gives the latest committed state.
  template <class F> auto read(F&& f) -> decltype(f()) {
    for (int attempt = 0;; ++attempt) {
      try {
        return detail::translate_xapian(path, f);
      } catch (const Error& e) {
        if (attempt >= 4 || e.message() != "database changed while reading; retry") throw;
        detail::translate_xapian(path, [&] { db.reopen(); });
      }
    }
  }
};

Searcher::Searcher(const std::string& path, AnalyzerOptions analyzer)
    : impl_(std::make_unique<Impl>(path, std::move(analyzer))) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) {
  detail::QueryParserOptions qo;
  qo.syntax = request.syntax;
  qo.strict = request.strict;
  qo.match = request.match;
  detail::ParsedQuery parsed = detail::parse_query(request.query, impl_->analyzer, qo);

  SearchResults results;
  results.query = request.query;
  results.warnings = parsed.warnings;
  impl_->read([&] {
    results.hits.clear();
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(parsed.query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(request.k1, 0, 1, request.b, 0.5));
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                         static_cast<Xapian::doccount>(request.limit));
    results.total_estimate = mset.get_matches_estimated();
    std::size_t rank = request.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Article a = detail::decode_stored_article(it.get_document().get_data());
      Hit h;
      h.id = std::move(a.id);
      h.rank = ++rank;
      h.score = it.get_weight();
      h.title = std::move(a.title);
      h.date = std::move(a.date);
      h.source = std::move(a.source);
      h.url = std::move(a.url);
      if (request.snippets) {
        auto s =
            detail::make_snippet(a.body, parsed.highlight, impl_->analyzer, request.snippet_bytes);
        h.snippet = std::move(s.text);
        h.highlights = std::move(s.highlights);
      }
      results.hits.push_back(std::move(h));
    }
    return 0;
  });
  return results;
}

CollectionStats Searcher::stats() {
  return impl_->read([&] { return detail::compute_stats(impl_->db, impl_->path); });
}

std::optional<Article> Searcher::article(const std::string& id) {
  return impl_->read([&]() -> std::optional<Article> {
    std::string term = schema::id_term(id);
    auto p = impl_->db.postlist_begin(term);
    if (p == impl_->db.postlist_end(term)) return std::nullopt;
    return detail::decode_stored_article(impl_->db.get_document(*p).get_data());
  });
}

} // namespace newsdex
