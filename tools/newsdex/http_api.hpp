// The JSON API of `newsdex serve`, apart from HTTP: a path and its query parameters in, a status
// and a JSON document out. The documents are the CLI's own (`search --format json`, `show
// --format json`, ...), built by the same functions, so a script can move between the two.
#pragma once

#include "searcher_pool.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace newsdex::cli {

/// Bounds on what one request may ask for (docs/SERVE.md, "Limits").
struct ApiLimits {
  std::size_t max_query_bytes = 2048; ///< longest `q` (and `compare`) value
  std::size_t max_limit = 100;        ///< largest `limit`
  std::size_t max_offset = 10000;     ///< largest `offset`
  std::size_t max_facet_limit = 100;  ///< largest `facet_limit`
};

/// Query parameters as the URL gives them (a name may repeat: `facet=source&facet=year`).
using ApiParams = std::multimap<std::string, std::string, std::less<>>;

struct ApiResponse {
  int status = 200;
  std::string body; ///< a JSON document, newline-terminated
};

class Api {
public:
  Api(std::string collection, ApiLimits limits)
      : searchers_(std::move(collection)), limits_(limits) {}

  /// Answers GET `path` (one of the endpoints under /api/). Never throws: a bad parameter is 400,
  /// an unknown id 404, an unknown endpoint 404, a missing, locked or unreadable collection 503,
  /// anything else 500, each with the error document of docs/JSON.md.
  ApiResponse get(std::string_view path, const ApiParams& params);

  /// The error document for `status` with `code` ("usage", "not_found", ...) and `message`.
  static ApiResponse error(int status, std::string_view code, const std::string& message);

private:
  ApiResponse search(const ApiParams& params);
  ApiResponse similar(const ApiParams& params);
  ApiResponse show(const ApiParams& params);
  ApiResponse entities(const ApiParams& params);
  ApiResponse trend(const ApiParams& params);
  ApiResponse stats(const ApiParams& params);

  SearcherPool searchers_;
  ApiLimits limits_;
};

} // namespace newsdex::cli
