#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>

#include "query/query_parser.hpp"
#include "schema/stored_article.hpp"
#include "schema/stored_fields.hpp"
#include "search/collapse.hpp"
#include "search/expansion.hpp"
#include "search/facets.hpp"
#include "search/recency.hpp"
#include "search/similar.hpp"
#include "search/snippet.hpp"
#include "search/suggestion.hpp"
#include "storage/collection.hpp"
#include "storage/collection_stats.hpp"
#include "storage/database_meta.hpp"
#include "storage/manifest.hpp"
#include "storage/xapian_errors.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace newsdex {

namespace {

void check_bm25(double k1, double b) {
  if (!(k1 >= 0) || !(b >= 0 && b <= 1))
    throw Error(Error::Code::usage, "BM25 needs k1 >= 0 and 0 <= b <= 1");
}

} // namespace

struct Searcher::Impl {
  std::string path;
  Analyzer analyzer;
  Xapian::Database db;
  detail::QueryCache query_cache; // bound to `analyzer`
  /// Schema version 1 stores the whole article as the document data: its ids are read from the
  /// summaries instead, which is cheaper than inflating the article.
  bool id_in_data = true;

  Impl(const std::string& p, const std::optional<AnalyzerOptions>& given) : path(p) {
    db = detail::open_collection(path);
    analyzer = Analyzer(detail::resolve_analyzer_options(path, given));
    read([&] { // a writer may commit while we open: retried like any read
      detail::check_compatible(db, analyzer.fingerprint(), path);
      id_in_data = db.get_metadata(std::string(schema::meta_schema)) != "1";
      return 0;
    });
  }

  // Every read goes through here: a writer committing twice since we opened makes Xapian throw
  // DatabaseModifiedError; reopening gives the latest committed state.
  // A writer that commits in quick succession can overtake a slow read again and again (seen
  // under the sanitizers with a commit every 20 documents): up to 20 attempts, each after a pause
  // a millisecond longer than the last, so a reader gets through between two of its batches.
  template <class F> auto read(F&& f) -> decltype(f()) {
    constexpr int max_attempts = 20;
    for (int attempt = 1;; ++attempt) {
      try {
        // Reopening can itself meet a commit in progress: inside the try, it is retried too.
        if (attempt > 1) db.reopen();
        return f();
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= max_attempts) detail::rethrow_xapian(e, path);
        std::this_thread::sleep_for(std::chrono::milliseconds(attempt - 1));
      } catch (const Xapian::Error& e) {
        // What Xapian refuses to run is the query's fault, not the database's (CLI exit 2).
        const std::string type = e.get_type();
        if (type == "UnimplementedError" || type == "InvalidArgumentError")
          throw Error(Error::Code::query_syntax, "query: cannot be run: " + e.get_msg());
        detail::rethrow_xapian(e, path);
      }
    }
  }

  // --expand: a first pass's best documents lend their terms to the query (RM3-style).
  Xapian::Query with_feedback(const Xapian::Query& query, const SearchRequest& r) {
    if (query.empty()) return query;
    Xapian::Enquire first(db);
    first.set_weighting_scheme(Xapian::BM25Weight(r.k1, 0, 1, r.b, 0.5));
    detail::ExpansionSettings settings;
    settings.documents = r.expand_documents;
    settings.terms = r.expand_terms;
    settings.weight = r.expand_weight;
    settings.k1 = r.k1;
    settings.b = r.b;
    return detail::expand_query(query, db, first, settings);
  }

  Hit make_hit(const Xapian::MSetIterator& it, std::size_t rank, const SearchRequest& r,
               const std::set<std::string>& highlight) {
    Xapian::Document doc = it.get_document();
    Hit h;
    h.rank = rank;
    h.score = it.get_weight();
    if (!r.summaries) {
      h.id = detail::stored_id(doc, id_in_data);
    } else {
      detail::StoredSummary summary = detail::stored_summary(doc);
      h.id = std::move(summary.id);
      h.title = std::move(summary.title);
      h.date = std::move(summary.date);
      h.source = std::move(summary.source);
      h.url = std::move(summary.url);
      h.entities = std::move(summary.entities);
    }
    if (r.snippets) {
      // The compressed article, for its body, only when a snippet needs it.
      Article a = detail::stored_body(doc);
      auto s = detail::make_snippet(a.body, highlight, analyzer, r.snippet_bytes);
      h.snippet = std::move(s.text);
      h.highlights = std::move(s.highlights);
    }
    return h;
  }

  void run(const Xapian::Query& parsed_query, const std::set<std::string>& highlight,
           const SearchRequest& r, SearchResults& results) {
    results.hits.clear();
    results.facets.clear();
    Xapian::Query query =
        detail::with_recency(db, r.expand ? with_feedback(parsed_query, r) : parsed_query, r);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(r.k1, 0, 1, r.b, 0.5));
    if (r.sort != SortOrder::relevance)
      enquire.set_sort_by_value_then_relevance(schema::date_slot, r.sort == SortOrder::date_desc);

    const std::size_t want = r.offset + r.limit;
    const std::size_t fetch = r.collapse ? std::max(want, r.collapse_window) : r.limit;
    const std::size_t first = r.collapse ? 0 : r.offset;
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(first),
                                         static_cast<Xapian::doccount>(fetch));
    results.total_estimate = mset.get_matches_estimated();

    // Facets see every match, so their pass also turns the estimate into the exact count.
    if (!r.facets.empty()) {
      detail::FacetCounts counted = detail::count_facets(db, query, r.facets, r.facet_limit);
      results.total_estimate = counted.matches;
      results.facets = std::move(counted.facets);
    }

    if (!r.collapse) {
      // Read in document order, not rank order: Xapian's cursor keeps the B-tree block it read
      // last, so hits stored near each other then cost one block read, not one each.
      std::vector<std::pair<Xapian::docid, Xapian::doccount>> order;
      order.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it)
        order.emplace_back(*it, static_cast<Xapian::doccount>(order.size()));
      std::sort(order.begin(), order.end());
      results.hits.resize(mset.size());
      for (const auto& [did, k] : order)
        results.hits[k] = make_hit(mset[k], r.offset + k + 1, r, highlight);
    } else {
      // The whole window is collapsed, then the page is cut from what is kept: an offset counts
      // groups, not matches.
      detail::Collapsed collapsed = detail::collapse_near_duplicates(mset, r.collapse_distance);
      results.total_estimate =
          results.total_estimate > collapsed.folded ? results.total_estimate - collapsed.folded : 0;
      for (std::size_t i = r.offset; i < collapsed.kept.size() && i < want; ++i) {
        Hit h = make_hit(collapsed.kept[i].hit, i + 1, r, highlight);
        for (const auto& f : collapsed.kept[i].folded)
          h.duplicates.push_back(detail::stored_id(f.get_document(), id_in_data));
        results.hits.push_back(std::move(h));
      }
    }
  }
};

Searcher::Searcher(const std::string& path, std::optional<AnalyzerOptions> analyzer)
    : impl_(std::make_unique<Impl>(path, std::move(analyzer))) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) {
  check_bm25(request.k1, request.b);
  if (request.recency_half_life_days < 0 || !std::isfinite(request.recency_half_life_days))
    throw Error(Error::Code::usage, "the recency half-life must be a positive number of days");
  detail::QueryParserOptions qo;
  qo.syntax = request.syntax;
  qo.strict = request.strict;
  qo.match = request.match;
  qo.explain = request.explain;
  qo.cache = &impl_->query_cache;
  qo.database = &impl_->db;

  SearchResults results;
  results.query = request.query;
  impl_->read([&] {
    // Parsed inside the read: a wildcard beside NEAR is expanded from the database.
    detail::ParsedQuery parsed = detail::parse_query(request.query, impl_->analyzer, qo);
    results.warnings = parsed.warnings;
    if (request.explain) results.explanation = parsed.explanation;
    impl_->run(parsed.query, parsed.highlight, request, results);
    if (request.suggest)
      results.suggestion = detail::suggest_query(impl_->db, request.query, parsed.words);
    return 0;
  });
  return results;
}

SearchResults Searcher::similar(const std::string& id, const SimilarRequest& request) {
  check_bm25(request.k1, request.b);
  SearchRequest r;
  r.limit = request.limit;
  r.offset = request.offset;
  r.k1 = request.k1;
  r.b = request.b;
  r.summaries = request.summaries;
  r.snippets = request.snippets;
  r.snippet_bytes = request.snippet_bytes;
  r.facets = request.facets;
  r.facet_limit = request.facet_limit;
  r.suggest = false;
  SearchResults results;
  impl_->read([&] {
    detail::SimilarQuery similar = detail::similar_query(impl_->db, id, request.terms);
    results.query = std::move(similar.described);
    impl_->run(similar.query, similar.highlight, r, results);
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
    return detail::stored_article(impl_->db.get_document(*p));
  });
}

} // namespace newsdex
