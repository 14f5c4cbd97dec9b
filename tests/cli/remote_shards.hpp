// A sharded collection served by xapian-tcpsrv, for the scale-out tests (issue 16): the sample
// articles indexed into a local collection of N shards, each shard database served read-only by a
// xapian-tcpsrv process of its own on 127.0.0.1, and a stub of `remote 127.0.0.1:PORT` lines (in
// shard order) naming them. The servers are stopped, each with its whole process group, when the
// fixture goes.
//
// xapian-tcpsrv forks a process per connection and, on SIGTERM, signals its whole process group:
// each server gets a group of its own (setpgid), so that signal never reaches the test, and is
// stopped by signalling that group. A port is chosen by binding port 0; when another program takes
// it first the server exits at once and another port is tried. The fixture waits until each server
// accepts a connection.
#pragma once

#include "cli/cli_runner.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace newsdex::test {

inline constexpr const char* xapian_tcpsrv = "/usr/bin/xapian-tcpsrv";

/// True when xapian-tcpsrv (Debian's xapian-tools) is installed.
inline bool have_xapian_tcpsrv() {
  return ::access(xapian_tcpsrv, X_OK) == 0;
}

/// A loopback port nobody listened on a moment ago (the kernel's choice for port 0).
inline int unused_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(fd);
  return port;
}

/// True when something accepts a TCP connection on 127.0.0.1:port.
inline bool loopback_accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

/// How a TcpServer serves its database.
struct TcpServerOptions {
  bool writable = false; ///< --writable: one client may write (the server creates the database)
  int port = 0;          ///< 0: a free port; else this one (a server restarted where it was)
  std::vector<std::string> env; ///< NAME=value for the server (XAPIAN_MAX_CHANGESETS=N)

  /// Writable, on `port` (0: a free one), with `env`.
  static TcpServerOptions writable_on(int port = 0, std::vector<std::string> env = {}) {
    TcpServerOptions o;
    o.writable = true;
    o.port = port;
    o.env = std::move(env);
    return o;
  }
};

/// A server program listening on 127.0.0.1, in a process group of its own.
class LoopbackServer {
public:
  /// Starts the program `argv(port)` makes (on `port`, or on a free port when 0) with `env`
  /// added to its environment, and waits (up to a minute) until it accepts; throws
  /// std::runtime_error naming `what` when it cannot be started.
  LoopbackServer(const std::function<std::vector<std::string>(int port)>& argv, int port,
                 const std::vector<std::string>& env, const std::string& what) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (int attempt = 0; attempt < 20 && std::chrono::steady_clock::now() < deadline; ++attempt) {
      port_ = port ? port : unused_loopback_port();
      if (port_ == 0) continue;
      if (port && attempt > 0) // the old server's port may take a moment to free
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
      const std::vector<std::string> args = argv(port_);
      pid_ = ::fork();
      if (pid_ < 0) throw std::runtime_error("fork failed");
      if (pid_ == 0) {
        ::setpgid(0, 0);
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
        for (const std::string& e : env) ::putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> c_args;
        for (const std::string& a : args) c_args.push_back(const_cast<char*>(a.c_str()));
        c_args.push_back(nullptr);
        ::execv(c_args[0], c_args.data());
        ::_exit(127);
      }
      ::setpgid(pid_, pid_); // also from here: no race with the child's own call
      while (std::chrono::steady_clock::now() < deadline) {
        if (loopback_accepts(port_)) return;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) { // exited: the port was taken
          pid_ = -1;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      stop();
    }
    throw std::runtime_error("cannot start " + what);
  }
  ~LoopbackServer() { stop(); }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return port_; }
  bool running() const { return pid_ > 0; }

  /// Sends `sig` to the server and its connection processes (SIGSTOP: it stops answering).
  void signal(int sig) const {
    if (pid_ > 0) ::kill(-pid_, sig);
  }

  /// Stops the server and every connection process it forked (its whole process group).
  void stop(int sig = SIGTERM) {
    if (pid_ <= 0) return;
    ::kill(-pid_, sig);
    ::waitpid(pid_, nullptr, 0);
    // Connection processes left behind (they are not our children: their parent reaps them,
    // or init does).
    ::kill(-pid_, SIGKILL);
    pid_ = -1;
  }

private:
  pid_t pid_ = -1;
  int port_ = 0;
};

/// One xapian-tcpsrv serving one database (read-only unless told) on 127.0.0.1.
class TcpServer : public LoopbackServer {
public:
  explicit TcpServer(const std::string& database, const TcpServerOptions& options = {})
      : LoopbackServer(
            [&](int port) {
              // --timeout: a connection idle for a minute is dropped (the client's own timeout
              // is what the tests are about).
              std::vector<std::string> argv = {xapian_tcpsrv, "--quiet", "--interface",
                                               "127.0.0.1",   "--port",  std::to_string(port),
                                               "--timeout",   "60000"};
              if (options.writable) argv.emplace_back("--writable");
              argv.push_back(database);
              return argv;
            },
            options.port, options.env, "xapian-tcpsrv for " + database) {}
};

/// The sample articles as a local collection of `shards` shards (`local()`), and the same shard
/// databases behind xapian-tcpsrv as a stub of remote lines (`remote()`).
class RemoteShards {
public:
  /// `index_options` are given to the first index (`--language fr`: settings the manifest
  /// records).
  explicit RemoteShards(unsigned shards, const std::vector<std::string>& index_options = {},
                        const std::string& articles = sample_articles()) {
    local_ = dir_ / "local.db";
    remote_ = dir_ / "remote.db";
    std::vector<std::string> index = {"index", "--db", local_, "--shards", std::to_string(shards)};
    index.insert(index.end(), index_options.begin(), index_options.end());
    index.push_back(articles);
    CliResult r = run_cli(index);
    if (r.exit_code != 0) throw std::runtime_error("indexing the sample failed: " + r.err);
    std::ifstream stub(local_);
    for (std::string line; std::getline(stub, line);)
      if (line.rfind("auto ", 0) == 0)
        shard_dirs_.push_back((dir_.path() / line.substr(5)).string());
    if (shard_dirs_.size() != shards) throw std::runtime_error("unexpected stub: " + local_);
    std::string lines;
    for (const std::string& shard : shard_dirs_) {
      servers_.push_back(std::make_unique<TcpServer>(shard));
      lines.append("remote 127.0.0.1:")
          .append(std::to_string(servers_.back()->port()))
          .append("\n");
    }
    write_file(remote_, lines);
  }

  /// The local sharded collection.
  const std::string& local() const { return local_; }
  /// The stub of remote lines, one per shard in the local stub's order.
  const std::string& remote() const { return remote_; }
  /// The local shard databases, in order.
  const std::vector<std::string>& shard_dirs() const { return shard_dirs_; }
  /// The server of shard k.
  TcpServer& server(std::size_t k) { return *servers_.at(k); }
  /// A directory removed with the fixture, for more stubs.
  const TempDir& dir() const { return dir_; }

private:
  TempDir dir_;
  std::string local_, remote_;
  std::vector<std::string> shard_dirs_;
  std::vector<std::unique_ptr<TcpServer>> servers_;
};

} // namespace newsdex::test
