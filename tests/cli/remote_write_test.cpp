// Writing to remote shards (issue 16, item 1): `newsdex init --shard tcp:HOST:PORT ...` makes a
// collection whose shards are served by `xapian-tcpsrv --writable` processes on 127.0.0.1, and
// `newsdex index` writes them, routed by the same id hash as local shards. What needs the
// shards' files (compact, reindex, check, backup) is refused; a server that dies mid-run is a
// database error naming it, and a rerun after its restart completes the collection.
#include "cli/remote_shards.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <sys/stat.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

namespace newsdex::test {
namespace {

// PREFIX followed by N; appended, not "literal" + to_string(): g++ 12 -Wrestrict (PR105329).
std::string numbered(const char* prefix, unsigned n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

// N empty shard databases, each served writable by its own xapian-tcpsrv (which creates it), and
// the collection `newsdex init --shard` makes of them.
class RemoteWrite : public ::testing::Test {
protected:
  void SetUp() override {
    if (!have_xapian_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv not installed (xapian-tools)";
  }

  // Starts `n` writable servers and runs `init` over them; returns init's result.
  CliResult start(unsigned n, const std::vector<std::string>& init_options = {}) {
    std::vector<std::string> init = {"init", "--db", db()};
    for (unsigned k = 0; k < n; ++k) {
      shard_dirs_.push_back(dir_ / numbered("s", k));
      servers_.push_back(
          std::make_unique<TcpServer>(shard_dirs_.back(), TcpServerOptions::writable_on()));
      init.push_back("--shard");
      init.push_back("tcp:127.0.0.1:" + std::to_string(servers_.back()->port()));
    }
    init.insert(init.end(), init_options.begin(), init_options.end());
    return run_cli(init);
  }

  std::string db() const { return dir_ / "c.db"; }
  std::string name_of(std::size_t k) const {
    return "127.0.0.1:" + std::to_string(servers_.at(k)->port());
  }
  // Documents committed in shard k, read from its database directory (as its host would).
  Xapian::doccount committed(std::size_t k) const {
    return Xapian::Database(shard_dirs_.at(k)).get_doccount();
  }

  TempDir dir_;
  std::vector<std::string> shard_dirs_;
  std::vector<std::unique_ptr<TcpServer>> servers_;
};

nlohmann::json search_json(const std::string& db, const std::vector<std::string>& words) {
  std::vector<std::string> args = {"search", "--db", db, "--format", "json", "--limit", "100"};
  args.insert(args.end(), words.begin(), words.end());
  CliResult r = run_cli(args);
  EXPECT_LE(r.exit_code, 1) << r.err;
  return nlohmann::json::parse(r.out);
}

// id -> score of every hit.
std::map<std::string, double> scores(const nlohmann::json& j) {
  std::map<std::string, double> out;
  for (const auto& hit : j["hits"]) out[hit["id"].get<std::string>()] = hit["score"].get<double>();
  return out;
}

std::uint64_t documents_of(const std::string& db) {
  CliResult r = run_cli({"stats", "--db", db, "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out)["documents"].get<std::uint64_t>();
}

// JSON Lines articles a0..a{n-1}, distinct ids and texts.
std::string many_articles(const TempDir& dir, unsigned n) {
  const std::string path = dir / "many.jsonl";
  std::ofstream out(path);
  for (unsigned i = 0; i < n; ++i)
    out << nlohmann::json{{"id", numbered("a", i)},
                          {"title", numbered("Harbour report ", i)},
                          {"body", numbered("Shipping lane ", i % 13) +
                                       numbered(" and port ", i % 7) + numbered(" on day ", i)},
                          {"source", numbered("wire", i % 3)}}
               .dump()
        << '\n';
  return path;
}

TEST_F(RemoteWrite, InitWritesARemoteStubAndRecordsTheSettingsInEveryShard) {
  CliResult r = start(2, {"--language", "fr", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["shards"], 2);
  std::ifstream stub(db());
  std::stringstream text;
  text << stub.rdbuf();
  EXPECT_NE(text.str().find("remote " + name_of(0) + "\nremote " + name_of(1) + "\n"),
            std::string::npos)
      << text.str();
  // Each shard database holds the manifest, which every later command reads.
  for (std::size_t k = 0; k < 2; ++k)
    EXPECT_NE(Xapian::Database(shard_dirs_[k]).get_metadata("newsdex.manifest").find("\"fr\""),
              std::string::npos);
  CliResult stats = run_cli({"stats", "--db", db(), "--format", "json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(nlohmann::json::parse(stats.out)["settings"]["language"], "fr");
}

// The same articles indexed into remote shards and into a local collection of as many shards:
// each shard holds the same documents (routing by id hash), and a search finds the same articles
// with the same scores.
TEST_F(RemoteWrite, IndexRoutesByIdHashAsLocalShardsDo) {
  ASSERT_EQ(start(2).exit_code, 0);
  CliResult r = run_cli({"index", "--db", db(), sample_articles()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string local = dir_ / "local.db";
  ASSERT_EQ(run_cli({"index", "--db", local, "--shards", "2", sample_articles()}).exit_code, 0);

  EXPECT_EQ(documents_of(db()), documents_of(local));
  std::ifstream stub(local);
  std::vector<std::string> local_shards;
  for (std::string line; std::getline(stub, line);)
    if (line.rfind("auto ", 0) == 0) local_shards.push_back(dir_ / line.substr(5));
  ASSERT_EQ(local_shards.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_GT(committed(k), 0u);
    EXPECT_EQ(committed(k), Xapian::Database(local_shards[k]).get_doccount()) << "shard " << k;
  }
  for (const std::vector<std::string>& q :
       {std::vector<std::string>{"NATO"}, {"ransomware", "port"}, {"source:wire"}}) {
    const auto remote_hits = scores(search_json(db(), q)),
               local_hits = scores(search_json(local, q));
    ASSERT_EQ(remote_hits.size(), local_hits.size()) << q[0];
    for (const auto& [id, score] : local_hits) {
      ASSERT_TRUE(remote_hits.count(id)) << id;
      EXPECT_NEAR(remote_hits.at(id), score, 1e-9) << id;
    }
  }
  // A second run finds every article stored unchanged (the content hash is read remotely).
  r = run_cli({"index", "--db", db(), "--format", "json", sample_articles()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["indexed"], 0);
}

// The remote backend stores spelling data (add_spelling is sent to the server) but serves no
// suggestions: the writer keeps a local copy of each shard's spelling data beside the stub, which
// the search of the remote collection suggests from; the shard opened on its host suggests too.
TEST_F(RemoteWrite, SpellingIsStoredOnTheShardsAndSuggestedFromTheLocalCopy) {
  ASSERT_EQ(start(2).exit_code, 0);
  ASSERT_EQ(run_cli({"index", "--db", db(), sample_articles()}).exit_code, 0);
  const nlohmann::json remote = search_json(db(), {"ransomwere"});
  EXPECT_EQ(remote["suggestion"], "ransomware") << remote.dump();
  std::size_t words = 0, copied = 0;
  for (std::size_t k = 0; k < 2; ++k) {
    Xapian::Database shard(shard_dirs_[k]);
    for (auto it = shard.spellings_begin(); it != shard.spellings_end(); ++it) ++words;
    Xapian::Database copy(db() + ".d/spelling/s" + std::to_string(k));
    for (auto it = copy.spellings_begin(); it != copy.spellings_end(); ++it) ++copied;
  }
  EXPECT_GT(words, 100u);
  EXPECT_EQ(copied, words) << "each copy holds its shard's words";
  bool suggested = false;
  for (std::size_t k = 0; k < 2; ++k)
    suggested =
        suggested || search_json(shard_dirs_[k], {"ransomwere"})["suggestion"] == "ransomware";
  EXPECT_TRUE(suggested);

  // Without the copy (a searcher on another machine than the writer's): no suggestion, and no
  // failure.
  std::filesystem::remove_all(db() + ".d/spelling");
  const nlohmann::json elsewhere = search_json(db(), {"ransomwere"});
  EXPECT_TRUE(elsewhere["suggestion"].is_null()) << elsewhere.dump();
}

TEST_F(RemoteWrite, CommandsThatNeedTheShardsFilesAreRefused) {
  ASSERT_EQ(start(2).exit_code, 0);
  ASSERT_EQ(run_cli({"index", "--db", db(), sample_articles()}).exit_code, 0);
  const std::uint64_t before = documents_of(db());
  for (const std::vector<std::string>& args : {std::vector<std::string>{"compact", "--db", db()},
                                               {"reindex", "--db", db()},
                                               {"check", "--db", db()},
                                               {"backup", "--db", db(), dir_ / "backup.db"}}) {
    CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.out << r.err;
    EXPECT_NE(r.err.find("remote"), std::string::npos) << args[0] << ": " << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "backup.db"));
  // Nothing local but the spelling copies the writer keeps: no generation was started.
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "c.db.d"))
    EXPECT_EQ(entry.path().filename(), "spelling");
  EXPECT_EQ(documents_of(db()), before);
}

TEST_F(RemoteWrite, DeleteByIdAndByQuery) {
  ASSERT_EQ(start(2).exit_code, 0);
  ASSERT_EQ(run_cli({"index", "--db", db(), many_articles(dir_, 40)}).exit_code, 0);
  CliResult r = run_cli({"delete", "--db", db(), "a1", "a2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(documents_of(db()), 38u);
  r = run_cli({"delete", "--db", db(), "--query", "source:wire0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(committed(0) + committed(1), 38u - 14u); // a0, a3, ..., a39
  EXPECT_EQ(search_json(db(), {"source:wire0"})["hits"].size(), 0u);
}

TEST_F(RemoteWrite, InitAgainstADeadServerLeavesNoCollection) {
  const int port = unused_loopback_port();
  CliResult r = run_cli({"init", "--db", db(), "--shard", "tcp:127.0.0.1:" + std::to_string(port)},
                        "", {"NEWSDEX_REMOTE_TIMEOUT=2"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("remote shard 127.0.0.1:" + std::to_string(port)), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(db()));
}

TEST_F(RemoteWrite, BadShardSpecsAreUsageErrors) {
  for (const std::string spec :
       {"127.0.0.1:7001", "tcp:127.0.0.1", "tcp:127.0.0.1:0", "tcp:127.0.0.1:99999",
        "ssh:host:relative/path", "ssh:-oProxyCommand=evil:/srv/s0", "ssh:user@:/srv/s0",
        "ssh:host:/with space", "udp:127.0.0.1:7001"}) {
    CliResult r = run_cli({"init", "--db", db(), "--shard", spec});
    EXPECT_EQ(r.exit_code, 2) << spec << ": " << r.err;
    EXPECT_FALSE(std::filesystem::exists(db())) << spec;
  }
  CliResult both =
      run_cli({"init", "--db", db(), "--shards", "2", "--shard", "tcp:127.0.0.1:7001"});
  EXPECT_EQ(both.exit_code, 2) << both.err;
}

// xapian-tcpsrv has no authentication: a shard named by an address other machines reach is
// warned about (192.0.2.1 is TEST-NET-1: nothing answers, the connection times out).
TEST_F(RemoteWrite, InitWarnsOfATcpShardBeyondLoopback) {
  CliResult r = run_cli({"init", "--db", db(), "--shard", "tcp:192.0.2.1:7001"}, "",
                        {"NEWSDEX_REMOTE_TIMEOUT=0.5"});
  EXPECT_NE(r.err.find("no authentication"), std::string::npos) << r.err;
  EXPECT_EQ(r.exit_code, 3) << r.err;
  r = run_cli(
      {"init", "--db", db(), "--shard", "tcp:127.0.0.1:" + std::to_string(unused_loopback_port())},
      "", {"NEWSDEX_REMOTE_TIMEOUT=0.5"});
  EXPECT_EQ(r.err.find("no authentication"), std::string::npos) << r.err;
}

// An index run whose server is gone, or stopped (it accepts but never answers): exit 3 naming
// the shard, within the timeout.
TEST_F(RemoteWrite, IndexIntoADeadOrStoppedServerIsADatabaseErrorNamingIt) {
  ASSERT_EQ(start(2).exit_code, 0);
  servers_[1]->signal(SIGSTOP);
  CliResult r =
      run_cli({"index", "--db", db(), sample_articles()}, "", {"NEWSDEX_REMOTE_TIMEOUT=1"});
  servers_[1]->signal(SIGCONT);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("remote shard " + name_of(1)), std::string::npos) << r.err;
  servers_[1]->stop();
  r = run_cli({"index", "--db", db(), sample_articles()}, "", {"NEWSDEX_REMOTE_TIMEOUT=2"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("remote shard " + name_of(1) + " does not answer"), std::string::npos)
      << r.err;
}

// The server holds the shard's write lock while a writer is connected: a second writer is
// refused, naming the shard; readers search beside the writer.
TEST_F(RemoteWrite, OneWriterPerShardReadersBeside) {
  ASSERT_EQ(start(2).exit_code, 0);
  ASSERT_EQ(run_cli({"index", "--db", db(), sample_articles()}).exit_code, 0);
  Xapian::WritableDatabase holder =
      Xapian::Remote::open_writable("127.0.0.1", static_cast<unsigned>(servers_[1]->port()), 10000);
  CliResult r = run_cli({"index", "--db", db(), many_articles(dir_, 10)});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("remote shard " + name_of(1) + " is locked by another writer"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(search_json(db(), {"NATO"})["hits"].empty());
  holder.close();
  r = run_cli({"index", "--db", db(), many_articles(dir_, 10)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// A shard's server killed during a run of many articles with a small batch: exit 3 naming it;
// the other shard keeps what it committed (its writer commits what it was given); a rerun once
// the server is back writes what is missing and skips what is stored.
TEST_F(RemoteWrite, ServerKilledMidRunThenARerunCompletesTheCollection) {
  ASSERT_EQ(start(2).exit_code, 0);
  constexpr unsigned articles = 20000;
  const std::string input = many_articles(dir_, articles);
  const std::string out = dir_ / "out.txt", err = dir_ / "err.txt";
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(o, 1);
    ::dup2(e, 2);
    exec_cli({"index", "--db", db(), "--batch", "50", input}, {"NEWSDEX_REMOTE_TIMEOUT=5"});
  }
  // Killed once shard 1 has committed a batch or two: well before the run ends.
  const int port = servers_[1]->port();
  for (int i = 0; i < 60000; ++i) {
    bool started = false;
    try {
      started = committed(1) >= 50;
    } catch (const Xapian::Error&) { // not created yet, or changed while read
    }
    if (started) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  servers_[1]->stop(SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  std::ifstream err_file(err);
  std::stringstream message;
  message << err_file.rdbuf();
  EXPECT_EQ(WEXITSTATUS(status), 3) << message.str();
  EXPECT_NE(message.str().find("remote shard " + name_of(1)), std::string::npos) << message.str();

  const Xapian::doccount kept0 = committed(0), kept1 = committed(1);
  EXPECT_GT(kept0, 0u);
  EXPECT_LT(kept0 + kept1, articles) << "the kill came after the run: nothing was tested";

  servers_[1] = std::make_unique<TcpServer>(shard_dirs_[1], TcpServerOptions::writable_on(port));
  CliResult r = run_cli({"index", "--db", db(), "--batch", "50", "--format", "json", input});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["unchanged"].get<std::uint64_t>(), kept0 + kept1);
  EXPECT_EQ(summary["indexed"].get<std::uint64_t>(), articles - kept0 - kept1);
  EXPECT_EQ(documents_of(db()), articles);
  EXPECT_EQ(committed(0) + committed(1), articles);
}

// The ssh form, `--shard ssh:USER@HOST:/PATH`, runs xapian-progsrv --writable through ssh; an
// `ssh` that runs the command here (no host) stands in for the real one.
TEST_F(RemoteWrite, SshFormRunsXapianProgsrvThroughSsh) {
  if (::access("/usr/bin/xapian-progsrv", X_OK) != 0)
    GTEST_SKIP() << "xapian-progsrv not installed (xapian-tools)";
  const std::string bin = dir_ / "bin";
  std::filesystem::create_directories(bin);
  // Drops ssh's options and the host, then runs the remote command locally.
  write_file(bin + "/ssh",
             "#!/bin/sh\nwhile [ \"$1\" = -o ]; do shift 2; done\nshift\nexec \"$@\"\n");
  ::chmod((bin + "/ssh").c_str(), 0755);
  const std::vector<std::string> env = {"PATH=" + bin + ":/usr/bin:/bin"};
  const std::string s0 = dir_ / "p0", s1 = dir_ / "p1";
  const std::vector<std::string> init = {"init",
                                         "--db",
                                         db(),
                                         "--shard",
                                         "ssh:news@shard0.example:" + s0,
                                         "--shard",
                                         "ssh:shard1.example:" + s1};
  // xapian-progsrv opens an existing database only: named, and no collection is left.
  CliResult r = run_cli(init, "", env);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("has no database"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db()));
  // The recipe of docs/SCALE.md creates each on its host.
  for (const auto& [host, shard] : {std::pair{"news@shard0.example", s0}, {"shard1.example", s1}})
    ASSERT_EQ(std::system(("PATH=" + bin + ":/usr/bin:/bin ssh -o BatchMode=yes " + host +
                           " xapian-metadata set " + shard + " newsdex.shard x")
                              .c_str()),
              0);
  r = run_cli(init, "", env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream stub(db());
  std::stringstream text;
  text << stub.rdbuf();
  EXPECT_NE(text.str().find("remote :ssh -o BatchMode=yes news@shard0.example xapian-progsrv "
                            "--writable " +
                            s0 + "\n"),
            std::string::npos)
      << text.str();
  r = run_cli({"index", "--db", db(), sample_articles()}, "", env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(Xapian::Database(s0).get_doccount(), 0u);
  EXPECT_GT(Xapian::Database(s1).get_doccount(), 0u);
  r = run_cli({"search", "--db", db(), "--format", "json", "NATO"}, "", env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(nlohmann::json::parse(r.out)["hits"].size(), 0u);
}

} // namespace
} // namespace newsdex::test
