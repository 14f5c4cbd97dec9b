// The collection manifest through the API: a collection built with analyzer options is read,
// searched, extended, pruned and compacted with no options given, and a collection built before
// manifests still opens.
#include <newsdex/newsdex.hpp>

#include "storage/collection.hpp"
#include "storage/manifest.hpp"
#include "unit/make_article.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <utility>

namespace newsdex {
namespace {

using test::make_article;

class ManifestApi : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("newsdex-manifest-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "variants.txt") << "flibbertigibbet\tnato\n";
    std::ofstream(dir_ / "aliases.txt") << "organization: Harbour Defence Forum = HDF\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  AnalyzerOptions built_with() const {
    AnalyzerOptions o;
    o.language = "de";
    o.variant_files = {(dir_ / "variants.txt").string()};
    o.entity_files = {(dir_ / "aliases.txt").string()};
    return o;
  }

  std::string build(unsigned shards) {
    const std::string db = (dir_ / ("db" + std::to_string(shards))).string();
    IndexOptions options;
    options.analyzer = built_with();
    options.shards = shards;
    Indexer indexer(db, options);
    indexer.add(make_article("a", "Neue Fregatten", "Die NATO bestellt Fregatten."));
    indexer.add(make_article("b", "Forum", "The HDF met NATO ministers in Oslo."));
    indexer.add(make_article("c", "Haushalt", "Der Haushalt der NATO wächst."));
    indexer.commit();
    return db;
  }

  static std::vector<std::string> ids(Searcher& s, const std::string& query) {
    SearchRequest r;
    r.query = query;
    std::vector<std::string> out;
    for (const auto& h : s.search(r).hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::filesystem::path dir_;
};

TEST_F(ManifestApi, EveryReaderAndWriterUsesTheRecordedSettings) {
  for (unsigned shards : {1u, 3u}) {
    SCOPED_TRACE(shards);
    const std::string db = build(shards);
    std::filesystem::remove(dir_ / "variants.txt"); // the collection holds the contents
    {
      Searcher searcher(db);
      EXPECT_EQ(ids(searcher, "flibbertigibbet"), (std::vector<std::string>{"a", "b", "c"}));
      EXPECT_EQ(ids(searcher, "entity:\"Harbour Defence Forum\""), std::vector<std::string>{"b"});
      EXPECT_EQ(ids(searcher, "Fregatte"), std::vector<std::string>{"a"}); // German stemming
      CollectionStats stats = searcher.stats();
      EXPECT_TRUE(stats.settings.recorded);
      EXPECT_EQ(stats.settings.language, "de");
      EXPECT_EQ(stats.settings.variant_files, std::vector<std::string>{"variants.txt"});
      EXPECT_EQ(stats.settings.entity_files, std::vector<std::string>{"aliases.txt"});
      EXPECT_TRUE(searcher.article("a").has_value());
      EXPECT_NO_THROW(searcher.similar("a"));
    }
    EXPECT_GE(entity_stats(db, {}).articles, 3u);
    RelatedRequest related;
    related.entity = "NATO";
    related.min_together = 1;
    EXPECT_GE(related_entities(db, related).with_entity, 1u);
    {
      Indexer indexer(db); // no options: the recorded ones
      indexer.add(make_article("d", "Mehr", "Noch mehr Fregatten für die NATO."));
      EXPECT_TRUE(indexer.remove("c"));
      EXPECT_EQ(indexer.remove_matching("Haushalt"), 0u);
      indexer.commit();
      indexer.compact();
    }
    Searcher after(db);
    EXPECT_EQ(ids(after, "flibbertigibbet"), (std::vector<std::string>{"a", "b", "d"}));
    std::ofstream(dir_ / "variants.txt") << "flibbertigibbet\tnato\n";
  }
}

TEST_F(ManifestApi, EveryShardRecordsTheSameManifest) {
  const std::string db = build(3);
  auto layout = detail::read_layout(db);
  ASSERT_EQ(layout.shards.size(), 3u);
  std::string first;
  for (const auto& shard : layout.shards) {
    std::string m = Xapian::Database(shard).get_metadata(std::string(schema::meta_manifest));
    ASSERT_FALSE(m.empty()) << shard;
    if (first.empty()) first = m;
    EXPECT_EQ(m, first) << shard;
  }
  // A shard whose record was changed behind newsdex's back is found, whichever it is.
  {
    Xapian::WritableDatabase last(layout.shards.back(), Xapian::DB_OPEN);
    detail::Manifest other = detail::manifest_from_json(first, db);
    other.language = "fr";
    last.set_metadata(std::string(schema::meta_manifest), detail::to_json(other));
    last.commit();
  }
  try {
    Searcher searcher(db);
    FAIL() << "shards recording different manifests were opened";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::database_corrupt) << e.what();
  }
}

TEST_F(ManifestApi, ACollectionBuiltBeforeManifestsOpensAndIsUpgraded) {
  const std::string db = (dir_ / "old").string();
  {
    Indexer indexer(db);
    indexer.add(make_article("a", "Allies", "NATO allies met."));
    indexer.commit();
  }
  for (const auto& shard : detail::read_layout(db).shards) {
    Xapian::WritableDatabase w(shard, Xapian::DB_OPEN);
    w.set_metadata(std::string(schema::meta_manifest), "");
    w.commit();
  }
  {
    Searcher searcher(db);
    EXPECT_FALSE(searcher.stats().settings.recorded);
    EXPECT_EQ(ids(searcher, "NATO"), std::vector<std::string>{"a"});
  }
  { Indexer indexer(db); } // a writer records what the collection was built with
  Searcher searcher(db);
  EXPECT_TRUE(searcher.stats().settings.recorded);
  EXPECT_EQ(searcher.stats().settings.language, "en");
}

TEST_F(ManifestApi, GivenOptionsThatDifferAreRefusedNamingTheOption) {
  const std::string db = build(1);
  AnalyzerOptions other = built_with();
  other.language = "fr";
  try {
    Searcher searcher(db, other);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::usage);
    EXPECT_NE(std::string(e.what()).find("--language fr (the collection records de)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_NO_THROW(Searcher(db, built_with())); // the same settings again
  EXPECT_TRUE(recorded_analyzer_options(db).has_value());
  EXPECT_FALSE(recorded_analyzer_options((dir_ / "nothing").string()).has_value());
}

TEST(ManifestJson, RoundTripsAndRefusesNewerFormats) {
  detail::Manifest m;
  m.schema_version = 2;
  m.language = "de";
  m.variant_files = {{"v.txt", std::string("a\tb\n\0binary", 12)}};
  m.entity_files = {{"bad\xff.txt", "\xc3\x28 not UTF-8\n"}, {"e.txt", "ok"}};
  m.fingerprint = "de-2-x";
  detail::Manifest back = detail::manifest_from_json(detail::to_json(m), "p");
  EXPECT_TRUE(back.same_analysis(m));
  EXPECT_EQ(back.variant_files.front().content.size(), 12u);
  EXPECT_EQ(back.entity_files, m.entity_files); // bytes that are no UTF-8 survive too
  detail::Manifest newer = m;
  newer.format = detail::Manifest::current_format + 1;
  EXPECT_THROW(detail::manifest_from_json(detail::to_json(newer), "p"), Error);
  EXPECT_THROW(detail::manifest_from_json("{not json", "p"), Error);
  EXPECT_THROW(detail::manifest_from_json("{\"manifest_format\": 1}", "p"), Error);
}

} // namespace
} // namespace newsdex
