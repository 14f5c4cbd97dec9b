// `newsdex serve`: the JSON API (http_api.hpp) and the search page over HTTP, for a colleague
// who never opens a terminal. Read-only, loopback by default, bounded in every direction
// (docs/SERVE.md).
#pragma once

#include "http_api.hpp"

#include <memory>
#include <string>
#include <vector>

namespace newsdex::cli {

struct ServeOptions {
  std::string collection;
  std::string bind = "127.0.0.1"; ///< address to listen on
  int port = 8080;                ///< 0: any free port (bind() says which)
  unsigned threads = 4;           ///< worker threads: requests answered at once
  ApiLimits limits{};
  std::size_t max_payload_bytes = 8192; ///< largest request body (the API takes none)
  int timeout_seconds = 10;             ///< read and write timeout of a connection
  /// Host header values accepted besides the loopback names and the bound address; anything
  /// else is refused (403), which defeats DNS rebinding.
  std::vector<std::string> allowed_hosts{};
};

class SearchServer {
public:
  explicit SearchServer(ServeOptions options);
  ~SearchServer();
  SearchServer(const SearchServer&) = delete;
  SearchServer& operator=(const SearchServer&) = delete;

  /// Binds the socket; returns the port. Throws Error(usage) when it cannot (address in use,
  /// no such address, a port that needs privileges).
  int bind();
  /// Answers requests until stop(). Returns false when the server failed rather than stopped.
  bool run();
  /// Ends run(): requests being answered finish first. Safe from any thread.
  void stop();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace newsdex::cli
