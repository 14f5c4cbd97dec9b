// Issue 18, item 2: every option takes one value per occurrence (repeat it for more), so the
// query, ids or inputs that follow an option are never swallowed by it (README "Conventions every
// subcommand keeps"). Each test puts the options BEFORE the positional arguments, with no "--".
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace newsdex::test {
namespace {

nlohmann::json parse(const CliResult& r) {
  try {
    return nlohmann::json::parse(r.out);
  } catch (const nlohmann::json::exception& e) {
    ADD_FAILURE() << "not JSON (" << e.what() << "): " << r.out << "\nstderr: " << r.err;
    return nlohmann::json::object();
  }
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::set<std::string> hit_ids(const nlohmann::json& j) {
  std::set<std::string> out;
  for (const auto& h : j["hits"]) out.insert(h["id"].get<std::string>());
  return out;
}

std::map<std::string, int> facet(const nlohmann::json& j, const std::string& name) {
  std::map<std::string, int> out;
  for (const auto& v : j["facets"][name]) out[v["value"].get<std::string>()] = v["count"];
  return out;
}

int total(const std::map<std::string, int>& counts) {
  int n = 0;
  for (const auto& [value, count] : counts) n += count;
  return n;
}

// The sample articles indexed with a user variants file and a user entity file, so the vector
// options --variants and --entities have something real to do.
class OptionsBeforeArguments : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    variants_ = *dir_ / "variants.txt";
    entities_ = *dir_ / "entities.txt";
    db_ = *dir_ / "db";
    // "frobnatz" is a word no article has: it finds the NATO articles only through this file.
    write_file(variants_, "frobnatz nato\n");
    // A canonical name no article writes: it is an entity only through this file (004 names the
    // institute).
    write_file(entities_, "organization: Watchdog Alliance = Fiscal Watch Institute\n");
    CliResult r = run_cli({"index", "--db", db_, "--variants", variants_, "--entities", entities_,
                           sample_articles()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // `search` with the analysis files, then `args`, then `query` words (no "--").
  static CliResult search(std::vector<std::string> args, const std::vector<std::string>& query) {
    args.insert(args.begin(), {"search", "--db", db_, "--format", "json", "--limit", "50",
                               "--variants", variants_, "--entities", entities_});
    args.insert(args.end(), query.begin(), query.end());
    return run_cli(args);
  }

  static TempDir* dir_;
  static std::string variants_, entities_, db_;
};

TempDir* OptionsBeforeArguments::dir_ = nullptr;
std::string OptionsBeforeArguments::variants_;
std::string OptionsBeforeArguments::entities_;
std::string OptionsBeforeArguments::db_;

TEST_F(OptionsBeforeArguments, SearchFacetVariantsAndEntitiesLeaveTheQueryAlone) {
  // The reference: the query after "--", where no option could take it.
  CliResult plain = search({"--"}, {"NATO"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const std::set<std::string> nato = hit_ids(parse(plain));
  ASSERT_EQ(nato.size(), 11u) << plain.out;

  // The issue's command: NATO was taken as a second facet name and refused.
  CliResult one = search({"--facet", "source"}, {"NATO"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  auto j = parse(one);
  EXPECT_EQ(j["query"], "NATO");
  EXPECT_EQ(hit_ids(j), nato);
  auto sources = facet(j, "source");
  EXPECT_FALSE(sources.empty()) << j["facets"].dump();
  EXPECT_EQ(total(sources), 11) << "every sample article has a source";
  EXPECT_FALSE(j["facets"].contains("year"));

  // Repeated for more facets; several query words after them.
  CliResult two =
      search({"--facet", "source", "--facet", "year", "--facet", "entity"}, {"NATO", "Hegseth"});
  ASSERT_EQ(two.exit_code, 0) << two.err;
  j = parse(two);
  EXPECT_EQ(j["query"], "NATO Hegseth");
  EXPECT_GE(hit_ids(j).size(), 11u);
  for (const char* f : {"source", "year", "entity"})
    EXPECT_TRUE(j["facets"].contains(f)) << f << ": " << j["facets"].dump();
  EXPECT_GT(facet(j, "entity")["NATO"], 0) << j["facets"].dump();
  EXPECT_EQ(j["facets"].size(), 3u);

  // A later word starting with '-' is still a query word, not an unknown option.
  CliResult minus = search({"--facet", "source"}, {"NATO", "-Hegseth"});
  ASSERT_EQ(minus.exit_code, 0) << minus.err;
  j = parse(minus);
  EXPECT_EQ(j["query"], "NATO -Hegseth");
  EXPECT_LT(hit_ids(j).size(), 11u);
  EXPECT_GT(total(facet(j, "source")), 0);

  // --variants and --entities right before the query: the query is searched with both files.
  CliResult variant = run_cli({"search", "--db", db_, "--format", "json", "--limit", "50",
                               "--entities", entities_, "--variants", variants_, "frobnatz"});
  ASSERT_EQ(variant.exit_code, 0) << variant.err;
  EXPECT_EQ(hit_ids(parse(variant)), nato);
  CliResult entity = run_cli({"search", "--db", db_, "--format", "ids", "--variants", variants_,
                              "--entities", entities_, "entity:\"Watchdog Alliance\""});
  ASSERT_EQ(entity.exit_code, 0) << entity.err;
  EXPECT_EQ(lines(entity.out), std::vector<std::string>{"004-pentagon-budget-request.txt"});
}

// Query words that start with '-' pass through as words, but one that starts with "--" before
// the separator is a mistyped option: searching for it as a word would hide the typo.
TEST_F(OptionsBeforeArguments, AMistypedLongOptionIsRefusedNotSearchedFor) {
  for (const std::vector<std::string>& query :
       {std::vector<std::string>{"--facte", "source", "NATO"}, {"NATO", "--limt=3"}}) {
    CliResult r = search({}, query);
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find(query[0] == "NATO" ? "--limt=3" : "--facte"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("unknown option"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
  CliResult entities = run_cli({"entities", "--db", db_, "--limt", "3", "NATO"});
  EXPECT_EQ(entities.exit_code, 2);
  EXPECT_NE(entities.err.find("--limt"), std::string::npos) << entities.err;

  // After "--" such a word is the user's to search for.
  CliResult separated = search({"--"}, {"--facte", "NATO"});
  ASSERT_EQ(separated.exit_code, 0) << separated.err;
  EXPECT_EQ(parse(separated)["query"], "--facte NATO");
}

// `similar` has no --variants or --entities, so it runs on the plain sample collection.
TEST(OptionsBeforeId, SimilarFacetLeavesTheIdAlone) {
  const std::string db = sample_db();
  const std::string id = "https://example.org/defense-daily-wire/2025/02/hegseth-contact-group";
  // The id was taken as a second facet name and refused.
  CliResult r = run_cli({"similar", "--db", db, "--format", "json", "--facet", "source", id});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = parse(r);
  std::vector<std::string> hits;
  for (const auto& h : j["hits"]) hits.push_back(h["id"]);
  ASSERT_GE(hits.size(), 3u) << r.out;
  EXPECT_EQ(sample_file_of(hits[0]), "021-hegseth-warsaw-visit.txt") << "Hegseth again";
  EXPECT_EQ(std::count(hits.begin(), hits.end(), id), 0) << "not similar to itself";
  EXPECT_EQ(total(facet(j, "source")), j["total_estimate"].get<int>()) << j["facets"].dump();

  CliResult two = run_cli({"similar", "--db", db, "--format", "json", "--limit", "2", "--facet",
                           "source", "--facet", "year", id});
  ASSERT_EQ(two.exit_code, 0) << two.err;
  j = parse(two);
  ASSERT_EQ(j["hits"].size(), 2u);
  EXPECT_EQ(j["hits"][0]["id"], hits[0]);
  EXPECT_EQ(j["hits"][1]["id"], hits[1]);
  EXPECT_EQ(total(facet(j, "source")), j["total_estimate"].get<int>()) << j["facets"].dump();
  EXPECT_TRUE(j["facets"].contains("year")) << j["facets"].dump();
  EXPECT_EQ(j["facets"].size(), 2u);
}

TEST_F(OptionsBeforeArguments, EntitiesVariantsAndEntitiesLeaveTheQueryAlone) {
  CliResult r = run_cli({"entities", "--db", db_, "--format", "json", "--limit", "100",
                         "--variants", variants_, "--entities", entities_, "Hegseth"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = parse(r);
  EXPECT_EQ(j["query"], "Hegseth");
  EXPECT_EQ(j["articles"], 3);
  std::map<std::string, int> counts;
  for (const auto& e : j["entities"]) counts[e["name"].get<std::string>()] = e["articles"];
  EXPECT_EQ(counts["Pete Hegseth"], 3);
  EXPECT_EQ(counts["Watchdog Alliance"], 1) << "the user entity file was used";

  // Through the variants file, several words: "frobnatz" is NATO.
  CliResult v = run_cli({"entities", "--db", db_, "--format", "json", "--entities", entities_,
                         "--variants", variants_, "frobnatz", "Hegseth"});
  ASSERT_EQ(v.exit_code, 0) << v.err;
  j = parse(v);
  EXPECT_EQ(j["query"], "frobnatz Hegseth");
  EXPECT_GE(j["articles"].get<int>(), 11);
}

TEST(OptionsBeforeInputs, IndexGlobsFieldsAndAnalysisFilesLeaveTheInputsAlone) {
  TempDir dir;
  write_file(dir / "one/a.txt", "Pier one\nThe pier reopened.\n");
  write_file(dir / "one/notes.md", "Pier notes\nNotes about the pier.\n");
  write_file(dir / "one/drafts/b.txt", "Pier draft\nA draft about the pier.\n");
  write_file(dir / "two/c.txt", "Pier two\nAnother pier reopened.\n");
  write_file(dir / "two/d.html", "<html><title>Pier page</title><p>A pier page.</p></html>\n");
  write_file(dir / "three.jsonl", R"({"key": "j1", "heading": "Pier news", "copy": "Pier news."})"
                                  "\n");
  write_file(dir / "variants.txt", "jetty pier\n");
  write_file(dir / "entities.txt", "place: Old Harbour = Harbour Pier\n");
  const std::string db = dir / "db";
  // Every option before the inputs, each vector option given once and then repeated; the three
  // inputs follow the last of them.
  CliResult r = run_cli({"index",
                         "--db",
                         db,
                         "--format",
                         "json",
                         "--include",
                         "*.txt",
                         "--include",
                         "*.html",
                         "--exclude",
                         "drafts",
                         "--field",
                         "id=key",
                         "--field",
                         "title=heading",
                         "--field",
                         "body=copy",
                         "--entities",
                         dir / "entities.txt",
                         "--variants",
                         dir / "variants.txt",
                         dir / "one",
                         dir / "two",
                         dir / "three.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = parse(r);
  EXPECT_EQ(j["indexed"], 4) << r.out;
  EXPECT_EQ(j["failed"], 0) << r.out;

  CliResult found = run_cli({"search", "--db", db, "--format", "ids", "--variants",
                             dir / "variants.txt", "--entities", dir / "entities.txt", "jetty"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  auto ids = lines(found.out);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"a.txt", "c.txt", "d.html", "j1"}))
      << "the --include globs, the --exclude glob and the --field mappings all applied, and "
         "'jetty' finds 'pier' through the variants file";
}

TEST(OptionsBeforeIds, DeleteAndShowLeaveTheIdsAlone) {
  TempDir dir;
  const std::string db = dir / "db";
  write_file(dir / "in/a.txt", "Ferry one\nThe ferry sailed.\n");
  write_file(dir / "in/b.txt", "Ferry two\nThe ferry docked.\n");
  write_file(dir / "in/c.txt", "Ferry three\nThe ferry waited.\n");
  ASSERT_EQ(run_cli({"index", "--db", db, dir / "in"}).exit_code, 0);

  CliResult show = run_cli({"show", "--db", db, "--format", "json", "b.txt"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(parse(show)["article"]["title"], "Ferry two");

  CliResult del =
      run_cli({"delete", "--db", db, "--format", "json", "--query", "docked", "a.txt", "nope"});
  ASSERT_EQ(del.exit_code, 0) << del.err;
  auto j = parse(del);
  EXPECT_EQ(j["deleted"], 2);
  EXPECT_EQ(j["not_found"], nlohmann::json::array({"nope"}));
  EXPECT_EQ(j["documents"], 1);
  CliResult left = run_cli({"search", "--db", db, "--format", "ids", "ferry"});
  EXPECT_EQ(left.out, "c.txt\n");
}

TEST(OptionsBeforeNothing, StatsAndCompactTakeTheirOptionsInAnyOrder) {
  TempDir dir;
  const std::string db = dir / "db";
  write_file(dir / "in/a.txt", "Canal frozen\nSkaters took to the canal.\n");
  ASSERT_EQ(run_cli({"index", "--db", db, dir / "in"}).exit_code, 0);
  CliResult stats = run_cli({"stats", "--format", "json", "--db", db});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(parse(stats)["documents"], 1);
  CliResult compact = run_cli({"compact", "--format", "json", "--db", db});
  ASSERT_EQ(compact.exit_code, 0) << compact.err;
  EXPECT_EQ(parse(compact)["documents"], 1);
  // An option still takes one value: a second one is a stray argument, refused as usage.
  CliResult stray = run_cli({"stats", "--db", db, "--format", "json", "text"});
  EXPECT_EQ(stray.exit_code, 2) << stray.out;
  EXPECT_NE(stray.err.find("text"), std::string::npos) << stray.err;
}

} // namespace
} // namespace newsdex::test
