// The analyzer fingerprints that existing databases recorded. A database built with another
// fingerprint is refused (database_mismatch), so these values may change only on purpose: with a
// change of rules or of a shipped table that alters the terms or entities of some text, after
// which every collection must be rebuilt. A refactoring must leave them alone.
#include "entities/recognizer.hpp"
#include "entities/tables.hpp"

#include <newsdex/analyzer.hpp>

#include <gtest/gtest.h>

#include <string>

namespace newsdex {
namespace {

std::string fingerprint(const std::string& language) {
  AnalyzerOptions o;
  o.language = language;
  return Analyzer(o).fingerprint();
}

// Recorded when entity rules version 2 (text in capitals: names from the tables, titles and given
// names only; issue 17) added lib/data/entity-given-names.txt and made the entity tables read
// stopwords-en.txt: every collection built before must be rebuilt (`newsdex reindex`), since the
// entities of any text in capitals changed. Before, from the build of 1d9e7e0:
// en-2-8e9b3224adea0196 and entity tables db29c16546d8245f.
TEST(ShippedFingerprints, DatabasesBuiltBeforeKeepOpening) {
  EXPECT_EQ(Analyzer().fingerprint(), "en-2-db98dd75975a2558");
  EXPECT_EQ(fingerprint("de"), "de-2-d60f0c7f832cac8c");
  EXPECT_EQ(fingerprint("fr"), "fr-2-aa171aea0c3ffe3d");
  EXPECT_EQ(fingerprint("german2"), "german2-2-c2873caf89ed732b");
  EXPECT_EQ(fingerprint("none"), "none-2-cd2080457d44beda");
  AnalyzerOptions plain;
  plain.stem = false;
  plain.fold_variants = false;
  EXPECT_EQ(Analyzer(plain).fingerprint(), "en-2-d39383827163c52d");
  plain.stopwords = false;
  EXPECT_EQ(Analyzer(plain).fingerprint(), "en-2-73823e2953729e33");
}

TEST(ShippedFingerprints, EntityTablesKeepTheirs) {
  EXPECT_EQ(detail::entity_fingerprint({}), "c54b3e788a303a60");
}

// The word lists the rules read come from lib/data/entity-place-words.txt and
// entity-name-words.txt: a misspelt section would leave a list empty.
TEST(ShippedFingerprints, TheRuleWordListsAreRead) {
  const auto& t = *detail::entity_tables({});
  EXPECT_EQ(t.place_suffix.size(), 40u);
  EXPECT_TRUE(t.place_suffix.count("airport"));
  EXPECT_EQ(t.place_prefix.size(), 12u);
  EXPECT_TRUE(t.place_prefix.count("são"));
  EXPECT_EQ(t.place_preposition.size(), 8u);
  EXPECT_EQ(t.abbreviations.size(), 38u);
  EXPECT_EQ(t.longest_abbreviation, 6u); // "messrs"
  EXPECT_EQ(t.particles.size(), 20u);
  EXPECT_TRUE(t.particles.count("von"));
  EXPECT_EQ(t.adjective_prefix.size(), 16u);
  EXPECT_EQ(t.score_after.size(), 8u);
  EXPECT_EQ(t.score_before.size(), 4u);
  EXPECT_FALSE(t.score_before.count("against")); // "against Chelsea" is no result
}

} // namespace
} // namespace newsdex
