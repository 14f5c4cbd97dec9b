#include "http_api.hpp"
#include "output_fields.hpp"

#include "entities_output.hpp"
#include "printer.hpp"
#include "stats_output.hpp"
#include "trend_output.hpp"

#include <newsdex/entities.hpp>
#include <newsdex/error.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <new>
#include <sstream>
#include <vector>

namespace newsdex::cli {
namespace {

using json = nlohmann::ordered_json;

// An answer other than 200 decided while reading the parameters (404: no such article).
struct Refusal {
  ApiResponse response;
};

// The parameters of one endpoint. Unknown names are refused rather than ignored, so a misspelt
// `limt=50` is a 400 saying so, not a page of ten hits.
class Params {
public:
  Params(const ApiParams& given, std::initializer_list<std::string_view> known,
         std::initializer_list<std::string_view> repeatable = {})
      : given_(given) {
    for (const auto& [name, value] : given) {
      if (std::find(known.begin(), known.end(), name) == known.end())
        throw Error(Error::Code::usage, "unknown parameter '" + name + "'");
      if (given.count(name) > 1 &&
          std::find(repeatable.begin(), repeatable.end(), name) == repeatable.end())
        throw Error(Error::Code::usage, "parameter '" + name + "' given more than once");
    }
  }

  std::string text(const std::string& name, std::size_t max_bytes) const {
    auto it = given_.find(name);
    if (it == given_.end()) return {};
    if (it->second.size() > max_bytes)
      throw Error(Error::Code::usage, "parameter '" + name + "' is longer than " +
                                          std::to_string(max_bytes) + " bytes");
    return it->second;
  }

  std::vector<std::string> all(const std::string& name, std::size_t max_bytes) const {
    std::vector<std::string> out;
    auto [first, last] = given_.equal_range(name);
    for (auto it = first; it != last; ++it) {
      if (it->second.size() > max_bytes)
        throw Error(Error::Code::usage, "parameter '" + name + "' is longer than " +
                                            std::to_string(max_bytes) + " bytes");
      out.push_back(it->second);
    }
    return out;
  }

  std::size_t number(const std::string& name, std::size_t fallback, std::size_t max) const {
    auto it = given_.find(name);
    if (it == given_.end()) return fallback;
    const std::string& v = it->second;
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size())
      throw Error(Error::Code::usage,
                  "parameter '" + name + "': expected a whole number, got '" + v + "'");
    if (n > max)
      throw Error(Error::Code::usage,
                  "parameter '" + name + "': at most " + std::to_string(max) + ", got " + v);
    return n;
  }

  bool flag(const std::string& name) const {
    auto it = given_.find(name);
    if (it == given_.end()) return false;
    const std::string& v = it->second;
    if (v.empty() || v == "1" || v == "true" || v == "on") return true;
    if (v == "0" || v == "false" || v == "off") return false;
    throw Error(Error::Code::usage,
                "parameter '" + name + "': expected true or false, got '" + v + "'");
  }

  std::string choice(const std::string& name, const std::string& fallback,
                     std::initializer_list<std::string_view> allowed) const {
    auto it = given_.find(name);
    if (it == given_.end()) return fallback;
    if (std::find(allowed.begin(), allowed.end(), it->second) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      throw Error(Error::Code::usage, "parameter '" + name + "': expected one of " + list +
                                          ", got '" + it->second + "'");
    }
    return it->second;
  }

private:
  const ApiParams& given_;
};

// `facet=source&facet=year`: each kind once.
std::vector<FacetKind> facet_kinds(const Params& p) {
  std::vector<FacetKind> kinds;
  for (const auto& name : p.all("facet", 16)) {
    auto kind = facet_kind_from_string(name);
    if (!kind)
      throw Error(Error::Code::usage,
                  "parameter 'facet': expected source, year, month or entity, got '" + name + "'");
    if (std::find(kinds.begin(), kinds.end(), *kind) != kinds.end())
      throw Error(Error::Code::usage, "parameter 'facet': '" + name + "' given twice");
    kinds.push_back(*kind);
  }
  return kinds;
}

// 400 for what the caller can fix, 503 for a collection that is missing, locked or unreadable
// (it may be back, or built, on the next request), 500 for the rest.
int status_of(const Error& e) {
  switch (e.code()) {
  case Error::Code::usage:
  case Error::Code::query_syntax:
  case Error::Code::input:
    return 400;
  default:
    return e.is_database_error() ? 503 : 500;
  }
}

ApiResponse ok_response(const json& document) {
  return {200, json_text(document, 2) + '\n'};
}

} // namespace

ApiResponse Api::error(int status, std::string_view code, const std::string& message) {
  json j;
  j["format_version"] = 1;
  j["error"] = {{"status", status}, {"code", code}, {"message", message}};
  return {status, json_text(j, 2) + '\n'};
}

ApiResponse Api::get(std::string_view path, const ApiParams& params) {
  try {
    if (path == "/api/search") return search(params);
    if (path == "/api/similar") return similar(params);
    if (path == "/api/show") return show(params);
    if (path == "/api/entities") return entities(params);
    if (path == "/api/trend") return trend(params);
    if (path == "/api/stats") return stats(params);
    return error(404, "not_found", "no such endpoint: " + std::string(path));
  } catch (const Refusal& r) {
    return r.response;
  } catch (const Error& e) {
    return error(status_of(e), to_string(e.code()), e.what());
  } catch (const std::bad_alloc&) {
    return error(500, "internal", "out of memory");
  } catch (const std::exception& e) {
    return error(500, "internal", e.what());
  }
}

ApiResponse Api::search(const ApiParams& given) {
  Params p(given,
           {"q", "limit", "offset", "facet", "facet_limit", "sort", "match", "strict", "collapse",
            "expand", "entity_boost", "phrase_boost"},
           {"facet"});
  SearchRequest req;
  req.query = p.text("q", limits_.max_query_bytes);
  if (req.query.empty()) throw Error(Error::Code::usage, "parameter 'q' is missing or empty");
  req.limit = p.number("limit", req.limit, limits_.max_limit);
  req.offset = p.number("offset", req.offset, limits_.max_offset);
  req.facets = facet_kinds(p);
  req.facet_limit = p.number("facet_limit", req.facet_limit, limits_.max_facet_limit);
  const std::string sort = p.choice("sort", "relevance", {"relevance", "date", "-date"});
  req.sort = sort == "relevance" ? SortOrder::relevance
             : sort == "date"    ? SortOrder::date
                                 : SortOrder::date_desc;
  req.match = p.choice("match", "any", {"any", "all"}) == "all" ? MatchMode::all : MatchMode::any;
  req.strict = p.flag("strict");
  req.collapse = p.flag("collapse");
  req.expand = p.flag("expand");
  req.entity_boost =
      p.choice("entity_boost", req.entity_boost ? "on" : "off", {"on", "off"}) == "on";
  req.phrase_boost = p.flag("phrase_boost");
  auto searcher = searchers_.borrow();
  SearchResults results = searcher->search(req);
  std::ostringstream out;
  auto printer = make_printer("json", out, PrinterOptions{});
  printer->results("1", results);
  printer->finish();
  return {200, out.str()};
}

ApiResponse Api::similar(const ApiParams& given) {
  Params p(given, {"id", "limit", "offset", "facet", "facet_limit"}, {"facet"});
  const std::string id = p.text("id", limits_.max_query_bytes);
  if (id.empty()) throw Error(Error::Code::usage, "parameter 'id' is missing or empty");
  SimilarRequest req;
  req.limit = p.number("limit", req.limit, limits_.max_limit);
  req.offset = p.number("offset", req.offset, limits_.max_offset);
  req.facets = facet_kinds(p);
  req.facet_limit = p.number("facet_limit", req.facet_limit, limits_.max_facet_limit);
  auto searcher = searchers_.borrow();
  if (!searcher->article(id)) throw Refusal{error(404, "not_found", "no article has id " + id)};
  SearchResults results = searcher->similar(id, req);
  std::ostringstream out;
  auto printer = make_printer("json", out, PrinterOptions{});
  printer->results("1", results);
  printer->finish();
  return {200, out.str()};
}

ApiResponse Api::show(const ApiParams& given) {
  Params p(given, {"id"});
  const std::string id = p.text("id", limits_.max_query_bytes);
  if (id.empty()) throw Error(Error::Code::usage, "parameter 'id' is missing or empty");
  auto searcher = searchers_.borrow();
  std::optional<Article> article = searcher->article(id);
  if (!article) return error(404, "not_found", "no article has id " + id);
  std::ostringstream out;
  print_article("json", *article, out);
  return {200, out.str()};
}

// Top entities; with `related=E` the entities named with E; with `graph=1` the network. The
// counts come from the collection as `newsdex entities` reads it (their own database handle).
ApiResponse Api::entities(const ApiParams& given) {
  Params p(given, {"q", "limit", "related", "graph", "min_count"});
  const std::string& db = searchers_.collection();
  const std::string query = p.text("q", limits_.max_query_bytes);
  const std::string related = p.text("related", limits_.max_query_bytes);
  const bool graph = p.flag("graph");
  if (graph && !related.empty())
    throw Error(Error::Code::usage, "parameters 'graph' and 'related' do not go together");
  if (graph) {
    EntityGraphRequest req;
    req.query = query;
    req.limit = p.number("limit", req.limit, limits_.max_limit);
    req.min_count = p.number("min_count", req.min_count, 1000000);
    return ok_response(entity_graph_json(db, req, entity_graph(db, req)));
  }
  if (!related.empty()) {
    RelatedRequest req;
    req.entity = related;
    req.query = query;
    req.limit = p.number("limit", req.limit, limits_.max_limit);
    req.min_together = p.number("min_count", req.min_together, 1000000);
    return ok_response(related_json(db, req, related_entities(db, req)));
  }
  if (given.count("min_count"))
    throw Error(Error::Code::usage, "parameter 'min_count' needs 'related' or 'graph'");
  EntityStatsRequest req;
  req.query = query;
  req.limit = p.number("limit", req.limit, limits_.max_limit);
  return ok_response(entity_stats_json(db, req, entity_stats(db, req)));
}

ApiResponse Api::trend(const ApiParams& given) {
  Params p(given, {"q", "compare", "by", "from", "to", "share", "match", "strict"}, {"compare"});
  TrendRequest req;
  const std::string query = p.text("q", limits_.max_query_bytes);
  if (query.empty()) throw Error(Error::Code::usage, "parameter 'q' is missing or empty");
  req.queries.push_back(query);
  for (auto& q : p.all("compare", limits_.max_query_bytes)) req.queries.push_back(std::move(q));
  req.bucket = *trend_bucket_from_string(p.choice("by", "month", {"day", "week", "month", "year"}));
  req.from = p.text("from", 64);
  req.to = p.text("to", 64);
  req.share = p.flag("share");
  req.match = p.choice("match", "any", {"any", "all"}) == "all" ? MatchMode::all : MatchMode::any;
  req.strict = p.flag("strict");
  auto searcher = searchers_.borrow();
  TrendResults results = searcher->trend(req);
  return ok_response(trend_json(searchers_.collection(), req, results));
}

ApiResponse Api::stats(const ApiParams& given) {
  Params p(given, {});
  auto searcher = searchers_.borrow();
  return ok_response(stats_json(searchers_.collection(), searcher->stats()));
}

} // namespace newsdex::cli
