// Proof of sameness (issue 16, item 2): the sample articles as a local collection of two shards
// and the same two shard databases served by xapian-tcpsrv on 127.0.0.1 behind a stub of `remote`
// lines give the same answers: the same ids in the same order, the same scores (to 1e-9), the
// same facet counts, snippets, similar articles, stored articles and entity statistics. What the
// remote backend cannot serve (spelling suggestions) is checked to be absent, not wrong.
#include "cli/remote_shards.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace newsdex::test {
namespace {

const std::string contact_group_url =
    "https://example.org/defense-daily-wire/2025/02/hegseth-contact-group";

// The same document, floating-point numbers (scores) to 1e-9.
void expect_same_json(const nlohmann::json& local, const nlohmann::json& remote,
                      const std::string& where) {
  if (local.is_number_float() || remote.is_number_float()) {
    ASSERT_TRUE(local.is_number() && remote.is_number()) << where;
    EXPECT_NEAR(local.get<double>(), remote.get<double>(), 1e-9) << where;
  } else if (local.is_object()) {
    ASSERT_TRUE(remote.is_object()) << where;
    std::vector<std::string> lk, rk;
    for (auto it = local.begin(); it != local.end(); ++it) lk.push_back(it.key());
    for (auto it = remote.begin(); it != remote.end(); ++it) rk.push_back(it.key());
    ASSERT_EQ(lk, rk) << where;
    for (const std::string& k : lk)
      if (k != "database") // the path given, which differs by design
        expect_same_json(local[k], remote[k], where + "." + k);
  } else if (local.is_array()) {
    ASSERT_TRUE(remote.is_array()) << where;
    ASSERT_EQ(local.size(), remote.size()) << where;
    for (std::size_t i = 0; i < local.size(); ++i) {
      std::string at = where;
      at.append("[").append(std::to_string(i)).append("]");
      expect_same_json(local[i], remote[i], at);
    }
  } else {
    EXPECT_EQ(local, remote) << where;
  }
}

class RemoteSameness : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    if (have_xapian_tcpsrv()) shards_ = new RemoteShards(2);
  }
  static void TearDownTestSuite() {
    delete shards_;
    shards_ = nullptr;
  }
  void SetUp() override {
    if (!shards_) GTEST_SKIP() << "xapian-tcpsrv not installed (xapian-tools)";
  }

  // `newsdex COMMAND --db DB ARGS...`
  static CliResult run(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--db", db});
    return run_cli(args);
  }

  // Runs the command against both collections: the same exit code, and the same JSON document.
  // Returns the local one.
  static nlohmann::json expect_same(const std::vector<std::string>& args) {
    std::string what;
    for (const auto& a : args) what.append(a).append(" ");
    const CliResult local = run(shards_->local(), args);
    const CliResult remote = run(shards_->remote(), args);
    EXPECT_TRUE(local.exit_code == 0 || local.exit_code == 1) << what << local.err;
    EXPECT_EQ(local.exit_code, remote.exit_code) << what << remote.err;
    const auto l = nlohmann::json::parse(local.out, nullptr, false);
    const auto r = nlohmann::json::parse(remote.out, nullptr, false);
    EXPECT_FALSE(l.is_discarded()) << what << local.out;
    EXPECT_FALSE(r.is_discarded()) << what << remote.out;
    if (!l.is_discarded() && !r.is_discarded()) expect_same_json(l, r, what);
    return l;
  }

  // `search --format json [--limit 50] ARGS...` against both.
  static nlohmann::json search_same(std::vector<std::string> args) {
    if (std::find(args.begin(), args.end(), "--limit") == args.end())
      args.insert(args.begin(), {"--limit", "50"});
    args.insert(args.begin(), {"search", "--format", "json"});
    return expect_same(args);
  }

  static RemoteShards* shards_;
};
RemoteShards* RemoteSameness::shards_ = nullptr;

TEST_F(RemoteSameness, PlainQueriesPhrasesAndNear) {
  // Each of these finds something, so the comparison is not between two empty lists.
  for (const std::vector<std::string>& q : std::vector<std::vector<std::string>>{
           {"NATO"},
           {"defense", "spending"},
           {"\"defense spending\""},
           {"Hegseth", "NEAR/8", "Ukraine"},
           {"NATO", "ADJ/3", "summit"},
           {"NATO", "-Russia"},
           {"--match", "any", "icebreaker", "shipyard"},
           {"U.S.", "Navy"},
           {"title:summit"},
       }) {
    const nlohmann::json j = search_same(q);
    EXPECT_GT(j["hits"].size(), 0u) << q[0];
  }
}

TEST_F(RemoteSameness, FieldFiltersAndPaging) {
  for (const std::vector<std::string>& q : std::vector<std::vector<std::string>>{
           {"Hegseth", "date:2025-02"},
           {"source:\"Harbour Post\""},
           {"NATO", "year:2025"},
           {"--offset", "3", "--limit", "4", "NATO"},
       })
    EXPECT_GT(search_same(q)["hits"].size(), 0u) << q[0];
}

TEST_F(RemoteSameness, SortRecencyCollapseAndExpand) {
  for (const std::vector<std::string>& q : std::vector<std::vector<std::string>>{
           {"--sort", "-date", "NATO"},
           {"--sort", "date", "defense"},
           {"--recent", "30", "NATO"},
           {"--recent", "1y", "--recent-weight", "2", "spending"},
           {"--collapse", "NATO"},
           {"--expand", "ammunition", "production"},
           {"--explain", "NATO", "spending"},
       })
    EXPECT_GT(search_same(q)["hits"].size(), 0u) << q[0];
}

TEST_F(RemoteSameness, FacetCountsIncludingEntities) {
  const nlohmann::json j = search_same({"--facet", "source", "--facet", "year", "--facet", "month",
                                        "--facet", "entity", "--facet-limit", "100", "NATO"});
  for (const char* f : {"source", "year", "month", "entity"})
    EXPECT_GT(j["facets"][f].size(), 0u) << f;
  // Most of the articles, every entity listed: each one's count over them.
  search_same({"--facet", "entity", "--facet-limit", "1000", "--limit", "0", "--match", "any",
               "NATO", "defense", "budget", "Ukraine", "government", "minister"});
}

TEST_F(RemoteSameness, SimilarShowAndEntities) {
  EXPECT_GT(
      expect_same({"similar", "--format", "json", "--facet", "entity", contact_group_url})["hits"]
          .size(),
      0u);
  expect_same({"show", "--format", "json", contact_group_url});
  EXPECT_GT(expect_same({"entities", "--format", "json"})["entities"].size(), 0u);
  expect_same({"entities", "--format", "json", "NATO"});
  expect_same({"entities", "--format", "json", "--related", "NATO"});
  expect_same({"entities", "--format", "json", "--graph", "--min-count", "1"});
  // export prints JSON Lines: the same text.
  const CliResult local = run(shards_->local(), {"export", "NATO"});
  const CliResult remote = run(shards_->remote(), {"export", "NATO"});
  EXPECT_EQ(local.exit_code, 0) << local.err;
  EXPECT_EQ(remote.exit_code, 0) << remote.err;
  EXPECT_FALSE(local.out.empty());
  EXPECT_EQ(local.out, remote.out);
  expect_same({"trend", "--format", "json", "--by", "month", "NATO", "--compare", "Hegseth"});
}

// The program form, `remote :PROGRAM ARGS`, is how shards on other machines are reached
// (`remote :ssh HOST xapian-progsrv DB`); here xapian-progsrv runs locally, without ssh.
TEST_F(RemoteSameness, ProgramFormAsTcp) {
  const char* progsrv = "/usr/bin/xapian-progsrv";
  if (::access(progsrv, X_OK) != 0) GTEST_SKIP() << "xapian-progsrv not installed";
  const std::string stub = shards_->dir() / "piped.db";
  std::string lines;
  for (const std::string& shard : shards_->shard_dirs())
    lines.append("remote :").append(progsrv).append(" ").append(shard).append("\n");
  write_file(stub, lines);
  const std::vector<std::string> args = {"search",  "--format", "json", "--facet", "entity",
                                         "--limit", "50",       "NATO", "spending"};
  std::vector<std::string> piped = args, tcp = args;
  piped.insert(piped.begin() + 1, {"--db", stub});
  tcp.insert(tcp.begin() + 1, {"--db", shards_->remote()});
  const CliResult p = run_cli(piped), t = run_cli(tcp);
  ASSERT_EQ(p.exit_code, 0) << p.err;
  ASSERT_EQ(t.exit_code, 0) << t.err;
  expect_same_json(nlohmann::json::parse(t.out), nlohmann::json::parse(p.out), "piped");
}

// A collection's settings live in its manifest, which every shard holds: a remote collection
// built with another language is searched with that language, as the local one is.
TEST(RemoteSettings, RecordedSettingsAreReadFromRemoteShards) {
  if (!have_xapian_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv not installed (xapian-tools)";
  RemoteShards french(2, {"--language", "fr"});
  const auto json_of = [](const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--db", db, "--format", "json"});
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  };
  const auto local =
      json_of(french.local(), {"search", "--facet", "source", "spending", "défense"});
  const auto remote =
      json_of(french.remote(), {"search", "--facet", "source", "spending", "défense"});
  ASSERT_FALSE(local.is_discarded());
  ASSERT_FALSE(remote.is_discarded());
  EXPECT_GT(local["hits"].size(), 0u);
  expect_same_json(local, remote, "search");
  const auto stats = json_of(french.remote(), {"stats"});
  ASSERT_FALSE(stats.is_discarded());
  EXPECT_EQ(stats["settings"]["language"], "fr") << stats.dump();
}

// A wildcard is expanded by newsdex from the whole collection, beside NEAR and alone: the same
// answers. (Left to Xapian's OP_WILDCARD, each remote server would expand a plain wildcard over
// its own shard and weigh it with its own statistics: the same articles, other scores and order.)
TEST_F(RemoteSameness, Wildcards) {
  EXPECT_GT(search_same({"NATO", "NEAR/5", "defen*"})["hits"].size(), 0u);
  for (const std::vector<std::string>& q : std::vector<std::vector<std::string>>{
           {"--", "defens*"},
           {"--limit", "100", "--", "def*"},
           {"NATO", "spend*"},
           {"--match", "any", "icebreak*", "shipyar*"},
           {"defen*", "AND", "NOT", "Russia"},
       }) {
    const nlohmann::json j = search_same(q);
    EXPECT_GT(j["hits"].size(), 1u) << q.back();
  }
  EXPECT_GT(search_same({"title:summ*"})["hits"].size(), 0u);
  // A wildcard that starts no indexed term still matches nothing, on both.
  EXPECT_EQ(search_same({"NATO", "AND", "zzqx*"})["hits"].size(), 0u);
}

// Xapian's remote backend serves no spelling data: the suggestion is missing, never a wrong one.
TEST_F(RemoteSameness, NoSpellingSuggestionRemotely) {
  const CliResult local =
      run(shards_->local(), {"search", "--format", "json", "--limit", "1", "nato", "spendng"});
  const CliResult remote =
      run(shards_->remote(), {"search", "--format", "json", "--limit", "1", "nato", "spendng"});
  ASSERT_EQ(local.exit_code, 0) << local.err;
  ASSERT_EQ(remote.exit_code, 0) << remote.err;
  EXPECT_EQ(nlohmann::json::parse(local.out)["suggestion"], "nato spending");
  EXPECT_TRUE(nlohmann::json::parse(remote.out)["suggestion"].is_null());
}

} // namespace
} // namespace newsdex::test
