#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>

#include "query/query_parser.hpp"
#include "schema/stored_article.hpp"
#include "schema/stored_fields.hpp"
#include "search/collapse.hpp"
#include "search/commit_watch.hpp"
#include "search/expansion.hpp"
#include "search/facets.hpp"
#include "search/matching_set.hpp"
#include "search/recency.hpp"
#include "search/similar.hpp"
#include "search/snippet.hpp"
#include "search/stream_all.hpp"
#include "search/suggestion.hpp"
#include "search/trend.hpp"
#include "storage/boundary.hpp"
#include "storage/collection.hpp"
#include "storage/collection_stats.hpp"
#include "storage/database_meta.hpp"
#include "storage/manifest.hpp"
#include "storage/modified_retry.hpp"
#include "storage/partitions.hpp"
#include "storage/remote_writer.hpp"
#include "storage/xapian_errors.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>
#include <limits>
#include <new>
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

// Xapian counts in 32 bits: a page past that would wrap, whatever the request allows.
std::size_t page_bound(std::size_t max_page) {
  return std::min<std::size_t>(max_page, std::numeric_limits<Xapian::doccount>::max());
}

// offset + limit: Xapian's MSet holds that many candidates, so it is bounded; every match is
// what for_each streams.
void check_page(std::size_t offset, std::size_t limit, std::size_t max_page) {
  const std::size_t bound = page_bound(max_page);
  if (limit > bound || offset > bound - limit)
    throw Error(Error::Code::usage,
                "offset + limit is more than the " + std::to_string(bound) +
                    " hits one page may hold (to read every match, stream them: "
                    "`newsdex search --all`, Searcher::for_each)");
}

void check_at_most(std::size_t value, std::size_t bound, const std::string& what) {
  if (value > bound)
    throw Error(Error::Code::usage,
                what + " is " + std::to_string(value) + ", more than " + std::to_string(bound));
}

void check_facets(const std::vector<FacetKind>& facets, std::size_t limit, std::size_t max) {
  check_at_most(limit, max, "the facet limit");
  for (std::size_t i = 0; i < facets.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (facets[i] == facets[j])
        throw Error(Error::Code::usage,
                    "facet '" + std::string(to_string(facets[i])) + "' requested twice");
}

} // namespace

struct Searcher::Impl {
  std::string path;
  std::optional<AnalyzerOptions> given; ///< as passed to the constructor
  Analyzer analyzer;
  Xapian::Database db;
  detail::QueryCache query_cache; // bound to `analyzer`
  /// Schema version 1 stores the whole article as the document data: its ids are read from the
  /// summaries instead, which is cheaper than inflating the article.
  bool id_in_data = true;
  /// Every shard was created by a newsdex that indexes the phrase table's expressions as terms
  /// (schema::meta_created; the first shard's record, which a multi-database reads, stands for
  /// all: a collection's shards are created together, a partitioned one's undated period first).
  bool expression_terms = false;
  /// The stub `db` was opened through: another one means another generation was published.
  detail::CollectionVersion version;
  /// `db`'s local shards (none when any is remote) and their version files as they were when it
  /// was last (re)opened: a commit since shows there, without a reopen before every call.
  std::vector<std::string> local_shards;
  detail::CommitWatch commits;
  /// The stub `db` was opened through, held open (a directory at `path` is not).
  detail::StubWatch stub;
  /// The collection lists `remote` shards: what a remote server cannot run is done otherwise.
  bool remote_shards = false;
  /// Remote shards left out of `db` because they did not answer when it was opened, and the
  /// error that names them: every call but a search that allows partial results throws it.
  std::vector<std::string> failed_shards;
  std::string failed_error;
  /// open() ran since the last call: the shards that failed were tried a moment ago.
  bool just_opened = false;
  /// A time-partitioned collection (storage/partitions.hpp): its scheme and each shard with its
  /// period, sharing `db`'s open shards, so that a date-restricted search can run over the
  /// periods that can match only.
  detail::PartitionScheme partition = detail::PartitionScheme::none;
  struct PeriodShard {
    std::string period;
    Xapian::Database db;
  };
  std::vector<PeriodShard> period_shards;
  /// A remote collection's local copy of its spelling data (remote_writer.hpp), when one exists.
  std::optional<Xapian::Database> local_spelling;

  /// The local spelling copy at its latest commit (its writer may have committed since), or
  /// nullptr when there is none or it cannot be read now.
  const Xapian::Database* local_spelling_now() {
    if (!local_spelling) return nullptr;
    try {
      local_spelling->reopen();
    } catch (const Xapian::Error&) {
      return nullptr;
    }
    return &*local_spelling;
  }

  Impl(const std::string& p, std::optional<AnalyzerOptions> options)
      : path(p), given(std::move(options)) {
    open();
  }

  // Opens the collection's current generation, with the settings its manifest records (a
  // reindex may have changed them: then the analyzer changes too, or, for settings given to the
  // constructor, the collection is refused as at construction). Nothing changes when it throws,
  // so the next call tries again.
  void open() {
    // Taken before opening: a generation published in between makes the next call reopen again,
    // never miss it.
    detail::StubWatch next_stub = detail::StubWatch::of(path);
    const detail::CollectionVersion next = detail::collection_version(path);
    const detail::CollectionLayout layout = detail::read_layout(path);
    // Taken before opening too, for the same reason.
    std::vector<std::string> fresh_local =
        layout.remotes.empty() ? layout.shards : std::vector<std::string>{};
    detail::CommitWatch fresh_commits = detail::CommitWatch::of(fresh_local);
    std::vector<PeriodShard> fresh_periods;
    detail::PartialCollection opened = layout.partition == detail::PartitionScheme::none
                                           ? detail::open_collection_partial(path)
                                           : open_partitioned(layout, fresh_periods);
    Xapian::Database fresh = std::move(opened.db);
    Analyzer fresh_analyzer(detail::resolve_analyzer_options(path, given));
    bool fresh_id_in_data = true;
    bool fresh_expression_terms = false;
    bool first = true;
    detail::retry_while_modified([&] { // a writer may commit while we open
      if (!first) fresh.reopen();
      first = false;
      detail::check_compatible(fresh, fresh_analyzer.fingerprint(), path);
      fresh_id_in_data = fresh.get_metadata(std::string(schema::meta_schema)) != "1";
      fresh_expression_terms = detail::created_at_least(fresh, detail::expression_terms_version);
    });
    db = std::move(fresh);
    analyzer = std::move(fresh_analyzer);
    query_cache = {};
    id_in_data = fresh_id_in_data;
    expression_terms = fresh_expression_terms;
    version = next;
    stub = std::move(next_stub);
    local_shards = std::move(fresh_local);
    commits = std::move(fresh_commits);
    remote_shards = !layout.remotes.empty();
    local_spelling.reset();
    if (remote_shards) try {
        local_spelling = detail::open_local_spelling(path, layout.remotes.size());
      } catch (const Xapian::Error&) { // only advice: a search goes on without suggestions
      }
    partition = layout.partition;
    period_shards = std::move(fresh_periods);
    failed_shards = std::move(opened.failed);
    failed_error = std::move(opened.error);
    just_opened = true;
  }

  // Each shard of a partitioned collection opened on its own and added to the whole, which then
  // shares them: one set of open files, and a reopen of the whole reopens the periods too.
  detail::PartialCollection open_partitioned(const detail::CollectionLayout& layout,
                                             std::vector<PeriodShard>& shards) {
    detail::allow_open_shards(layout.shards.size());
    detail::PartialCollection out;
    try {
      out.db = detail::retry_while_modified([&] {
        shards.clear();
        Xapian::Database all;
        for (std::size_t i = 0; i < layout.shards.size(); ++i) {
          Xapian::Database shard(layout.shards[i]);
          all.add_database(shard);
          shards.push_back({layout.periods[i], std::move(shard)});
        }
        return all;
      });
    } catch (const Xapian::Error& e) {
      detail::throw_if_out_of_files(e, path, layout.shards.size());
      detail::rethrow_xapian(e, path);
    }
    return out;
  }

  // The shards a query runs over: in a partitioned collection with a date range, only the
  // periods the range overlaps (none when it matches nothing; never the undated period), so the
  // statistics that rank the hits are those of the opened periods (docs/SCALE.md); else all.
  Xapian::Database shards_for(const Xapian::Query& query) const {
    if (period_shards.empty()) return db;
    const detail::DateBounds bounds = detail::date_bounds(query);
    if (!bounds.limited) return db;
    Xapian::Database some;
    for (const auto& shard : period_shards)
      if (detail::period_can_match(shard.period, partition, bounds)) some.add_database(shard.db);
    // No period can match: the undated period's first shard (always there, first), where no
    // date range matches anything, rather than a Database of no shards, which Xapian refuses.
    if (some.size() == 0) some.add_database(period_shards.front().db);
    return some;
  }

  // Before each call, so that a long-lived Searcher serves the collection as it is now:
  // `newsdex compact` (or reindex, or a rebuild) published a new generation when the stub
  // changed, and the generation `db` reads is deleted by the one after; Xapian's reopen() never
  // re-reads the stub, so the collection is opened afresh. Otherwise reopen() moves to the
  // latest commit, when a shard's version file says there was one (search/commit_watch.hpp):
  // Xapian's reopen() reads every version file to find out, four system calls a shard.
  bool stale() const {
    return stub.watching() ? stub.changed() : detail::collection_version(path) != version;
  }
  // `allow_partial`: remote shards that do not answer are left out (SearchRequest::allow_partial);
  // otherwise they are an Error(database) naming them. A shard left out is tried again on every
  // call, so one that comes back is searched again.
  void follow(bool allow_partial = false) {
    if (stale() || (!failed_shards.empty() && !just_opened))
      open();
    else if (commits.changed())
      reopen();
    just_opened = false;
    if (!failed_shards.empty() && !allow_partial)
      throw Error(Error::Code::database, failed_error, {path, 0, 0});
  }
  void reopen() {
    // A writer committing twice during the reopen throws DatabaseModifiedError and may leave
    // some tables at the new revision and some at the old: the reopen is retried until one
    // succeeds as a whole, before anything is read.
    try {
      detail::retry_while_modified([&] {
        // The watch first: a commit during the reopen then shows at the next call.
        commits = detail::CommitWatch::of(local_shards);
        db.reopen();
      });
    } catch (const Xapian::DatabaseModifiedError&) {
      throw;
    } catch (const Xapian::Error&) {
      if (!stale()) throw;
      open(); // published between the check and the reopen
    }
  }

  // Every read goes through here: a writer committing twice since we opened makes Xapian throw
  // DatabaseModifiedError; reopening gives the latest committed state.
  // A writer that commits in quick succession can overtake a slow read again and again (seen
  // under the sanitizers with a commit every 20 documents): up to 20 attempts, each after a pause
  // a millisecond longer than the last, so a reader gets through between two of its batches.
  template <class F> auto read(F&& f) -> decltype(f()) {
    constexpr int max_attempts = detail::max_modified_attempts;
    for (int attempt = 1;; ++attempt) {
      try {
        // Reopening can itself meet a commit in progress: inside the try, it is retried too.
        if (attempt > 1) {
          commits = detail::CommitWatch::of(local_shards);
          db.reopen();
        }
        return f();
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= max_attempts) detail::rethrow_xapian(e, path);
        std::this_thread::sleep_for(std::chrono::milliseconds(attempt - 1));
      } catch (const Error& e) {
        // A value read while a writer commits can come back as bytes of another revision,
        // which the decoders refuse (ThreadSafety.OneSearcherPerThreadWhileAWriterCommits under
        // AddressSanitizer, about 1 run in 50: "hit summary is not in newsdex's format") where
        // Xapian did not say DatabaseModifiedError. Read again from the latest commit; damage
        // that is really on disk is there the next time too, and is reported then.
        if (e.code() != Error::Code::database_corrupt || attempt >= 3) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
      } catch (const Xapian::Error& e) {
        // What Xapian refuses to run is the query's fault, not the database's (CLI exit 2).
        const std::string type = e.get_type();
        if (type == "UnimplementedError" || type == "InvalidArgumentError")
          throw Error(Error::Code::query_syntax, "query: cannot be run: " + e.get_msg());
        // Two generations published during this read delete the one it reads: read again from
        // the newest.
        if (attempt < max_attempts && stale()) {
          open();
          continue;
        }
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
    const Xapian::Query matched = r.expand ? with_feedback(parsed_query, r) : parsed_query;
    const Xapian::Database over = shards_for(matched);
    Xapian::Query query = detail::with_recency(over, matched, r);
    Xapian::Enquire enquire(over);
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
      detail::FacetCounts counted =
          detail::count_facets(over, query, r.facets, r.facet_limit, remote_shards);
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

namespace {

template <class Impl> Impl& live(const std::unique_ptr<Impl>& impl) {
  if (!impl) throw Error(Error::Code::usage, "this Searcher was moved from");
  return *impl;
}

template <class Impl>
detail::QueryParserOptions parser_options(const SearchRequest& request, Impl& impl) {
  detail::QueryParserOptions qo;
  qo.syntax = request.syntax;
  qo.strict = request.strict;
  qo.match = request.match;
  qo.explain = request.explain;
  qo.highlight = request.snippets; // what a hit's snippet marks
  qo.words = request.suggest;      // what the spelling suggestion may correct
  qo.limits = request.query_limits;
  qo.entity_boost = request.entity_boost;
  qo.entity_boost_weight = request.entity_boost_weight;
  qo.phrase_boost = request.phrase_boost;
  qo.expression_terms = impl.expression_terms;
  qo.cache = &impl.query_cache;
  qo.database = &impl.db;
  return qo;
}

} // namespace

Searcher::Searcher(const std::string& path, std::optional<AnalyzerOptions> analyzer)
    : impl_(detail::at_boundary(
          path, [&] { return std::make_unique<Impl>(path, std::move(analyzer)); })) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) {
  auto& impl = live(impl_);
  return detail::at_boundary(impl.path, [&] {
    check_bm25(request.k1, request.b);
    if (request.recency_half_life_days < 0 || !std::isfinite(request.recency_half_life_days))
      throw Error(Error::Code::usage, "the recency half-life must be a positive number of days");
    check_page(request.offset, request.limit, request.max_page);
    if (request.collapse)
      check_at_most(request.collapse_window, page_bound(request.max_page), "the collapse window");
    if (request.expand) {
      check_at_most(request.expand_documents, page_bound(request.max_page),
                    "the number of feedback documents");
      check_at_most(request.expand_terms, request.query_limits.max_terms,
                    "the number of feedback terms");
    }
    check_facets(request.facets, request.facet_limit, request.max_facet_values);
    if (!(request.entity_boost_weight > 0) || !std::isfinite(request.entity_boost_weight))
      throw Error(Error::Code::usage, "the entity boost weight must be a positive number");
    SearchResults results;
    const auto attempt = [&] {
      impl.follow(request.allow_partial);
      results = SearchResults{};
      results.query = request.query;
      impl.read([&] {
        // Parsed inside the read: a wildcard beside NEAR is expanded from the database.
        detail::ParsedQuery parsed =
            detail::parse_query(request.query, impl.analyzer, parser_options(request, impl));
        results.warnings = parsed.warnings;
        if (request.explain) results.explanation = parsed.explanation;
        impl.run(parsed.query, parsed.highlight, request, results);
        if (request.suggest)
          results.suggestion = detail::suggest_query(impl.db, request.query, parsed.words,
                                                     impl.local_spelling_now());
        return 0;
      });
    };
    // A remote shard that stops answering during the search: with allow_partial, the collection
    // is opened again without it and the search run once more.
    const auto retry_partial = [&] {
      if (!request.allow_partial || !impl.remote_shards) return false;
      impl.open();
      return !impl.failed_shards.empty();
    };
    try {
      attempt();
    } catch (const Error& e) {
      if (e.code() != Error::Code::database || !retry_partial()) throw;
      attempt();
    } catch (const Xapian::NetworkError&) {
      if (!retry_partial()) throw;
      attempt();
    }
    results.partial = !impl.failed_shards.empty();
    results.failed_shards = impl.failed_shards;
    return results;
  });
}

SearchResults Searcher::for_each(const SearchRequest& request,
                                 const std::function<bool(const Hit&)>& visit) {
  auto& impl = live(impl_);
  std::exception_ptr from_visit; // the caller's own exception, handed back unchanged
  SearchResults results = detail::at_boundary(impl.path, [&] {
    const auto refuse = [](const std::string& what) {
      throw Error(Error::Code::usage,
                  what + " cannot be combined with streaming every match (--all, for_each)");
    };
    if (!request.facets.empty()) refuse("facets");
    if (request.collapse) refuse("collapsing near-duplicates");
    if (request.expand) refuse("query expansion");
    if (request.recency_half_life_days != 0) refuse("a recency boost");
    if (request.sort != SortOrder::relevance) refuse("sorting by date");
    impl.follow();
    SearchResults out;
    out.query = request.query;
    detail::ParsedQuery parsed;
    impl.read([&] {
      auto options = parser_options(request, impl);
      options.entity_boost = false; // unranked: the boost would only cost posting lists
      parsed = detail::parse_query(request.query, impl.analyzer, options);
      return 0;
    });
    out.warnings = parsed.warnings;
    if (request.explain) out.explanation = parsed.explanation;
    // One shard at a time: the docids of a multi-database interleave, a shard's own ascend.
    const detail::CollectionLayout layout = detail::read_layout(impl.path);
    if (!layout.remotes.empty())
      throw Error(Error::Code::usage,
                  "streaming every match (--all, for_each) needs local shards; this collection "
                  "lists remote ones",
                  {impl.path, 0, 0});
    const Xapian::Query query = detail::matching_set_query(parsed.query);
    // Every shard opened first: a compaction while the stream runs then cannot delete a shard
    // not yet read (open files stay readable).
    std::vector<Xapian::Database> shards;
    for (const std::string& shard_path : layout.shards)
      shards.push_back(detail::open_collection(shard_path));
    std::uint64_t delivered = 0;
    for (Xapian::Database& shard : shards) {
      const bool more = detail::each_match(shard, query, [&](const Xapian::MSetIterator& it) {
        Hit hit =
            impl.make_hit(it, static_cast<std::size_t>(delivered + 1), request, parsed.highlight);
        hit.score = 0;
        ++delivered;
        try {
          return visit(hit);
        } catch (...) {
          from_visit = std::current_exception();
          return false;
        }
      });
      if (!more) break;
    }
    out.total_estimate = delivered;
    return out;
  });
  if (from_visit) std::rethrow_exception(from_visit);
  return results;
}

SearchResults Searcher::similar(const std::string& id, const SimilarRequest& request) {
  auto& impl = live(impl_);
  return detail::at_boundary(impl.path, [&] {
    check_bm25(request.k1, request.b);
    const SearchRequest bounds;
    check_page(request.offset, request.limit, bounds.max_page);
    check_at_most(request.terms, bounds.query_limits.max_terms, "the number of terms");
    check_facets(request.facets, request.facet_limit, bounds.max_facet_values);
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
    impl.follow();
    SearchResults results;
    impl.read([&] {
      detail::SimilarQuery similar = detail::similar_query(impl.db, id, request.terms);
      results.query = std::move(similar.described);
      impl.run(similar.query, similar.highlight, r, results);
      return 0;
    });
    return results;
  });
}

TrendResults Searcher::trend(const TrendRequest& request) {
  auto& impl = live(impl_);
  return detail::at_boundary(impl.path, [&] {
    detail::check_trend_request(request);
    SearchRequest as_search;
    as_search.syntax = request.syntax;
    as_search.match = request.match;
    as_search.strict = request.strict;
    as_search.query_limits = request.query_limits;
    as_search.entity_boost = false; // counts only: the boost changes no match
    impl.follow();
    std::vector<detail::DayCounts> counts;
    std::vector<std::vector<QueryWarning>> warnings;
    std::optional<detail::DayCounts> all;
    impl.read([&] {
      counts.clear();
      warnings.clear();
      for (std::size_t k = 0; k < request.queries.size(); ++k) {
        detail::ParsedQuery parsed;
        try {
          parsed = detail::parse_query(request.queries[k], impl.analyzer,
                                       parser_options(as_search, impl));
        } catch (const Error& e) {
          // Among compared queries, the column alone does not say which one is malformed.
          if (e.code() != Error::Code::query_syntax || request.queries.size() == 1) throw;
          throw Error(e.code(),
                      "query " + std::to_string(k + 1) + " '" + request.queries[k] +
                          "': " + e.message(),
                      e.where());
        }
        counts.push_back(detail::count_by_day(impl.db, parsed.query));
        warnings.push_back(std::move(parsed.warnings));
      }
      // The share's denominator: every article, counted by the same value as the matches.
      if (request.share) all = detail::count_by_day(impl.db, Xapian::Query::MatchAll);
      return 0;
    });
    TrendResults results = detail::assemble_trend(request, counts, all ? &*all : nullptr);
    for (std::size_t k = 0; k < results.series.size(); ++k)
      results.series[k].warnings = std::move(warnings[k]);
    return results;
  });
}

CollectionStats Searcher::stats() {
  auto& impl = live(impl_);
  return detail::at_boundary(impl.path, [&] {
    impl.follow();
    return impl.read([&] { return detail::compute_stats(impl.db, impl.path); });
  });
}

std::optional<Article> Searcher::article(const std::string& id) {
  auto& impl = live(impl_);
  return detail::at_boundary(impl.path, [&] {
    impl.follow();
    return impl.read([&]() -> std::optional<Article> {
      std::string term = schema::id_term(id);
      auto p = impl.db.postlist_begin(term);
      if (p == impl.db.postlist_end(term)) return std::nullopt;
      return detail::stored_article(impl.db.get_document(*p));
    });
  });
}

} // namespace newsdex
