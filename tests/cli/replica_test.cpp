// Read replicas (issue 16, item 4): xapian-replicate-server ships a shard database's changesets to
// xapian-replicate, which keeps a local copy that `newsdex search` reads through a stub of its
// own. The primary's writer must run with XAPIAN_MAX_CHANGESETS, or every update is a full copy.
// A shard written through xapian-tcpsrv --writable is never swapped for another directory, so its
// replica follows it for good; a local collection's compaction moves it to a new generation
// directory, which a replica must be pointed at afresh (docs/SCALE.md).
#include "cli/remote_shards.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace newsdex::test {
namespace {

constexpr const char* replicate_server = "/usr/bin/xapian-replicate-server";
constexpr const char* replicate = "/usr/bin/xapian-replicate";

// xapian-replicate-server serving the databases under `parent` on 127.0.0.1.
class ReplicateServer : public LoopbackServer {
public:
  explicit ReplicateServer(const std::string& parent)
      : LoopbackServer(
            [&](int port) {
              return std::vector<std::string>{replicate_server, "--interface",        "127.0.0.1",
                                              "--port",         std::to_string(port), parent};
            },
            0, {}, "xapian-replicate-server for " + parent) {}
};

// One update of the replica at `replica` from database `master` of the server: what
// xapian-replicate --verbose says ("Update complete: 0 copies, 1 changesets, ..."), or a failure.
std::string replicate_once(int port, const std::string& master, const std::string& replica) {
  const std::string command = std::string(replicate) + " --one-shot --verbose --timeout 60" +
                              " --host 127.0.0.1 --port " + std::to_string(port) + " --master " +
                              master + " " + replica + " 2>&1";
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, p)) out += buffer;
    const int status = ::pclose(p);
    EXPECT_EQ(status, 0) << command << "\n" << out;
  } else {
    ADD_FAILURE() << "cannot run " << command;
  }
  return out;
}

// The ids `newsdex search` finds for `query`.
std::vector<std::string> ids_found(const std::string& db, const std::string& query) {
  CliResult r = run_cli({"search", "--db", db, "--format", "json", "--limit", "100", query});
  EXPECT_LE(r.exit_code, 1) << r.err;
  const nlohmann::json results = nlohmann::json::parse(r.out); // outlives the loop
  std::vector<std::string> ids;
  for (const auto& hit : results["hits"]) ids.push_back(hit["id"]);
  return ids;
}

std::string one_article(const TempDir& dir, const std::string& id, const std::string& word) {
  const std::string path = dir / (id + ".jsonl");
  write_file(path, nlohmann::json{{"id", id},
                                  {"title", "A " + word + " dispatch"},
                                  {"body", "Reporters saw the " + word + " at the harbour."}}
                           .dump() +
                       "\n");
  return path;
}

class Replica : public ::testing::Test {
protected:
  void SetUp() override {
    if (!have_xapian_tcpsrv() || ::access(replicate_server, X_OK) != 0 ||
        ::access(replicate, X_OK) != 0)
      GTEST_SKIP() << "xapian-tcpsrv, xapian-replicate-server or xapian-replicate not installed "
                      "(xapian-tools)";
  }
  TempDir dir_;
};

// The recipe for remote shards: the shard's server runs with XAPIAN_MAX_CHANGESETS, a replica
// follows its commits by changesets, and a search of the replica's stub sees each new article.
TEST_F(Replica, FollowsARemoteShardsCommits) {
  const std::string primary = dir_ / "primary", replicas = dir_ / "replicas";
  std::filesystem::create_directories(primary);
  std::filesystem::create_directories(replicas);
  TcpServer shard(primary + "/s0", TcpServerOptions::writable_on(0, {"XAPIAN_MAX_CHANGESETS=10"}));
  const std::string db = dir_ / "news.db";
  ASSERT_EQ(
      run_cli({"init", "--db", db, "--shard", "tcp:127.0.0.1:" + std::to_string(shard.port())})
          .exit_code,
      0);
  ASSERT_EQ(run_cli({"index", "--db", db, sample_articles()}).exit_code, 0);

  ReplicateServer server(primary);
  const std::string replica = replicas + "/s0";
  EXPECT_NE(replicate_once(server.port(), "s0", replica).find("1 copies"), std::string::npos);
  const std::string replica_db = dir_ / "replica.db";
  write_file(replica_db, "auto replicas/s0\n");
  EXPECT_EQ(ids_found(replica_db, "NATO"), ids_found(db, "NATO"));
  EXPECT_FALSE(ids_found(replica_db, "NATO").empty());

  for (const std::string word : {"zanzibar", "quokka"}) {
    ASSERT_EQ(run_cli({"index", "--db", db, one_article(dir_, word + "-1", word)}).exit_code, 0);
    EXPECT_TRUE(ids_found(replica_db, word).empty()) << "before the update";
    // Changesets, not a full copy: the writer (the shard's server) kept them.
    EXPECT_NE(replicate_once(server.port(), "s0", replica).find("0 copies"), std::string::npos);
    EXPECT_EQ(ids_found(replica_db, word), std::vector<std::string>{word + "-1"});
  }
  // The replica is a local database: it suggests spellings, which the remote shard cannot.
  CliResult r = run_cli({"search", "--db", replica_db, "--format", "json", "zanzibr"});
  EXPECT_EQ(nlohmann::json::parse(r.out)["suggestion"], "zanzibar") << r.out;
}

// A local collection's shard is replicated from its generation directory (newsdex index run with
// XAPIAN_MAX_CHANGESETS); a compaction publishes a new generation, whose commits the replica of
// the old directory never sees: it is pointed at the new one (a full copy).
TEST_F(Replica, ALocalCollectionsReplicaIsRepointedAfterACompaction) {
  const std::string db = dir_ / "news.db";
  const std::vector<std::string> env = {"XAPIAN_MAX_CHANGESETS=10"};
  ASSERT_EQ(run_cli({"index", "--db", db, sample_articles()}, "", env).exit_code, 0);
  const std::string g2 = dir_ / "news.db.d/g2";
  ASSERT_TRUE(std::filesystem::exists(g2 + "/s0")) << "the first index is a fresh build into g2";
  auto server = std::make_unique<ReplicateServer>(g2);
  std::filesystem::create_directories(dir_ / "replicas");
  const std::string replica_db = dir_ / "replica.db";
  write_file(replica_db, "auto replicas/g2-s0\n");
  replicate_once(server->port(), "s0", dir_ / "replicas/g2-s0");

  ASSERT_EQ(run_cli({"index", "--db", db, one_article(dir_, "z1", "zanzibar")}, "", env).exit_code,
            0);
  EXPECT_NE(replicate_once(server->port(), "s0", dir_ / "replicas/g2-s0").find("0 copies"),
            std::string::npos);
  EXPECT_EQ(ids_found(replica_db, "zanzibar"), std::vector<std::string>{"z1"});

  ASSERT_EQ(run_cli({"compact", "--db", db}, "", env).exit_code, 0);
  ASSERT_EQ(run_cli({"index", "--db", db, one_article(dir_, "q1", "quokka")}, "", env).exit_code,
            0);
  replicate_once(server->port(), "s0", dir_ / "replicas/g2-s0");
  EXPECT_TRUE(ids_found(replica_db, "quokka").empty()) << "g2 is no longer written";

  const std::string g3 = dir_ / "news.db.d/g3";
  ASSERT_TRUE(std::filesystem::exists(g3 + "/s0"));
  server = std::make_unique<ReplicateServer>(g3);
  EXPECT_NE(replicate_once(server->port(), "s0", dir_ / "replicas/g3-s0").find("1 copies"),
            std::string::npos);
  write_file(replica_db, "auto replicas/g3-s0\n");
  EXPECT_EQ(ids_found(replica_db, "quokka"), std::vector<std::string>{"q1"});
  EXPECT_EQ(ids_found(replica_db, "zanzibar"), std::vector<std::string>{"z1"});
}

} // namespace
} // namespace newsdex::test
