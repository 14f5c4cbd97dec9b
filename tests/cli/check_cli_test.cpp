// newsdex check on healthy collections, on stubs that list the wrong shards, and through the
// library's check_collection.
#include "cli/indexing_process.hpp"

#include <newsdex/check.hpp>
#include <newsdex/error.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

namespace newsdex::test {
namespace {

std::string make_collection(const TempDir& dir, unsigned shards, int articles = 120) {
  write_file(dir / "in.jsonl", generated_jsonl(0, articles, "tariff"));
  CliResult r =
      run_cli({"index", "--db", dir / "db", "--shards", std::to_string(shards), dir / "in.jsonl"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return dir / "db";
}

TEST(Check, AHealthyCollectionPrintsOkAndALinePerShard) {
  TempDir dir;
  const std::string db = make_collection(dir, 3);
  CliResult r = run_cli({"check", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::smatch m;
  long total = 0;
  int shard_lines = 0;
  std::regex shard_line(R"(shard (\S+/s\d): ok, (\d+) documents)");
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), shard_line);
       it != std::sregex_iterator(); ++it) {
    ++shard_lines;
    total += std::stol((*it)[2]);
  }
  EXPECT_EQ(shard_lines, 3) << r.out;
  EXPECT_EQ(total, 120) << r.out;
  EXPECT_NE(r.out.find("ok: " + db + ", 3 local shard(s), 120 documents"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.err, "");
}

TEST(Check, TheLibraryReportsEachShard) {
  TempDir dir;
  const std::string db = make_collection(dir, 2);
  CheckReport report = check_collection(db);
  EXPECT_TRUE(report.ok);
  EXPECT_TRUE(report.problems.empty());
  EXPECT_TRUE(report.manifest_recorded);
  ASSERT_EQ(report.shards.size(), 2u);
  EXPECT_EQ(report.shards[0].documents + report.shards[1].documents, 120u);
  EXPECT_TRUE(report.shards[0].ok && report.shards[1].ok);
}

TEST(Check, NothingThereIsAMissingDatabase) {
  TempDir dir;
  CliResult r = run_cli({"check", "--db", dir / "nothing"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("no collection here"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "nothing")); // check never creates one
  try {
    check_collection(dir / "nothing");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::database_missing);
  }
}

TEST(Check, AStubListingTheShardsOutOfOrderIsDamage) {
  // Ids are routed to shard fnv1a64(id) mod N: a stub listing s1 first sends them astray.
  TempDir dir;
  const std::string db = make_collection(dir, 2);
  std::string stub = read_file(db);
  const auto s0 = stub.find("/s0\n"), s1 = stub.find("/s1\n");
  ASSERT_NE(s0, std::string::npos);
  ASSERT_NE(s1, std::string::npos);
  stub[s0 + 2] = '1';
  stub[s1 + 2] = '0';
  write_file(db, stub);
  CliResult r = run_cli({"check", "--db", db});
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("damaged: " + db + ": stub: lists "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the shard records itself as 1/2"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("the collection is damaged"), std::string::npos) << r.err;
}

TEST(Check, AStubStatingAnotherShardCountIsDamage) {
  TempDir dir;
  const std::string db = make_collection(dir, 2);
  std::string stub = read_file(db);
  // Drop the last shard line: the "# newsdex.shards 2" comment still says two.
  stub.erase(stub.rfind("auto "));
  write_file(db, stub);
  CliResult r = run_cli({"check", "--db", db});
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("the stub file states 2 shard(s) but lists 1"), std::string::npos) << r.out;
}

TEST(Check, ABareXapianDatabaseIsCheckedAsOneShard) {
  TempDir dir;
  {
    Xapian::WritableDatabase w(dir / "plain", Xapian::DB_CREATE);
    Xapian::Document d;
    d.add_term("Qx");
    w.add_document(d);
    w.commit();
  }
  CliResult r = run_cli({"check", "--db", dir / "plain"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("shard " + (dir / "plain") + ": ok, 1 documents"), std::string::npos)
      << r.out;
}

} // namespace
} // namespace newsdex::test
