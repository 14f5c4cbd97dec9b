// `newsdex serve` driven for real: a server process on a free loopback port, asked over HTTP,
// its answers compared with what the CLI prints for the same request.
#include "cli/cli_runner.hpp"
#include "cli/http_get.hpp"
#include "cli/indexing_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <regex>
#include <thread>

namespace newsdex::test {
namespace {

using json = nlohmann::json;

bool serve_is_built() {
  return run_cli({"serve", "--help"}).out.find("--port") != std::string::npos;
}

// `newsdex serve --port 0 ARGS...` in the background; the port is read from its first line.
class Server {
public:
  explicit Server(const TempDir& dir, std::vector<std::string> args) {
    args.insert(args.begin(), {"serve", "--port", "0"});
    process_ = std::make_unique<BackgroundCli>(args, dir / "serve.out", dir / "serve.err");
    const std::regex listening(R"(at http://127\.0\.0\.1:([0-9]+)/)");
    for (int i = 0; i < 600 && process_->running(); ++i) { // a minute, generously
      std::smatch m;
      std::string out = process_->out();
      if (std::regex_search(out, m, listening)) {
        port_ = std::stoi(m[1]);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  int port() const { return port_; }
  BackgroundCli& process() { return *process_; }
  HttpAnswer get(const std::string& target) const { return http_request(port_, target); }

private:
  std::unique_ptr<BackgroundCli> process_;
  int port_ = 0;
};

json parse(const std::string& text) {
  return json::parse(text, nullptr, /*allow_exceptions=*/false);
}

class ServeApi : public ::testing::Test {
protected:
  void SetUp() override {
    if (!serve_is_built()) GTEST_SKIP() << "newsdex was built without cpp-httplib: no serve";
    server_ = std::make_unique<Server>(dir_, std::vector<std::string>{"--db", sample_db()});
    ASSERT_GT(server_->port(), 0) << server_->process().err();
  }
  TempDir dir_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServeApi, SearchAnswersWhatTheCliPrints) {
  struct Case {
    std::string target;
    std::vector<std::string> cli;
  };
  const std::vector<Case> cases = {
      {"/api/search?q=NATO", {"NATO"}},
      {"/api/search?q=defense%20spending&limit=3&offset=1&facet=source&facet=year",
       {"--limit", "3", "--offset", "1", "--facet", "source", "--facet", "year", "defense",
        "spending"}},
      {"/api/search?q=%22Mark%20Rutte%22&sort=-date&facet=entity&facet_limit=5",
       {"--sort", "-date", "--facet", "entity", "--facet-limit", "5", "\"Mark Rutte\""}},
      {"/api/search?q=Hegseth%20budget&match=all", {"--match", "all", "Hegseth", "budget"}},
      {"/api/search?q=NATO%20defense%20spending&entity_boost=off",
       {"--entity-boost", "off", "NATO", "defense", "spending"}},
      {"/api/search?q=prime%20minister&phrase_boost=1", {"--phrase-boost", "prime", "minister"}},
  };
  for (const auto& c : cases) {
    HttpAnswer a = server_->get(c.target);
    ASSERT_EQ(a.status, 200) << c.target << ": " << a.body;
    EXPECT_EQ(a.headers["content-type"], "application/json; charset=utf-8");
    std::vector<std::string> args = {"search", "--db", sample_db(), "--format", "json"};
    args.insert(args.end(), c.cli.begin(), c.cli.end());
    CliResult cli = run_cli(args);
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    EXPECT_EQ(a.body, cli.out) << c.target; // the same document, byte for byte
    EXPECT_FALSE(parse(a.body)["hits"].empty()) << c.target;
  }
}

TEST_F(ServeApi, EntityBoostIsOnUnlessTurnedOff) {
  const std::string q = "/api/search?q=NATO%20defense%20spending";
  HttpAnswer by_default = server_->get(q), on = server_->get(q + "&entity_boost=on"),
             off = server_->get(q + "&entity_boost=off");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(by_default.body, on.body);
  EXPECT_NE(on.body, off.body); // the names' evidence changes the scores
}

TEST_F(ServeApi, ShowSimilarAndStatsAnswerWhatTheCliPrints) {
  const std::string id = "020-rutte-ammunition-warning.txt";
  HttpAnswer show = server_->get("/api/show?id=" + id);
  ASSERT_EQ(show.status, 200) << show.body;
  EXPECT_EQ(show.body, run_cli({"show", "--db", sample_db(), "--format", "json", id}).out);

  HttpAnswer similar = server_->get("/api/similar?id=" + id + "&limit=3");
  ASSERT_EQ(similar.status, 200) << similar.body;
  EXPECT_EQ(similar.body,
            run_cli({"similar", "--db", sample_db(), "--format", "json", "--limit", "3", id}).out);

  HttpAnswer stats = server_->get("/api/stats");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.body, run_cli({"stats", "--db", sample_db(), "--format", "json"}).out);
}

TEST_F(ServeApi, EntitiesAndTrendAnswerWhatTheCliPrints) {
  struct Case {
    std::string target;
    std::vector<std::string> cli;
  };
  const std::vector<Case> cases = {
      {"/api/entities?q=NATO&limit=5", {"entities", "--limit", "5", "NATO"}},
      {"/api/entities", {"entities"}},
      {"/api/entities?related=NATO&limit=5", {"entities", "--related", "NATO", "--limit", "5"}},
      {"/api/entities?graph=1&q=NATO&limit=10&min_count=2",
       {"entities", "--graph", "--limit", "10", "--min-count", "2", "NATO"}},
      {"/api/trend?q=NATO&by=year", {"trend", "--by", "year", "NATO"}},
      {"/api/trend?q=NATO&compare=Hegseth&compare=Ukraine&share=1&from=2025-01&to=2025-06",
       {"trend", "--share", "--from", "2025-01", "--to", "2025-06", "--compare", "Hegseth",
        "--compare", "Ukraine", "NATO"}},
  };
  for (const auto& c : cases) {
    HttpAnswer a = server_->get(c.target);
    ASSERT_EQ(a.status, 200) << c.target << ": " << a.body;
    std::vector<std::string> args = c.cli;
    args.insert(args.begin() + 1, {"--db", sample_db(), "--format", "json"});
    CliResult cli = run_cli(args);
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    EXPECT_EQ(a.body, cli.out) << c.target;
  }
  json trend = parse(server_->get("/api/trend?q=NATO&by=year").body);
  EXPECT_FALSE(trend["periods"].empty());
  HttpAnswer bad = server_->get("/api/trend?q=NATO&by=decade");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(server_->get("/api/entities?min_count=3").status, 400);
}

// Every error is an HTTP status with the same JSON body: {format_version, error{status, code,
// message}}.
TEST_F(ServeApi, ErrorsAreStatusesWithAJsonBody) {
  struct Case {
    std::string target;
    int status;
    std::string code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"/api/search?q=%22NATO%20summit&strict=1", 400, "query_syntax", "quote"},
      {"/api/search?q=NATO&limt=5", 400, "usage", "unknown parameter 'limt'"},
      {"/api/search?q=NATO&limit=101", 400, "usage", "at most 100"},
      {"/api/search?q=NATO&limit=ten", 400, "usage", "whole number"},
      {"/api/search?q=NATO&facet=colour", 400, "usage", "facet"},
      {"/api/search?q=NATO&sort=random", 400, "usage", "relevance"},
      {"/api/search?q=NATO&entity_boost=maybe", 400, "usage", "on, off"},
      {"/api/search?q=NATO&q=Ukraine", 400, "usage", "more than once"},
      {"/api/search", 400, "usage", "'q'"},
      {std::string("/api/search?q=").append(2049, 'a'), 400, "usage", "longer than 2048 bytes"},
      {"/api/show?id=no-such-article", 404, "not_found", "no-such-article"},
      {"/api/similar?id=no-such-article", 404, "not_found", "no-such-article"},
      {"/api/nothing-here", 404, "not_found", "/api/nothing-here"},
      {"/no-such-page", 404, "not_found", "404"},
  };
  for (const auto& c : cases) {
    HttpAnswer a = server_->get(c.target);
    EXPECT_EQ(a.status, c.status) << c.target << ": " << a.body;
    json j = parse(a.body);
    ASSERT_TRUE(j.is_object()) << c.target << ": " << a.body;
    EXPECT_EQ(j["format_version"], 1);
    EXPECT_EQ(j["error"]["status"], c.status) << c.target;
    EXPECT_EQ(j["error"]["code"], c.code) << c.target;
    EXPECT_NE(j["error"]["message"].get<std::string>().find(c.says), std::string::npos)
        << c.target << ": " << a.body;
  }
}

TEST_F(ServeApi, IsReadOnly) {
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    HttpAnswer a = http_request(server_->port(), "/api/search?q=NATO", method);
    EXPECT_EQ(a.status, 405) << method;
    EXPECT_EQ(parse(a.body)["error"]["code"], "method_not_allowed") << method;
  }
}

// DNS rebinding: a page on evil.example that resolves its name to 127.0.0.1 reaches the server
// with its own name in the Host header, and is turned away.
TEST_F(ServeApi, AnswersOnlyToItsOwnHostNames) {
  const int port = server_->port();
  // Appended, not `"x:" + p`: g++ 12 warns (-Wrestrict) on that form when inlined.
  auto with_port = [](std::string host, int n) {
    return host.append(":").append(std::to_string(n));
  };
  const std::vector<std::string> ours = {with_port("127.0.0.1", port), with_port("localhost", port),
                                         with_port("LOCALHOST", port), with_port("[::1]", port),
                                         "localhost"};
  for (const auto& host : ours)
    EXPECT_EQ(http_request(port, "/api/stats", "GET", host).status, 200) << host;
  const std::vector<std::string> foreign = {with_port("evil.example", port), "evil.example",
                                            with_port("localhost", port + 1), "x",
                                            // an empty port is the default one (80), not ours
                                            "localhost:", "[::1]:"};
  for (const auto& host : foreign) {
    HttpAnswer a = http_request(port, "/api/stats", "GET", host);
    EXPECT_EQ(a.status, 403) << host;
    EXPECT_EQ(parse(a.body)["error"]["code"], "forbidden_host") << host;
  }
}

TEST_F(ServeApi, PageAndApiCarryTheSafetyHeadersAndNoCors) {
  for (const char* target :
       {"/", "/app.js", "/app.css", "/api/search?q=NATO", "/api/show?id=nothing"}) {
    HttpAnswer a = server_->get(target);
    ASSERT_NE(a.status, 0) << target;
    EXPECT_NE(a.headers["content-security-policy"].find("script-src 'self'"), std::string::npos)
        << target;
    EXPECT_EQ(a.headers["content-security-policy"].find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(a.headers["x-content-type-options"], "nosniff") << target;
    for (const auto& [name, value] : a.headers)
      EXPECT_EQ(name.rfind("access-control-", 0), std::string::npos) << target << ": " << name;
  }
  HttpAnswer page = server_->get("/");
  EXPECT_EQ(page.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<script src=\"/app.js\""), std::string::npos);
  EXPECT_EQ(page.body.find("<script>"), std::string::npos)
      << "no inline script: the CSP forbids it";
  // Feed text reaches the page through textContent only: none of the ways to parse a string as
  // HTML appears in the page's script.
  HttpAnswer script = server_->get("/app.js");
  EXPECT_EQ(script.headers["content-type"], "text/javascript; charset=utf-8");
  for (const char* sink :
       {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("})
    EXPECT_EQ(script.body.find(sink), std::string::npos) << sink;
}

TEST_F(ServeApi, LogsOneLinePerRequestAndStopsCleanlyOnSigterm) {
  ASSERT_EQ(server_->get("/api/search?q=NATO").status, 200);
  ASSERT_EQ(server_->get("/api/show?id=nothing").status, 404);
  server_->process().signal(SIGTERM);
  EXPECT_EQ(server_->process().wait(), 0) << server_->process().err();
  const std::string err = server_->process().err();
  EXPECT_NE(err.find("GET /api/search?q=NATO 200 "), std::string::npos) << err;
  EXPECT_NE(err.find("GET /api/show?id=nothing 404 "), std::string::npos) << err;
}

// A client that goes away before reading its answer (a closed browser tab) must not take the
// server down: writing to its socket fails with EPIPE, a fatal SIGPIPE under the default action
// the CLI keeps for `search | head`.
TEST_F(ServeApi, SurvivesClientsThatHangUpBeforeReading) {
  for (int i = 0; i < 20; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<unsigned short>(server_->port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    std::string request = "GET /api/search?q=NATO%20OR%20Ukraine%20OR%20Russia&limit=100 "
                          "HTTP/1.1\r\nHost: localhost\r\n\r\n";
    ASSERT_GT(::send(fd, request.data(), request.size(), MSG_NOSIGNAL), 0);
    linger reset{1, 0}; // close with a RST: the server's next write fails at once
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    ::close(fd);
  }
  ASSERT_EQ(server_->get("/api/stats").status, 200) << server_->process().err();
  EXPECT_TRUE(server_->process().running());
}

TEST(ServeCli, StopsCleanlyOnSigint) {
  if (!serve_is_built()) GTEST_SKIP() << "newsdex was built without cpp-httplib: no serve";
  TempDir dir;
  Server server(dir, {"--db", sample_db()});
  ASSERT_GT(server.port(), 0) << server.process().err();
  server.process().signal(SIGINT);
  EXPECT_EQ(server.process().wait(), 0) << server.process().err();
}

// A collection that is missing (not built yet, or moved) is 503, and the same server answers
// once it exists: a server may be started before the first `newsdex index`.
TEST(ServeCli, MissingCollectionIs503UntilItIsBuilt) {
  if (!serve_is_built()) GTEST_SKIP() << "newsdex was built without cpp-httplib: no serve";
  TempDir dir;
  const std::string db = dir / "later.db";
  Server server(dir, {"--db", db});
  ASSERT_GT(server.port(), 0) << server.process().err();
  HttpAnswer before = server.get("/api/search?q=NATO");
  EXPECT_EQ(before.status, 503) << before.body;
  EXPECT_EQ(parse(before.body)["error"]["code"], "database_missing");
  EXPECT_EQ(server.get("/api/stats").status, 503);

  CliResult index = run_cli({"index", "--db", db, sample_articles()});
  ASSERT_EQ(index.exit_code, 0) << index.err;
  HttpAnswer after = server.get("/api/search?q=NATO");
  EXPECT_EQ(after.status, 200) << after.body;
  EXPECT_GT(parse(after.body)["total_estimate"].get<int>(), 0);
}

// httplib's default socket options include SO_REUSEPORT, with which a second server on the same
// port would start and silently take half the connections.
TEST(ServeCli, APortInUseIsAUsageError) {
  if (!serve_is_built()) GTEST_SKIP() << "newsdex was built without cpp-httplib: no serve";
  TempDir dir;
  Server first(dir, {"--db", sample_db()});
  ASSERT_GT(first.port(), 0) << first.process().err();
  BackgroundCli second({"serve", "--db", sample_db(), "--port", std::to_string(first.port())},
                       dir / "second.out", dir / "second.err");
  for (int i = 0; i < 600 && second.running(); ++i) // a minute; a server that started never ends
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  if (second.running()) second.signal(SIGKILL);
  EXPECT_EQ(second.wait(), 2) << second.err();
  EXPECT_NE(second.err().find(
                std::string("cannot listen on 127.0.0.1:").append(std::to_string(first.port()))),
            std::string::npos)
      << second.err();
}

TEST(ServeCli, RefusesBadOptions) {
  if (!serve_is_built()) GTEST_SKIP() << "newsdex was built without cpp-httplib: no serve";
  EXPECT_EQ(run_cli({"serve", "--port", "70000"}).exit_code, 2);
  EXPECT_EQ(run_cli({"serve", "--threads", "0"}).exit_code, 2);
  CliResult bad = run_cli({"serve", "--bind", "203.0.113.7", "--port", "0", "--db", sample_db()});
  EXPECT_EQ(bad.exit_code, 2) << bad.err; // not an address of this machine
  EXPECT_NE(bad.err.find("cannot listen on 203.0.113.7"), std::string::npos) << bad.err;
}

} // namespace
} // namespace newsdex::test
