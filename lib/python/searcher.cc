// newsdex.Searcher: ranked search over a collection, with results as objects (attributes and
// to_dict()) rather than JSON to parse. Searches run with the GIL released.
#include "bindings.hh"

#include <newsdex/entities.hpp>
#include <newsdex/error.hpp>
#include <newsdex/searcher.hpp>
#include <newsdex/stats.hpp>

#include <pybind11/stl.h>

#include <memory>
#include <mutex>

namespace newsdex::python {
namespace {

std::vector<FacetKind> facets_argument(py::handle value) {
  std::vector<FacetKind> out;
  for (const auto& name : strings_argument(value)) {
    auto kind = facet_kind_from_string(name);
    if (!kind)
      throw py::value_error("facets: '" + name + "' is not one of source, year, month, entity");
    out.push_back(*kind);
  }
  return out;
}

QueryLimits limits_argument(py::handle value) {
  QueryLimits limits;
  Keywords<QueryLimits> k("query_limits");
  k.field("max_length", &QueryLimits::max_length)
      .field("max_depth", &QueryLimits::max_depth)
      .field("max_terms", &QueryLimits::max_terms)
      .field("max_wildcards", &QueryLimits::max_wildcards)
      .field("max_wildcard_terms", &QueryLimits::max_wildcard_terms)
      .field("max_window", &QueryLimits::max_window)
      .field("max_positional_combinations", &QueryLimits::max_positional_combinations);
  k.apply(limits, value.cast<py::kwargs>());
  return limits;
}

const Keywords<SearchRequest>& search_keywords() {
  static const auto keywords = [] {
    Keywords<SearchRequest> k("search");
    k.field("limit", &SearchRequest::limit)
        .field("offset", &SearchRequest::offset)
        .field("syntax", &SearchRequest::syntax)
        .field("strict", &SearchRequest::strict)
        .field("k1", &SearchRequest::k1)
        .field("b", &SearchRequest::b)
        .field("expand", &SearchRequest::expand)
        .field("expand_documents", &SearchRequest::expand_documents)
        .field("expand_terms", &SearchRequest::expand_terms)
        .field("expand_weight", &SearchRequest::expand_weight)
        .field("entity_boost", &SearchRequest::entity_boost)
        .field("entity_boost_weight", &SearchRequest::entity_boost_weight)
        .field("phrase_boost", &SearchRequest::phrase_boost)
        .field("recency_half_life_days", &SearchRequest::recency_half_life_days)
        .field("recency_weight", &SearchRequest::recency_weight)
        .field("recency_reference", &SearchRequest::recency_reference)
        .field("facet_limit", &SearchRequest::facet_limit)
        .field("suggest", &SearchRequest::suggest)
        .field("collapse", &SearchRequest::collapse)
        .field("collapse_distance", &SearchRequest::collapse_distance)
        .field("collapse_window", &SearchRequest::collapse_window)
        .field("explain", &SearchRequest::explain)
        .field("summaries", &SearchRequest::summaries)
        .field("snippets", &SearchRequest::snippets)
        .field("snippet_bytes", &SearchRequest::snippet_bytes)
        .field("max_page", &SearchRequest::max_page)
        .field("max_facet_values", &SearchRequest::max_facet_values)
        .field("allow_partial", &SearchRequest::allow_partial)
        .custom("match",
                [](SearchRequest& r, py::handle v) {
                  r.match = choice<MatchMode>("match", v,
                                              {{"any", MatchMode::any}, {"all", MatchMode::all}});
                })
        .custom("sort",
                [](SearchRequest& r, py::handle v) {
                  r.sort = choice<SortOrder>("sort", v,
                                             {{"relevance", SortOrder::relevance},
                                              {"date", SortOrder::date},
                                              {"-date", SortOrder::date_desc},
                                              {"date_desc", SortOrder::date_desc}});
                })
        .custom("facets", [](SearchRequest& r, py::handle v) { r.facets = facets_argument(v); })
        .custom("query_limits",
                [](SearchRequest& r, py::handle v) { r.query_limits = limits_argument(v); });
    return k;
  }();
  return keywords;
}

const Keywords<SimilarRequest>& similar_keywords() {
  static const auto keywords = [] {
    Keywords<SimilarRequest> k("similar");
    k.field("limit", &SimilarRequest::limit)
        .field("offset", &SimilarRequest::offset)
        .field("terms", &SimilarRequest::terms)
        .field("k1", &SimilarRequest::k1)
        .field("b", &SimilarRequest::b)
        .field("summaries", &SimilarRequest::summaries)
        .field("snippets", &SimilarRequest::snippets)
        .field("snippet_bytes", &SimilarRequest::snippet_bytes)
        .field("facet_limit", &SimilarRequest::facet_limit)
        .custom("facets", [](SimilarRequest& r, py::handle v) { r.facets = facets_argument(v); });
    return k;
  }();
  return keywords;
}

/// Highlights as Python indexes into the snippet.
py::list highlights(const Hit& h) {
  CharOffsets chars(h.snippet);
  py::list out;
  for (const auto& r : h.highlights) out.append(py::make_tuple(chars(r.begin), chars(r.end)));
  return out;
}

py::dict hit_dict(const Hit& h) {
  py::dict d;
  d["id"] = h.id;
  d["rank"] = h.rank;
  d["score"] = h.score;
  d["title"] = h.title;
  d["date"] = h.date;
  d["source"] = h.source;
  d["url"] = h.url;
  d["entities"] = h.entities;
  d["snippet"] = h.snippet;
  d["highlights"] = highlights(h);
  d["duplicates"] = h.duplicates;
  return d;
}

/// {"source": {"Reuters": 3, ...}, ...}: facet name to its values, most frequent first.
py::dict facets_dict(const SearchResults& r) {
  py::dict out;
  for (const auto& facet : r.facets) {
    py::dict values;
    for (const auto& v : facet.values) values[py::str(v.value)] = v.count;
    out[py::str(std::string(to_string(facet.kind)))] = values;
  }
  return out;
}

py::object explanation(const SearchResults& r) {
  const auto& e = r.explanation;
  if (e.tree.empty() && e.words.empty()) return py::none();
  py::dict d;
  d["tree"] = e.tree;
  py::list words;
  for (const auto& w : e.words) {
    py::dict word;
    word["column"] = w.column;
    word["text"] = w.text;
    word["field"] = w.field;
    word["terms"] = w.terms;
    word["note"] = w.note;
    words.append(word);
  }
  d["words"] = words;
  return d;
}

py::list warnings(const SearchResults& r) {
  py::list out;
  for (const auto& w : r.warnings) {
    py::dict d;
    d["column"] = w.column;
    d["message"] = w.message;
    out.append(d);
  }
  return out;
}

py::dict results_dict(const SearchResults& r) {
  py::dict d;
  d["query"] = r.query;
  d["total_estimate"] = r.total_estimate;
  py::list hits;
  for (const auto& h : r.hits) hits.append(hit_dict(h));
  d["hits"] = hits;
  d["facets"] = facets_dict(r);
  d["warnings"] = warnings(r);
  d["suggestion"] = r.suggestion;
  d["explanation"] = explanation(r);
  d["partial"] = r.partial;
  d["failed_shards"] = r.failed_shards;
  return d;
}

py::dict settings_dict(const CollectionSettings& s) {
  py::dict d;
  d["recorded"] = s.recorded;
  d["language"] = s.language;
  d["stem"] = s.stem;
  d["fold_variants"] = s.fold_variants;
  d["stopwords"] = s.stopwords;
  d["variant_files"] = s.variant_files;
  d["stopword_files"] = s.stopword_files;
  d["entity_files"] = s.entity_files;
  return d;
}

py::dict fields_dict(const CollectionStats& s) {
  py::dict d;
  for (const auto& [field, count] : s.fields) d[py::str(field)] = count;
  return d;
}

py::dict stats_dict(const CollectionStats& s) {
  py::dict d;
  d["documents"] = s.documents;
  d["terms"] = s.terms;
  d["size_bytes"] = s.size_bytes;
  d["first_date"] = s.first_date;
  d["last_date"] = s.last_date;
  d["last_commit"] = s.last_commit;
  d["schema_version"] = s.schema_version;
  d["analyzer"] = s.analyzer;
  d["shards"] = s.shards;
  d["fields"] = fields_dict(s);
  d["settings"] = settings_dict(s.settings);
  return d;
}

/// The Python object. One Searcher serves one thread at a time (it is not thread-safe): calls
/// from several Python threads take turns on its lock, the GIL released while they wait, so a
/// shared Searcher is safe and a Searcher per thread is parallel.
class PySearcher {
public:
  PySearcher(const std::string& path, py::kwargs kwargs) : path_(path) {
    analyzer_ = analyzer_keywords(
        [&] { return recorded_analyzer_options(path).value_or(AnalyzerOptions{}); }, kwargs);
    if (!kwargs.empty())
      throw py::type_error("Searcher() takes analyzer options only: " +
                           std::string(analyzer_keyword_list));
    py::gil_scoped_release release;
    searcher_ = std::make_unique<Searcher>(path, analyzer_);
  }

  template <class F> auto call(F&& f) {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    if (!searcher_) throw Error(Error::Code::usage, "this Searcher is closed");
    return f(*searcher_);
  }

  void close() {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    searcher_.reset();
  }

  const std::string& path() const { return path_; }
  const std::optional<AnalyzerOptions>& analyzer() const { return analyzer_; }

private:
  std::string path_;
  std::optional<AnalyzerOptions> analyzer_;
  std::mutex mutex_;
  std::unique_ptr<Searcher> searcher_;
};

SearchRequest search_request(const std::string& query, const py::kwargs& kwargs) {
  SearchRequest request;
  request.query = query;
  search_keywords().apply(request, kwargs);
  return request;
}

} // namespace

void bind_searcher(py::module_& m) {
  py::class_<Hit>(m, "Hit", "One search result.")
      .def_readonly("id", &Hit::id)
      .def_readonly("rank", &Hit::rank, "1 for the first hit of the whole list (offset included)")
      .def_readonly("score", &Hit::score, "raw weight")
      .def_readonly("title", &Hit::title)
      .def_readonly("date", &Hit::date, "YYYY-MM-DD or ''")
      .def_readonly("source", &Hit::source)
      .def_readonly("url", &Hit::url)
      .def_readonly("entities", &Hit::entities, "canonical entity names of the article")
      .def_readonly("snippet", &Hit::snippet, "plain text")
      .def_property_readonly("highlights", &highlights,
                             "(begin, end) of each matched word: snippet[begin:end]")
      .def_readonly("duplicates", &Hit::duplicates, "near-duplicates folded in (collapse=True)")
      .def("to_dict", &hit_dict)
      .def("__repr__", [](const Hit& h) {
        return "Hit(" + std::to_string(h.rank) + ", " +
               py::repr(py::str(h.id)).cast<std::string>() + ", " +
               py::repr(py::str(h.title)).cast<std::string>() + ")";
      });

  py::class_<SearchResults>(m, "Results", "A page of search results; iterating gives the hits.")
      .def_readonly("query", &SearchResults::query)
      .def_readonly("total_estimate", &SearchResults::total_estimate, "matches in all (estimate)")
      .def_readonly("hits", &SearchResults::hits)
      .def_property_readonly("facets", &facets_dict,
                             "{facet: {value: count}}, values most frequent first")
      .def_property_readonly("warnings", &warnings, "[{column, message}] the parser recovered from")
      .def_readonly("suggestion", &SearchResults::suggestion, "'did you mean' query, or ''")
      .def_property_readonly("explanation", &explanation, "{tree, words} with explain=True")
      .def_readonly("partial", &SearchResults::partial,
                    "with allow_partial=True: some remote shards did not answer")
      .def_readonly("failed_shards", &SearchResults::failed_shards,
                    "the remote shards that did not answer")
      .def("to_dict", &results_dict)
      .def("__len__", [](const SearchResults& r) { return r.hits.size(); })
      .def(
          "__iter__",
          [](const SearchResults& r) { return py::make_iterator(r.hits.begin(), r.hits.end()); },
          py::keep_alive<0, 1>())
      .def(
          "__getitem__",
          [](const SearchResults& r, py::ssize_t i) -> const Hit& {
            auto n = static_cast<py::ssize_t>(r.hits.size());
            if (i < 0) i += n;
            if (i < 0 || i >= n) throw py::index_error("hit index out of range");
            return r.hits[static_cast<std::size_t>(i)];
          },
          py::return_value_policy::reference_internal)
      .def("__repr__", [](const SearchResults& r) {
        return "Results(" + py::repr(py::str(r.query)).cast<std::string>() + ", " +
               std::to_string(r.hits.size()) + " hits of ~" + std::to_string(r.total_estimate) +
               ")";
      });

  py::class_<CollectionStats>(m, "CollectionStats", "Facts about a collection.")
      .def_readonly("documents", &CollectionStats::documents)
      .def_readonly("terms", &CollectionStats::terms, "distinct terms")
      .def_readonly("size_bytes", &CollectionStats::size_bytes, "on disk")
      .def_readonly("first_date", &CollectionStats::first_date)
      .def_readonly("last_date", &CollectionStats::last_date)
      .def_readonly("last_commit", &CollectionStats::last_commit, "ISO 8601 UTC or ''")
      .def_readonly("schema_version", &CollectionStats::schema_version)
      .def_readonly("analyzer", &CollectionStats::analyzer, "the recorded analyzer fingerprint")
      .def_readonly("shards", &CollectionStats::shards)
      .def_property_readonly("fields", &fields_dict, "{field: articles having it}")
      .def_property_readonly(
          "settings", [](const CollectionStats& s) { return settings_dict(s.settings); },
          "how the collection analyzes text, as it records it")
      .def("to_dict", &stats_dict);

  const std::string searcher_doc = std::string(R"(Reads a collection.

Searcher(path) analyzes queries as the collection records (its manifest); analyzer options
()") + analyzer_keyword_list + R"() may be given, and must then match the record.

    s = newsdex.Searcher("news.db")
    for hit in s.search('NATO "defense spending"', limit=5, facets=["source"]):
        print(hit.rank, hit.title)

Searches release the GIL. One Searcher takes one call at a time (threads sharing it take turns);
open one per thread to search in parallel.)";
  py::class_<PySearcher>(m, "Searcher", searcher_doc.c_str())
      .def(py::init([](py::handle path, py::kwargs kwargs) {
             return std::make_unique<PySearcher>(path_argument(path), std::move(kwargs));
           }),
           py::arg("path"))
      .def(
          "search",
          [](PySearcher& self, const std::string& query, const py::kwargs& kwargs) {
            auto request = search_request(query, kwargs);
            return self.call([&](Searcher& s) { return s.search(request); });
          },
          py::arg("query"),
          ("Runs `query` (newsdex's query language, docs/QUERY.md); returns Results.\n\n"
           "Keywords (SearchRequest's fields, same defaults): " +
           search_keywords().known() +
           ".\nmatch: 'any' or 'all'; sort: 'relevance', 'date' or '-date'; facets: names among "
           "source, year, month, entity; query_limits: a dict of QueryLimits' fields.")
              .c_str())
      .def(
          "search_all",
          [](PySearcher& self, const std::string& query, const py::kwargs& kwargs) {
            auto request = search_request(query, kwargs);
            return self.call([&](Searcher& s) {
              std::vector<Hit> hits;
              s.for_each(request, [&](const Hit& h) {
                hits.push_back(h);
                return true;
              });
              return hits;
            });
          },
          py::arg("query"),
          "Every match of `query`, unranked, in collection order (score 0): a list of Hit. Takes "
          "search()'s keywords; facets, collapse, expand, recency and date sorts are refused.")
      .def(
          "similar",
          [](PySearcher& self, const std::string& id, const py::kwargs& kwargs) {
            SimilarRequest request;
            similar_keywords().apply(request, kwargs);
            return self.call([&](Searcher& s) { return s.similar(id, request); });
          },
          py::arg("id"),
          ("Articles like the one with this id; returns Results. Keywords: " +
           similar_keywords().known() + ".")
              .c_str())
      .def(
          "stats",
          [](PySearcher& self) { return self.call([](Searcher& s) { return s.stats(); }); },
          "CollectionStats of the collection.")
      .def(
          "article",
          [](PySearcher& self, const std::string& id) {
            return self.call([&](Searcher& s) { return s.article(id); });
          },
          py::arg("id"), "The stored Article with this id, or None.")
      .def(
          "entities",
          [](PySearcher& self, const std::string& query, std::size_t limit) {
            EntityStatsRequest request{query, limit};
            py::gil_scoped_release release;
            return entity_stats(self.path(), request, self.analyzer());
          },
          py::arg("query") = "", py::kw_only(), py::arg("limit") = EntityStatsRequest{}.limit,
          "Top entities of the collection, or of the articles matching `query`: EntityStats.")
      .def(
          "related",
          [](PySearcher& self, const std::string& entity, const std::string& query,
             std::size_t limit, std::uint64_t min_together) {
            RelatedRequest request{entity, query, limit, min_together};
            py::gil_scoped_release release;
            return related_entities(self.path(), request, self.analyzer());
          },
          py::arg("entity"), py::kw_only(), py::arg("query") = "",
          py::arg("limit") = RelatedRequest{}.limit,
          py::arg("min_together") = RelatedRequest{}.min_together,
          "Entities named in the same articles as `entity`, by log-likelihood ratio.")
      .def("close", &PySearcher::close, "Closes the collection; later calls raise Error.")
      .def_property_readonly("path", &PySearcher::path)
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](PySearcher& self, const py::args&) {
        self.close();
        return false;
      });
}

} // namespace newsdex::python
