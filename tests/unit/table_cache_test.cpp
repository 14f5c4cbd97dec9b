// The caches of data tables (analysis/tables.hpp, entities/tables.cpp) are keyed by the files'
// contents: a file edited in a long-running process is read again, its tables and the analyzer
// fingerprint change, and the caches stay bounded however often files are edited.
#include <newsdex/newsdex.hpp>

#include "analysis/tables.hpp"
#include "entities/tables.hpp"
#include "unit/make_article.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

class TableCache : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("newsdex-table-cache-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Rewrites the file in place: same path, new content (as an editor saves it).
  std::string write(const std::string& name, const std::string& content) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::trunc) << content;
    return p;
  }

  fs::path dir_;
};

std::set<std::string> entity_names(std::string_view text, const std::string& alias_file) {
  std::set<std::string> names;
  for (const auto& m : find_entities(text, 0, {alias_file})) names.insert(m.name);
  return names;
}

TEST_F(TableCache, AnEditedAliasFileChangesTheFingerprintAndTheEntities) {
  const std::string aliases = write("aliases.txt", "organization: Harbour Post = HP Media\n");
  AnalyzerOptions options;
  options.entity_files = {aliases};
  const std::string before = Analyzer(options).fingerprint();
  const std::string text = "HP Media and QT Gazette reported it.";
  EXPECT_TRUE(entity_names(text, aliases).count("Harbour Post"));
  EXPECT_FALSE(entity_names(text, aliases).count("Quay Times"));

  // Same length, written at once: a cache keyed by path, size or a coarse mtime misses the edit.
  write("aliases.txt", "organization: Quay Times = QT Gazette\n");
  const std::string after = Analyzer(options).fingerprint();
  EXPECT_NE(after, before);
  EXPECT_TRUE(entity_names(text, aliases).count("Quay Times"));
  EXPECT_FALSE(entity_names(text, aliases).count("Harbour Post"));

  // The same content again: the same tables and fingerprint as the first time.
  write("aliases.txt", "organization: Harbour Post = HP Media\n");
  EXPECT_EQ(Analyzer(options).fingerprint(), before);
}

TEST_F(TableCache, AnIndexerOpenedAfterTheEditRecognizesWithTheNewFile) {
  const std::string aliases = write("aliases.txt", "organization: Harbour Post = HP Media\n");
  AnalyzerOptions options;
  options.entity_files = {aliases};
  (void)Analyzer(options).fingerprint(); // the tables of the first version are cached
  write("aliases.txt", "organization: Quay Times = QT Gazette\n");
  IndexOptions index;
  index.analyzer = options;
  const std::string db = (dir_ / "db").string();
  Indexer indexer(db, index);
  indexer.add(test::make_article("q1", "QT Gazette report", "QT Gazette reported it."));
  indexer.commit();
  Searcher searcher(db, options);
  SearchRequest request{.query = "entity:\"Quay Times\""};
  EXPECT_EQ(searcher.search(request).hits.size(), 1u);
}

TEST_F(TableCache, AnEditedStopwordFileChangesTheAnalysis) {
  const std::string stop = write("stop.txt", "harbour\n");
  AnalyzerOptions options;
  options.stopword_files = {stop};
  auto stopped = [&](const char* word) {
    bool stopword = false;
    Analyzer(options).analyze(word, [&](const Token& t) { stopword = t.stopword; });
    return stopword;
  };
  EXPECT_TRUE(stopped("harbour"));
  write("stop.txt", "station\n"); // the same length
  EXPECT_FALSE(stopped("harbour"));
  EXPECT_TRUE(stopped("station"));
}

TEST_F(TableCache, CachesStayBoundedWhileFilesKeepChanging) {
  const std::string aliases = write("aliases.txt", "");
  const std::string variants = write("variants.txt", "");
  AnalyzerOptions options;
  options.entity_files = {aliases};
  options.variant_files = {variants};
  std::set<std::string> fingerprints;
  for (int i = 0; i < 3 * static_cast<int>(detail::table_cache_capacity); ++i) {
    write("aliases.txt", "organization: Harbour Board " + std::to_string(i) + "\n");
    write("variants.txt", "colour" + std::to_string(i) + " color" + std::to_string(i) + "\n");
    fingerprints.insert(Analyzer(options).fingerprint());
    EXPECT_LE(detail::language_tables_cached(), detail::table_cache_capacity);
    EXPECT_LE(detail::entity_tables_cached(), detail::table_cache_capacity);
  }
  EXPECT_EQ(fingerprints.size(), 3 * detail::table_cache_capacity); // every edit was seen
}

} // namespace
} // namespace newsdex
