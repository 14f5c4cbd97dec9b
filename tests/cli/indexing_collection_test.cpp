// Collections: shards routed by id hash, delete, stats, compact (an atomic swap), fresh builds
// with several writers.
#include "cli/indexing_process.hpp"

#include <newsdex/indexer.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace newsdex::test {
namespace {

nlohmann::json run_json(std::vector<std::string> args, int expected_exit = 0) {
  args.insert(args.end(), {"--format", "json"});
  CliResult r = run_cli(args);
  EXPECT_EQ(r.exit_code, expected_exit) << r.err;
  return nlohmann::json::parse(r.out);
}

// The documented routing rule: 64-bit FNV-1a of the id, mod the shard count.
unsigned shard_for(const std::string& id, unsigned shards) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : id) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return static_cast<unsigned>(h % shards);
}

std::vector<std::string> shard_paths(const std::string& db) {
  std::vector<std::string> paths;
  std::ifstream in(db);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("auto ", 0) == 0)
      paths.push_back((std::filesystem::path(db).parent_path() / line.substr(5)).string());
  return paths;
}

TEST(IndexingShards, ShardedCollectionWorksLikeOneDatabase) {
  TempDir dir;
  const std::string one = dir / "one", three = dir / "three";
  write_file(dir / "in.jsonl", generated_jsonl(0, 60, "tariff"));
  auto a = run_json({"index", "--db", one, dir / "in.jsonl", sample_articles()});
  auto b = run_json({"index", "--db", three, "--shards", "3", dir / "in.jsonl", sample_articles()});
  EXPECT_EQ(b["shards"], 3);
  EXPECT_EQ(b["documents"], a["documents"]);

  // Three shard databases listed in a stub, each holding exactly the ids routed to it.
  auto paths = shard_paths(three);
  ASSERT_EQ(paths.size(), 3u);
  std::uint64_t total = 0;
  for (unsigned k = 0; k < 3; ++k) {
    Xapian::Database shard(paths[k]);
    EXPECT_GT(shard.get_doccount(), 0u);
    total += shard.get_doccount();
    for (auto t = shard.allterms_begin("Q"); t != shard.allterms_end("Q"); ++t)
      EXPECT_EQ(shard_for((*t).substr(1), 3), k) << *t;
  }
  EXPECT_EQ(total, a["documents"].get<std::uint64_t>());

  // Search, stats: the same answers.
  for (const char* q : {"tariff", "NATO", "title:report", "\"shipping rates\"", "id:a7"})
    EXPECT_EQ(ids_matching(three, q), ids_matching(one, q)) << q;
  auto s1 = run_json({"stats", "--db", one});
  auto s3 = run_json({"stats", "--db", three});
  EXPECT_EQ(s3["shards"], 3);
  EXPECT_EQ(s3["documents"], s1["documents"]);
  EXPECT_EQ(s3["fields"], s1["fields"]);
  EXPECT_EQ(s3["first_date"], s1["first_date"]);

  // Re-indexing: unchanged is skipped, a changed article replaces the old one in its shard.
  auto again = run_json({"index", "--db", three, dir / "in.jsonl"});
  EXPECT_EQ(again["unchanged"], 60);
  EXPECT_EQ(again["indexed"], 0);
  write_file(dir / "changed.jsonl",
             R"({"id": "a5", "title": "Corvette order", "body": "A corvette was ordered."})"
             "\n");
  auto changed = run_json({"index", "--db", three, dir / "changed.jsonl"});
  EXPECT_EQ(changed["indexed"], 1);
  EXPECT_EQ(changed["documents"], a["documents"]);
  EXPECT_EQ(ids_matching(three, "corvette"), std::vector<std::string>{"a5"});

  // Delete by id and by query.
  auto d = run_json({"delete", "--db", three, "a5", "a6"});
  EXPECT_EQ(d["deleted"], 2);
  auto dq = run_json({"delete", "--db", three, "--query", "id:a7 OR id:a8"});
  EXPECT_EQ(dq["deleted"], 2);
  EXPECT_EQ(dq["documents"], a["documents"].get<int>() - 4);
  EXPECT_TRUE(ids_matching(three, "corvette").empty());

  // A shard count other than the collection's is refused.
  CliResult wrong = run_cli({"index", "--db", three, "--shards", "2", dir / "in.jsonl"});
  EXPECT_EQ(wrong.exit_code, 2) << wrong.err;
}

TEST(IndexingDelete, DeleteByIdAndByQuery) {
  TempDir dir;
  const std::string db = dir / "db";
  write_file(dir / "in.jsonl", generated_jsonl(0, 10, "quoxel"));
  run_json({"index", "--db", db, dir / "in.jsonl", sample_articles()});
  std::size_t nato = ids_matching(db, "NATO").size();
  ASSERT_GT(nato, 0u);
  auto d = run_json({"delete", "--db", db, "a1", "nope"}, 0);
  EXPECT_EQ(d["deleted"], 1);
  EXPECT_EQ(d["not_found"], nlohmann::json::array({"nope"}));
  auto q = run_json({"delete", "--db", db, "--query", "NATO"});
  EXPECT_EQ(q["deleted"], nato);
  EXPECT_TRUE(ids_matching(db, "NATO").empty());
  EXPECT_EQ(ids_matching(db, "quoxel").size(), 9u);
  CliResult none = run_cli({"delete", "--db", db, "nope"});
  EXPECT_EQ(none.exit_code, 1);
  CliResult missing = run_cli({"delete", "--db", dir / "nothing", "x"});
  EXPECT_NE(missing.exit_code, 0);
}

TEST(IndexingStats, ReportsDocumentsTermsSizeFieldsDatesAndLastCommit) {
  TempDir dir;
  const std::string db = dir / "db";
  write_file(dir / "in.jsonl",
             generated_jsonl(0, 4, "tariff") +
                 R"({"id": "x", "title": "No body, no date", "url": "https://example.org/x"})"
                 "\n");
  run_json({"index", "--db", db, dir / "in.jsonl"});
  auto s = run_json({"stats", "--db", db});
  EXPECT_EQ(s["documents"], 5);
  EXPECT_GT(s["terms"].get<int>(), 10);
  EXPECT_GT(s["size_bytes"].get<int>(), 0);
  EXPECT_EQ(s["first_date"], "2025-02-03");
  EXPECT_EQ(s["last_date"], "2025-02-03");
  EXPECT_FALSE(s["last_commit"].is_null());
  EXPECT_EQ(s["fields"]["title"], 5);
  EXPECT_EQ(s["fields"]["body"], 4);
  EXPECT_EQ(s["fields"]["date"], 4);
  EXPECT_EQ(s["fields"]["url"], 1);
  CliResult text = run_cli({"stats", "--db", db});
  EXPECT_NE(text.out.find("fields:"), std::string::npos);
  EXPECT_NE(text.out.find("documents:   5"), std::string::npos);
}

TEST(IndexingCompact, SwapsInANewGenerationThatReadersOpenedBeforeDoNotNotice) {
  TempDir dir;
  const std::string db = dir / "db";
  write_file(dir / "in.jsonl", generated_jsonl(0, 200, "tariff"));
  run_json({"index", "--db", db, dir / "in.jsonl"});
  // Make the database uncompacted: replace every article once, in small batches.
  write_file(dir / "in2.jsonl", generated_jsonl(0, 200, "harbour"));
  run_json({"index", "--db", db, "--batch", "10", dir / "in2.jsonl"});
  Searcher before(db); // a reader opened before the swap
  SearchRequest q;
  q.query = "harbour";
  q.limit = 1;
  ASSERT_EQ(before.search(q).total_estimate, 200u);
  auto old_shards = shard_paths(db);
  auto c = run_json({"compact", "--db", db});
  EXPECT_EQ(c["documents"], 200);
  EXPECT_LT(c["size_after"].get<long>(), c["size_before"].get<long>());
  EXPECT_NE(shard_paths(db), old_shards);           // a new generation behind the same path
  EXPECT_EQ(before.search(q).total_estimate, 200u); // the old reader still works
  EXPECT_EQ(Searcher(db).search(q).total_estimate, 200u);
  // Writing after a compaction goes to the new generation.
  write_file(dir / "more.jsonl", generated_jsonl(500, 5, "harbour"));
  run_json({"index", "--db", db, dir / "more.jsonl"});
  EXPECT_EQ(Searcher(db).search(q).total_estimate, 205u);
  auto again = run_json({"compact", "--db", db});
  EXPECT_EQ(again["documents"], 205);
  EXPECT_EQ(documents_in(db), 205);
}

std::map<std::string, Xapian::termcount> spelling_of(const std::string& db) {
  std::map<std::string, Xapian::termcount> words;
  Xapian::Database d(db);
  for (auto it = d.spellings_begin(); it != d.spellings_end(); ++it) words[*it] = it.get_termfreq();
  return words;
}

TEST(IndexingFreshBuild, SeveralWritersMergeIntoOneDatabaseWithoutDuplicates) {
  TempDir dir;
  // The same ids twice in one run: the later version wins, once.
  write_file(dir / "a.jsonl", generated_jsonl(0, 300, "tariff"));
  write_file(dir / "b.jsonl", generated_jsonl(0, 300, "harbour"));
  std::map<std::string, Xapian::termcount> one_writer_spelling;
  for (const char* writers : {"1", "2", "3"}) {
    const std::string db = dir / (std::string("db") + writers);
    auto j = run_json({"index", "--db", db, "--writers", writers, "--batch", "50", dir / "a.jsonl",
                       dir / "b.jsonl"});
    EXPECT_TRUE(j["fresh_build"].get<bool>());
    EXPECT_EQ(j["writers"], std::stoi(writers));
    EXPECT_EQ(j["documents"], 300);
    EXPECT_EQ(shard_paths(db).size(), 1u); // one searchable database
    EXPECT_EQ(ids_matching(db, "tariff").size(), 0u);
    EXPECT_EQ(ids_matching(db, "harbour").size(), 300u);
    // Spelling data (a database of its own, merged by compaction) counts every article read,
    // once per article, whatever the number of writers.
    auto spelling = spelling_of(db);
    EXPECT_EQ(spelling["harbour"], 600u); // a.jsonl's body names it too
    EXPECT_EQ(spelling["tariff"], 300u);
    EXPECT_EQ(spelling["analysts"], 600u);
    if (one_writer_spelling.empty())
      one_writer_spelling = spelling;
    else
      EXPECT_EQ(spelling, one_writer_spelling) << writers << " writers";
    CliResult typo = run_cli({"search", "--db", db, "--format", "json", "--", "harbuor"});
    EXPECT_EQ(nlohmann::json::parse(typo.out)["suggestion"], "harbour") << typo.err;
    // The next run goes through the one writer of the existing database.
    auto next = run_json({"index", "--db", db, dir / "b.jsonl"});
    EXPECT_FALSE(next["fresh_build"].get<bool>());
    EXPECT_EQ(next["unchanged"], 300);
  }
}

TEST(IndexingLibrary, IndexerOnANewPathPublishesAtTheFirstCommit) {
  TempDir dir;
  const std::string db = dir / "db";
  {
    Indexer indexer(db);
    Article a;
    a.id = "x1";
    a.title = "Allies agree";
    a.body = "NATO allies agreed.";
    EXPECT_TRUE(indexer.add(a));
    EXPECT_FALSE(std::filesystem::exists(db));
    indexer.commit();
    EXPECT_TRUE(std::filesystem::exists(db));
    EXPECT_FALSE(indexer.add(a)); // unchanged
    EXPECT_EQ(indexer.size(), 1u);
    EXPECT_TRUE(indexer.remove("x1"));
  }
  EXPECT_EQ(documents_in(db), 0);
  { Indexer empty(dir / "empty"); }
  EXPECT_EQ(documents_in(dir / "empty"), 0); // created, as before
}

} // namespace
} // namespace newsdex::test
