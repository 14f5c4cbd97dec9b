// A database records the analyzer it was built with (its manifest, and the fingerprint). Opening
// it with a changed variant table is refused (Error::Code::usage naming the option; for a
// collection built before manifests, database_mismatch), never silently mis-searched.
#include <newsdex/newsdex.hpp>

#include "storage/collection.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace newsdex {
namespace {

std::string first_shard(const std::string& collection) {
  return detail::read_layout(collection).shards.at(0);
}

class AnalyzerFingerprint : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("newsdex-fingerprint-" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    variants_ = (dir_ / "variants.txt").string();
    std::ofstream(variants_) << "lorry truck\nlorries trucks\n";
    db_ = (dir_ / "db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  AnalyzerOptions with_variants() const {
    AnalyzerOptions o;
    o.variant_files = {variants_};
    return o;
  }

  void build() {
    IndexOptions options;
    options.analyzer = with_variants();
    Indexer indexer(db_, options);
    Article a;
    a.id = "a1";
    a.title = "Lorry drivers strike";
    a.body = "Lorries queued at the port as drivers walked out.";
    indexer.add(a);
    Article b;
    b.id = "b1";
    b.title = "Truck sales rise";
    b.body = "Sales of trucks rose in March.";
    indexer.add(b);
    indexer.commit();
  }

  std::filesystem::path dir_;
  std::string variants_, db_;
};

TEST_F(AnalyzerFingerprint, TheSameVariantTableSearchesWithTheFolding) {
  build();
  Searcher searcher(db_, with_variants());
  SearchRequest request;
  request.query = "truck";
  auto results = searcher.search(request);
  EXPECT_EQ(results.hits.size(), 2u); // "lorry" was indexed as truck
}

// Without options a searcher analyzes as the collection records (its manifest holds the file).
TEST_F(AnalyzerFingerprint, WithoutOptionsTheRecordedVariantTableIsUsed) {
  build();
  std::filesystem::remove(variants_); // the recorded copy is what counts
  Searcher searcher(db_);
  SearchRequest request;
  request.query = "truck";
  EXPECT_EQ(searcher.search(request).hits.size(), 2u);
}

TEST_F(AnalyzerFingerprint, ExplicitOptionsWithoutTheVariantFileAreRefused) {
  build();
  try {
    Searcher searcher(db_, AnalyzerOptions{});
    FAIL() << "a database built with another variant table was opened";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::usage) << e.what();
    EXPECT_NE(std::string(e.what()).find("--variants"), std::string::npos) << e.what();
  }
}

// A collection built before manifests records only the fingerprint: that check still holds.
TEST_F(AnalyzerFingerprint, WithoutAManifestTheFingerprintStillDecides) {
  build();
  {
    Xapian::WritableDatabase shard(first_shard(db_), Xapian::DB_OPEN);
    shard.set_metadata(std::string(schema::meta_manifest), "");
    shard.commit();
  }
  try {
    Searcher searcher(db_);
    FAIL() << "a database built with another variant table was opened with the defaults";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::database_mismatch) << e.what();
  }
  Searcher searcher(db_, with_variants());
  SearchRequest request;
  request.query = "truck";
  EXPECT_EQ(searcher.search(request).hits.size(), 2u);
}

TEST_F(AnalyzerFingerprint, AnEditedVariantFileIsRefusedToo) {
  build();
  std::ofstream(variants_) << "lorry truck\n"; // one line fewer: another table
  try {
    Searcher searcher(db_, with_variants());
    FAIL() << "a database built with another variant table was opened";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::usage) << e.what();
    EXPECT_NE(std::string(e.what()).find("--variants"), std::string::npos) << e.what();
  }
  // The indexer refuses as well: it would otherwise mix two tables in one collection.
  try {
    IndexOptions options;
    options.analyzer = with_variants();
    Indexer indexer(db_, options);
    FAIL() << "the indexer opened a database built with another variant table";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::usage) << e.what();
  }
}

} // namespace
} // namespace newsdex
