/// \file
/// Ranked search over a collection.
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/article.hpp>
#include <newsdex/export.hpp>
#include <newsdex/query.hpp>
#include <newsdex/stats.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex {

/// The order of the hits.
enum class SortOrder {
  relevance, ///< best BM25 score (plus the optional recency boost) first
  date,      ///< oldest first, then by relevance; undated articles first
  date_desc, ///< newest first, then by relevance; undated articles last
};

/// What a facet counts over the matching articles.
enum class FacetKind {
  source, ///< the article's source, as written (value slot `source_slot`)
  year,   ///< "YYYY" (value slot `year_slot`)
  month,  ///< "YYYY-MM" (value slot `month_slot`)
  entity, ///< each canonical entity name of the article (value slot `entities_slot`)
};

/// "source", "year", "month", "entity"; std::nullopt for anything else.
NEWSDEX_EXPORT std::optional<FacetKind> facet_kind_from_string(std::string_view name);
/// The name facet_kind_from_string reads back: "source", "year", "month" or "entity".
NEWSDEX_EXPORT std::string_view to_string(FacetKind kind);

/// One search: the query and how to run it (Searcher::search, Searcher::for_each). Every field
/// has a usable default, so `{.query = "NATO"}` is a complete request.
struct SearchRequest {
  /// The query in newsdex's query language (see docs/QUERY.md).
  std::string query{};
  /// Hits to return. Default 10.
  std::size_t limit = 10;
  /// Hits to skip before the first returned. Default 0.
  std::size_t offset = 0;
  /// false: every character is text and the words are simply ranked. Default true.
  bool syntax = true;
  /// Default any (chosen by evaluation, see docs/EVALUATION.md).
  MatchMode match = MatchMode::any;
  /// Fail with Error(query_syntax) on a malformed query instead of recovering. Default false.
  bool strict = false;
  /// BM25 parameters (k1 >= 0, 0 <= b <= 1). Defaults 1.8 and 0.5, chosen on the mean over seven
  /// judged collections (docs/EVALUATION.md). The title boost is applied at index time (a title
  /// word counts four times), so it costs queries nothing.
  double k1 = 1.8;
  /// BM25's document length normalization (see `k1`): 0 ignores length, 1 normalizes fully.
  double b = 0.5;
  /// Pseudo-relevance feedback (RM3-style): the best `expand_documents` hits of a first pass
  /// lend their `expand_terms` most telling terms (a centroid weighted by first-pass score) to a
  /// second pass, where they carry `expand_weight` of the score for a ten-term query, more for
  /// shorter queries and less for longer ones. Defaults chosen out of sample (leave one judged
  /// collection out, nine sets): the most MAP among the settings that lower nDCG@10 on no set
  /// (docs/EVALUATION.md). Built-in Xapian classes only. Default off.
  bool expand = false;
  /// With `expand`: first-pass hits that lend terms (at most `max_page`, else Error(usage)).
  /// Default 20.
  unsigned expand_documents = 20;
  /// With `expand`: terms added to the second pass (at most `query_limits.max_terms`, else
  /// Error(usage)). Default 40.
  unsigned expand_terms = 40;
  /// With `expand`: share of a ten-term query's score the added terms carry; 0 or less adds
  /// nothing, 1 or more lets them carry it all. Default 0.3.
  double expand_weight = 0.3;
  /// Order of the hits. Default relevance.
  SortOrder sort = SortOrder::relevance;
  /// Recency boost half-life in days; 0 (default) turns the boost off. An article `age` days older
  /// than `recency_reference` gets `recency_weight * top * 2^(-age / half_life)` added to its
  /// score, where `top` is the best unboosted score of the query (so the boost is on the scale of
  /// the query's own scores). Built from Xapian's ValueMapPostingSource, so it works on remote
  /// shards too. Ignored when the query matches nothing by its words.
  double recency_half_life_days = 0;
  /// Largest share of the best score the boost can add. Default 0.5.
  double recency_weight = 0.5;
  /// "YYYY-MM-DD" the ages are counted from; empty (default): the newest article's date.
  std::string recency_reference{};
  /// Facets to count over the whole matching set. Default none.
  std::vector<FacetKind> facets{};
  /// Most values reported per facet (most frequent first, ties by value). Default 20.
  std::size_t facet_limit = 20;
  /// Offer a "did you mean" query when a word matches nothing. Default true. Needs the spelling
  /// data written at index time; remote shards do not serve it (the suggestion is then empty).
  bool suggest = true;
  /// Show near-duplicates (signatures at most `collapse_distance` bits apart) once, with a count.
  /// Collapsing looks at the best `collapse_window` matches (at least offset + limit). Default off.
  bool collapse = false;
  /// With `collapse`: most bits two signatures (64 bits) may differ in to be near-duplicates.
  /// Default 3.
  int collapse_distance = 3;
  /// With `collapse`: matches looked at, best first (at most `max_page`, else Error(usage)).
  /// Default 200.
  std::size_t collapse_window = 200;
  /// Fill SearchResults::explanation. Default false.
  bool explain = false;
  /// Entity-aware ranking of plain words (docs/QUERY.md, "Entity-aware ranking"): the entities
  /// a run of plain words names (by any of their names, as the index recognises them) add to the
  /// score, each as its entity term or the phrase of its words, as optional evidence, so exactly
  /// the same articles match. Default on: it raises reuters-entities-dev from 0.7186 / 0.8709 to
  /// 0.7527 / 0.9063 MAP / nDCG@10 and lowers no judged set significantly (docs/EVALUATION.md).
  /// Unranked streaming (for_each) and trends never use it.
  bool entity_boost = true;
  /// With `entity_boost`: the weight of that evidence against the words' own (> 0). Default 1.
  /// It is further scaled by the share of the query's plain words the names cover: in full for
  /// a query that is a name, a quarter for "US dollar exchange rate" (docs/QUERY.md).
  double entity_boost_weight = 1.0;
  /// With `entity_boost`: the multi-word expressions of the phrase table ("interest rates") in
  /// plain words add the phrase of their words too. Default off: common words' positions are
  /// read in every candidate, which made ranked queries several times slower for no measured
  /// gain (docs/QUERY.md).
  bool phrase_boost = false;
  /// Read each hit's title, date, source, url and entity names (its summary). false: a hit
  /// carries id, rank and score only (what `--format ids` and `trec` print), and reads just the
  /// id, a few bytes, as a plain Xapian application does; on long articles that is a third of
  /// a plain query's time (docs/PERFORMANCE.md). Default true.
  bool summaries = true;
  /// Compute snippets for the returned hits. Default true.
  bool snippets = true;
  /// Maximum snippet length in bytes. Default 240.
  std::size_t snippet_bytes = 240;
  /// Bounds on the query string: length, nesting, words, wildcards, windows (QueryLimits).
  QueryLimits query_limits{};
  /// Largest `offset + limit` one search may ask for, and largest `collapse_window` and
  /// `expand_documents`: Xapian holds that many candidates in memory. Beyond it: Error(usage),
  /// pointing to Searcher::for_each, which streams every match. Default 100,000.
  std::size_t max_page = 100000;
  /// Largest `facet_limit` (and SimilarRequest::facet_limit). Beyond it: Error(usage). Each
  /// facet kind may be requested once. Default 10,000.
  std::size_t max_facet_values = 10000;
  /// Search the shards that answer when some remote shards do not (unreachable, or failing
  /// within the remote timeout, NEWSDEX_REMOTE_TIMEOUT: docs/SCALE.md): the results are marked
  /// SearchResults::partial and name the failed shards. false: a shard that does not answer is
  /// an Error(database) naming it. Default false.
  bool allow_partial = false;
};

/// A `[begin, end)` byte range of the snippet to highlight.
struct Highlight {
  std::size_t begin = 0; ///< byte offset in Hit::snippet of the first byte of a matched word
  std::size_t end = 0;   ///< byte offset one past its last byte
  /// Field by field.
  bool operator==(const Highlight&) const = default;
};

/// One matching article, as a result page shows it. With SearchRequest::summaries off only
/// `id`, `rank` and `score` are filled; with `snippets` off, `snippet` and `highlights` are
/// empty.
struct Hit {
  std::string id{};     ///< the article's id (Article::id)
  std::size_t rank = 0; ///< 1 for the first hit of the whole result list (offset included)
  double score = 0;     ///< raw weight: BM25 plus any recency boost; comparable within one query
  std::string title{};  ///< headline (Article::title)
  std::string date{};   ///< YYYY-MM-DD or empty
  std::string source{}; ///< publisher, as written (Article::source)
  std::string url{};    ///< canonical URL, or empty
  std::vector<std::string> entities{}; ///< canonical entity names of the article (may be empty)
  std::string snippet{};               ///< plain text
  std::vector<Highlight> highlights{}; ///< where `snippet` matches the query, in order, disjoint
  /// With `collapse`: ids of the near-duplicates folded into this hit (not shown as hits).
  std::vector<std::string> duplicates{};
};

/// One value of a facet and the number of matching articles that have it.
struct FacetValue {
  std::string value{};     ///< as stored: the source as written, "YYYY", "YYYY-MM", an entity name
  std::uint64_t count = 0; ///< matching articles that have it (exact, not an estimate)
  /// Field by field.
  bool operator==(const FacetValue&) const = default;
};

/// The counts of one facet over every matching article (SearchRequest::facets).
struct Facet {
  FacetKind kind = FacetKind::source; ///< what was counted
  std::vector<FacetValue> values{};   ///< most frequent first
};

/// What a search returns: one page of hits and what was learned about the whole matching set.
struct SearchResults {
  /// The query as given; for Searcher::similar, the expansion terms, space-separated.
  std::string query{};
  /// Matching articles: Xapian's estimate, exact when facets were counted; near-duplicates
  /// folded by `collapse` are not counted. For Searcher::for_each, the hits delivered.
  std::uint64_t total_estimate = 0;
  std::vector<Hit> hits{}; ///< the page asked for (`offset`, `limit`), best first
  /// What the lenient parser recovered from (empty when the query was well-formed).
  std::vector<QueryWarning> warnings{};
  std::vector<Facet> facets{};    ///< in the order requested
  std::string suggestion{};       ///< "did you mean" query; empty when there is none
  QueryExplanation explanation{}; ///< filled when SearchRequest::explain
  /// With SearchRequest::allow_partial: some remote shards did not answer, so hits, counts and
  /// facets cover the other shards only.
  bool partial = false;
  /// The remote shards that did not answer (`HOST:PORT`, or a program's command line).
  std::vector<std::string> failed_shards{};
};

/// Options of Searcher::similar.
struct SimilarRequest {
  std::size_t limit = 10; ///< hits to return, as SearchRequest::limit. Default 10.
  std::size_t offset = 0; ///< hits to skip, as SearchRequest::offset. Default 0.
  /// Terms taken from the article (Xapian's ESet over it, prefixed terms excluded). Default 25.
  std::size_t terms = 25;
  double k1 = 1.8;                 ///< BM25 k1, as SearchRequest::k1. Default 1.8.
  double b = 0.5;                  ///< BM25 b, as SearchRequest::b. Default 0.5.
  bool summaries = true;           ///< as SearchRequest::summaries
  bool snippets = true;            ///< as SearchRequest::snippets
  std::size_t snippet_bytes = 240; ///< as SearchRequest::snippet_bytes. Default 240.
  std::vector<FacetKind> facets{}; ///< as SearchRequest::facets. Default none.
  std::size_t facet_limit = 20;    ///< as SearchRequest::facet_limit. Default 20.
};

/// The period a trend counts matches by (TrendRequest::bucket).
enum class TrendBucket {
  day,   ///< a calendar day, labelled "YYYY-MM-DD"
  week,  ///< an ISO 8601 week (Monday to Sunday), labelled "YYYY-Www" with the ISO week-year
  month, ///< a calendar month, labelled "YYYY-MM"
  year,  ///< a calendar year, labelled "YYYY"
};

/// "day", "week", "month", "year"; std::nullopt for anything else.
NEWSDEX_EXPORT std::optional<TrendBucket> trend_bucket_from_string(std::string_view name);
/// The name trend_bucket_from_string reads back: "day", "week", "month" or "year".
NEWSDEX_EXPORT std::string_view to_string(TrendBucket bucket);

/// How often queries matched over time (Searcher::trend). Every field but `queries` has a usable
/// default, so `{.queries = {"NATO"}}` is a complete request. See docs/TRENDS.md.
struct TrendRequest {
  /// One series per query, side by side, in the query language (docs/QUERY.md). At least one, at
  /// most `max_queries`.
  std::vector<std::string> queries{};
  /// The period matches are counted by. Default month.
  TrendBucket bucket = TrendBucket::month;
  /// First day counted, inclusive, in a form the query language's `date:` takes ("2025-02-13",
  /// "2025-02", "2025", `24 June 2025`); a month or a year stands for its first day. Empty
  /// (default): from the first period any query matches in.
  std::string from{};
  /// Last day counted, inclusive, in the same forms; a month or a year stands for its last day.
  /// Empty (default): up to the last period any query matches in.
  std::string to{};
  /// Also count every article of each period (TrendPeriod::total) and each series' share of it
  /// (TrendSeries::shares): one more pass over the whole collection. Default false.
  bool share = false;
  /// As SearchRequest::syntax. Default true.
  bool syntax = true;
  /// As SearchRequest::match. Default any.
  MatchMode match = MatchMode::any;
  /// As SearchRequest::strict: Error(query_syntax) on a malformed query. Default false.
  bool strict = false;
  /// Bounds on each query string, as SearchRequest::query_limits.
  QueryLimits query_limits{};
  /// Most periods one trend may have; beyond it Error(usage) (a larger bucket or a narrower
  /// from/to is needed). Default 10,000: 27 years of days, any span of weeks, months or years
  /// the dates allow (1000-2999).
  std::size_t max_buckets = 10000;
  /// Most queries one trend may compare; beyond it Error(usage). Default 20.
  std::size_t max_queries = 20;
};

/// One period of a trend.
struct TrendPeriod {
  std::string label{};     ///< "2025-02-13", "2025-W07", "2025-02" or "2025"
  std::string first_day{}; ///< first day counted, "YYYY-MM-DD" (the period's, or `from`)
  std::string last_day{};  ///< last day counted, "YYYY-MM-DD" (the period's, or `to`)
  /// With TrendRequest::share: every dated article between first_day and last_day (exact);
  /// otherwise 0.
  std::uint64_t total = 0;
};

/// The matches of one query, period by period.
struct TrendSeries {
  std::string query{}; ///< as given
  /// Matching articles dated in each period (exact), one per TrendResults::periods entry.
  std::vector<std::uint64_t> counts{};
  /// With TrendRequest::share: counts[i] / periods[i].total (0 when the period has no article);
  /// otherwise empty.
  std::vector<double> shares{};
  std::uint64_t undated = 0; ///< matching articles without a date: in no period
  /// Matching articles dated before `from` or after `to` (0 when neither is given).
  std::uint64_t outside = 0;
  /// What the lenient parser recovered from (empty when the query was well-formed).
  std::vector<QueryWarning> warnings{};
  /// Sum of `counts`: the matches the chart shows.
  std::uint64_t dated() const {
    std::uint64_t n = 0;
    for (std::uint64_t c : counts) n += c;
    return n;
  }
};

/// What Searcher::trend returns: a continuous series of periods (periods without a match
/// included) and one series of counts per query.
struct TrendResults {
  TrendBucket bucket = TrendBucket::month; ///< as requested
  bool share = false;                      ///< as requested: totals and shares are filled
  /// Oldest first, without gaps: from the period of `from` (or of the first match) to the period
  /// of `to` (or of the last match). Empty when nothing dated matched and no from/to was given.
  std::vector<TrendPeriod> periods{};
  std::vector<TrendSeries> series{}; ///< one per query, in the order given
  /// True when any series has a match, dated in the periods or undated (the CLI's exit 0).
  bool any_match() const {
    for (const TrendSeries& s : series)
      if (s.undated > 0 || s.dated() > 0) return true;
    return false;
  }
};

/// Reads a collection (one database, or a stub listing shards). Opens on construction.
///
/// A long-lived Searcher follows the collection: before each call it checks (one stat(2)) whether
/// a new generation was published (`newsdex compact`, `reindex`, a rebuild) and then reopens the
/// collection, so it serves the newest generation and never the one a later compaction deletes.
/// Commits into the current generation are followed by reopening on Xapian's
/// DatabaseModifiedError. Every member function throws only newsdex::Error (out of memory:
/// Error(internal); a file system failure: Error(io)); a moved-from Searcher throws Error(usage).
///
/// Thread-safety: a Searcher must not be used by two threads at once (it holds a Xapian database
/// handle and an analyzer with a stem cache, neither thread-safe); open one Searcher per thread.
/// Searchers in different threads over the same collection are fine, also while a writer commits
/// (every read reopens and retries when the writer invalidated it).
class NEWSDEX_EXPORT Searcher {
public:
  /// `analyzer` absent (the default): analyze queries as the collection records (its manifest).
  /// Given: it must match the record (Error(usage) naming the option that differs); for a
  /// collection built before manifests it must match the recorded fingerprint.
  /// Throws Error(database_missing) when nothing is at `path`, Error(database_mismatch) when the
  /// collection was built with another schema or analyzer. Remote shards that do not answer are
  /// an Error(database) naming them from the first call on, not here (a search with
  /// SearchRequest::allow_partial goes on without them); none answering at all throws here.
  explicit Searcher(const std::string& path,
                    std::optional<AnalyzerOptions> analyzer = std::nullopt);
  ~Searcher();
  /// Takes over the other's open collection; the other then throws Error(usage) when used.
  Searcher(Searcher&&) noexcept;
  /// Takes over the other's open collection; the other then throws Error(usage) when used.
  Searcher& operator=(Searcher&&) noexcept;

  /// Runs `request`. Throws Error(query_syntax) for a malformed query (or one beyond
  /// `request.query_limits`) when `strict`, Error(usage) for out-of-range parameters (offset +
  /// limit over `max_page`, ...), database errors as Error(database*).
  SearchResults search(const SearchRequest& request);
  /// Streams every match of `request.query` to `visit`, which returns false to stop early (as
  /// `newsdex search --all | head -1` does). For analysts who need every match: memory does not
  /// grow with the number of matches (pages of a fixed size), only time does.
  /// The matches come unranked, in the collection's order (shard by shard, in the order the
  /// documents were first added), each exactly once; Hit::rank counts from 1, Hit::score is 0.
  /// `offset` and `limit` are ignored; `query`, `syntax`, `match`, `strict`, `query_limits`,
  /// `summaries`, `snippets` and `snippet_bytes` apply; facets, collapse, expand, a recency boost
  /// or a sort by date are refused with Error(usage) (they need the whole matching set at once).
  /// Local shards only: a collection listing remote shards is refused with Error(usage). Returns
  /// the query's warnings, its explanation when asked, no hits, and the number of hits delivered as
  /// `total_estimate`. An exception thrown by `visit` reaches the caller unchanged.
  SearchResults for_each(const SearchRequest& request,
                         const std::function<bool(const Hit&)>& visit);
  /// Articles like the one with id `id`, by relevance feedback: the article is the relevant set,
  /// its best expansion terms (Xapian ESet) the query; the article itself is excluded.
  /// `results.query` holds the expansion terms. Throws Error(usage) when no article has `id`.
  SearchResults similar(const std::string& id, const SimilarRequest& request = {});
  /// How many articles each of `request.queries` matches per day, ISO week, month or year
  /// (`newsdex trend`). Counts are exact over the whole matching set: one weightless pass per
  /// query counts the date value of every match with Xapian's built-in ValueCountMatchSpy, so it
  /// works on remote shards too. Throws Error(usage) for no query or too many, a `from` or `to`
  /// that is not a date, `from` after `to`, or more periods than `max_buckets`;
  /// Error(query_syntax) for a malformed query when `strict`; database errors as Error(database*).
  TrendResults trend(const TrendRequest& request);
  /// Facts about the collection: size, dates, shards, how it was built (`newsdex stats`).
  CollectionStats stats();
  /// The stored article with this id, if any.
  std::optional<Article> article(const std::string& id);

private:
  struct NEWSDEX_NO_EXPORT Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace newsdex
