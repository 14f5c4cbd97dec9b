// newsdex serve: the JSON API and the search page over HTTP (docs/SERVE.md). The server itself
// is http_server.cpp; this file reads the options and waits for SIGINT or SIGTERM.
#include "cli.hpp"

#ifdef NEWSDEX_SERVE
#include "http_server.hpp"

#include <pthread.h>
#include <signal.h>

#include <csignal>

#include <iostream>
#include <thread>
#endif

namespace newsdex::cli {
namespace {

#ifdef NEWSDEX_SERVE

struct ServeArgs {
  std::string db;
  ServeOptions options;
};

int run_serve(ServeArgs& args) {
  args.options.collection = resolve_db(args.db);
  // SIGINT and SIGTERM are taken by one thread with sigwait, blocked everywhere else (the mask is
  // inherited by the server's threads), so stopping is an ordinary call and not work done inside
  // a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // A client that hangs up before reading its answer makes the write fail with EPIPE; the CLI
  // keeps SIGPIPE's default action (fatal) for `search | head`, which must not apply here.
  // (cpp-httplib's Server ignores it too; this does not depend on that.)
  std::signal(SIGPIPE, SIG_IGN);
  SearchServer server(args.options);
  const int port = server.bind();
  std::string host = args.options.bind;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  // The first line on stdout, flushed: with --port 0 a script reads the port from it.
  std::cout << "newsdex: serving " << args.options.collection << " at http://" << host << ":"
            << port << "/" << std::endl;
  if (args.options.bind != "127.0.0.1" && args.options.bind != "::1" &&
      args.options.bind != "localhost")
    std::cerr << "newsdex: warning: listening on " << args.options.bind
              << ": anyone who can reach it can search the collection (no authentication; "
                 "docs/SERVE.md)\n";

  std::thread waiter([&server, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::cerr << "newsdex: serve: stopping (" << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ")"
              << std::endl;
    server.stop();
  });
  const bool stopped = server.run();
  if (!stopped) {
    waiter.detach(); // still waiting for a signal that will not come
    std::cerr << "newsdex: serve: the server failed\n";
    return internal;
  }
  waiter.join();
  return ok;
}

#endif

} // namespace

void add_serve_command(CLI::App& app, Runner& run) {
#ifdef NEWSDEX_SERVE
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve a search page and a JSON API over HTTP (read-only, loopback by default)");
  add_db_option(*cmd, args->db);
  ServeOptions& o = args->options;
  cmd->add_option("--bind", o.bind, "Address to listen on (default 127.0.0.1: this machine only)");
  cmd->add_option("--port", o.port, "Port to listen on; 0 picks a free one (printed at start)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--threads", o.threads, "Requests answered at once (default 4)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--timeout", o.timeout_seconds,
                  "Seconds a connection may take to send or receive (default 10)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--max-query-bytes", o.limits.max_query_bytes,
                  "Longest query accepted, in bytes (default 2048)")
      ->check(CLI::Range(1, 65536));
  cmd->add_option("--max-limit", o.limits.max_limit, "Most hits one request may ask for (100)")
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--allow-host", o.allowed_hosts,
                  "Also answer requests whose Host header is NAME (repeat for more)");
  cmd->callback([&run, args] { run = [args] { return run_serve(*args); }; });
#else
  CLI::App* cmd = app.add_subcommand("serve", "Serve a search page and a JSON API over HTTP");
  cmd->allow_extras();
  cmd->callback([&run] {
    run = [] {
      throw Error(Error::Code::usage, "this newsdex was built without cpp-httplib: `serve` is not "
                                      "available (Debian: install libcpp-httplib-dev and rebuild)");
      return usage;
    };
  });
#endif
}

} // namespace newsdex::cli
