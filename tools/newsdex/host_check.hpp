// The Host header check of `newsdex serve` (DNS rebinding: docs/SERVE.md), apart from HTTP so
// that a fuzz target can feed it any header (tests/fuzz/serve_request.hpp).
#pragma once

#include <string>
#include <vector>

namespace newsdex::cli {

/// Whether a request's Host header (`name` or `name:port`, `[v6]:port`) names this server:
/// a loopback name, the bound address or one of `allowed`, with the bound port if a port is given
/// (a colon with no port after it, the scheme's default port, is refused).
bool host_allowed(const std::string& host_header, const std::string& bound_address, int port,
                  const std::vector<std::string>& allowed);

} // namespace newsdex::cli
