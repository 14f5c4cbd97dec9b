#include "host_check.hpp"

#include <optional>

namespace newsdex::cli {
namespace {

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

} // namespace

bool host_allowed(const std::string& host_header, const std::string& bound_address, int port,
                  const std::vector<std::string>& allowed) {
  std::string host = lower(host_header);
  // Set when the header has a port separator: "name:" names the scheme's default port (80),
  // not ours, so an empty port must match like any other (the fuzzer found "[::1]:" let through).
  std::optional<std::string> given_port;
  if (!host.empty() && host.front() == '[') { // [v6] or [v6]:port
    auto close = host.find(']');
    if (close == std::string::npos) return false;
    std::string rest = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return false;
      given_port = rest.substr(1);
    }
  } else if (auto colon = host.find(':'); colon != std::string::npos) {
    if (host.find(':', colon + 1) != std::string::npos) return false; // bare v6: not a Host
    given_port = host.substr(colon + 1);
    host.resize(colon);
  }
  if (given_port && *given_port != std::to_string(port)) return false;
  if (host.empty()) return false;
  if (host == "localhost" || host == "127.0.0.1" || host == "::1") return true;
  if (host == lower(bound_address) && bound_address != "0.0.0.0" && bound_address != "::")
    return true;
  for (const auto& a : allowed)
    if (host == lower(a)) return true;
  return false;
}

} // namespace newsdex::cli
