// Fuzz body: what a browser or a script sends `newsdex serve` (tools/newsdex/http_api.cpp,
// host_check.cpp): any Host header, and any query parameters (names and values as cpp-httplib
// decodes them) to each endpoint. The collection is missing, so every request is refused, but
// only after its parameters were read: the answer is 400, 404 or 503 (never 500, a bug), always a
// JSON error document with that status.
#pragma once

#include "fuzz/check.hpp"
#include "fuzz/data_provider.hpp"
#include "host_check.hpp"
#include "http_api.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

namespace newsdex::fuzz {

inline int serve_request(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::string host = in.ConsumeRandomLengthString(300);
  if (cli::host_allowed(host, "127.0.0.1", 8080, {"news.example"})) {
    // Allowed: one of the names, in any case, with no port or the server's.
    std::string h;
    for (char c : host) h += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool named = false;
    for (const std::string name : {"localhost", "127.0.0.1", "[::1]", "::1", "news.example"})
      named = named || h == name || h == name + ":8080";
    NEWSDEX_FUZZ_CHECK(named);
  }

  static const char* const endpoints[] = {"/api/search",   "/api/similar", "/api/show",
                                          "/api/entities", "/api/trend",   "/api/stats",
                                          "/api/nothing"};
  const std::string path = endpoints[in.ConsumeIntegralInRange<std::size_t>(0, 6)];
  static const char* const names[] = {"q",    "limit",   "offset", "facet",     "facet_limit",
                                      "sort", "match",   "strict", "collapse",  "expand",
                                      "id",   "related", "graph",  "min_count", "compare",
                                      "by",   "from",    "to",     "share"};
  cli::ApiParams params;
  for (int i = in.ConsumeIntegralInRange(0, 8); i > 0; --i) {
    std::string name = in.ConsumeBool() ? names[in.ConsumeIntegralInRange<std::size_t>(0, 18)]
                                        : in.ConsumeRandomLengthString(20);
    params.emplace(std::move(name), in.ConsumeRandomLengthString(3000));
  }
  static cli::Api api("/nonexistent/newsdex-fuzz/collection", cli::ApiLimits{});
  const cli::ApiResponse answer = api.get(path, params);
  NEWSDEX_FUZZ_CHECK(answer.status == 400 || answer.status == 404 || answer.status == 503);
  const auto j = nlohmann::json::parse(answer.body, nullptr, /*allow_exceptions=*/false);
  NEWSDEX_FUZZ_CHECK(j.is_object() && j.value("format_version", 0) == 1);
  NEWSDEX_FUZZ_CHECK(j.contains("error") && j["error"].value("status", 0) == answer.status);
  return 0;
}

} // namespace newsdex::fuzz
