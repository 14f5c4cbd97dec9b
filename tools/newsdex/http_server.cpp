#include "http_server.hpp"

#include "host_check.hpp"

#include <httplib.h>
#include <newsdex/error.hpp>
#include <sys/socket.h>

#include <chrono>
#include <iostream>
#include <mutex>
#include <string_view>

namespace newsdex::cli {

std::string_view search_page_file(std::string_view name); // the embedded page (tools/CMakeLists)

namespace {

// Article text comes from feeds: the page renders it as text, and this policy makes sure that a
// title with markup could not run even if it were rendered as HTML (no inline script, nothing
// from elsewhere, no framing).
constexpr const char* content_security_policy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void set_safety_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy", content_security_policy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cache-Control", "no-store");
}

void set_json(httplib::Response& res, const ApiResponse& answer) {
  res.status = answer.status;
  res.set_content(answer.body, "application/json; charset=utf-8");
}

// Requests run on several worker threads: one lock keeps each log line whole.
std::mutex log_mutex;
thread_local std::chrono::steady_clock::time_point request_start;

void log_request(const httplib::Request& req, const httplib::Response& res) {
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start)
          .count();
  std::lock_guard lock(log_mutex);
  std::cerr << "newsdex: serve: " << req.remote_addr << " " << req.method << " "
            << (req.target.empty() ? req.path : req.target) << " " << res.status << " "
            << res.body.size() << " bytes " << static_cast<long>(ms * 10) / 10.0 << " ms"
            << std::endl;
}

} // namespace

struct SearchServer::Impl {
  explicit Impl(ServeOptions o) : options(std::move(o)), api(options.collection, options.limits) {}

  void routes() {
    const unsigned threads = options.threads ? options.threads : 1;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_read_timeout(options.timeout_seconds, 0);
    server.set_write_timeout(options.timeout_seconds, 0);
    server.set_keep_alive_timeout(options.timeout_seconds);
    server.set_payload_max_length(options.max_payload_bytes);
    server.set_logger(log_request);
    // httplib's default also sets SO_REUSEPORT, with which a second server on the same port
    // starts without complaint and the kernel splits the connections between the two.
    server.set_socket_options([](int sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });

    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      request_start = std::chrono::steady_clock::now();
      set_safety_headers(res);
      if (!host_allowed(req.get_header_value("Host"), options.bind, port, options.allowed_hosts)) {
        set_json(res, Api::error(403, "forbidden_host",
                                 "this server answers to localhost and its own address only "
                                 "(--allow-host adds names)"));
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return; // an answer of ours with a status >= 400
      set_safety_headers(res);
      set_json(res, Api::error(res.status, res.status == 404 ? "not_found" : "http",
                               "HTTP " + std::to_string(res.status)));
    });

    server.Get("/api/.*", [this](const httplib::Request& req, httplib::Response& res) {
      ApiParams params(req.params.begin(), req.params.end());
      set_json(res, api.get(req.path, params));
    });
    auto page = [](std::string name, std::string type) {
      return [name, type](const httplib::Request&, httplib::Response& res) {
        std::string_view content = search_page_file(name);
        res.set_content(std::string(content), type.c_str());
      };
    };
    server.Get("/", page("index.html", "text/html; charset=utf-8"));
    server.Get("/app.js", page("app.js", "text/javascript; charset=utf-8"));
    server.Get("/app.css", page("app.css", "text/css; charset=utf-8"));
    auto read_only = [](const httplib::Request&, httplib::Response& res) {
      set_json(res, Api::error(405, "method_not_allowed", "the server is read-only: GET only"));
      res.set_header("Allow", "GET, HEAD");
    };
    server.Post(".*", read_only);
    server.Put(".*", read_only);
    server.Delete(".*", read_only);
    server.Patch(".*", read_only);
  }

  ServeOptions options;
  Api api;
  httplib::Server server;
  int port = 0;
};

SearchServer::SearchServer(ServeOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->routes();
}

SearchServer::~SearchServer() = default;

int SearchServer::bind() {
  const std::string& address = impl_->options.bind;
  int port = impl_->options.port;
  bool bound = port == 0 ? (port = impl_->server.bind_to_any_port(address)) > 0
                         : impl_->server.bind_to_port(address, port);
  if (!bound)
    throw Error(Error::Code::usage, "cannot listen on " + address + ":" +
                                        std::to_string(impl_->options.port) +
                                        " (in use, not an address of this machine, or privileged)");
  impl_->port = port;
  return port;
}

bool SearchServer::run() {
  return impl_->server.listen_after_bind();
}

void SearchServer::stop() {
  impl_->server.stop();
}

} // namespace newsdex::cli
