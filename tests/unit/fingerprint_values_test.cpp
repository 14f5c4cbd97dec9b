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

// Recorded from the build of 1d9e7e0, before the entity recognizer was reorganised and its word
// lists moved to lib/data/ (issue #14); the move kept them.
TEST(ShippedFingerprints, DatabasesBuiltBeforeKeepOpening) {
  EXPECT_EQ(Analyzer().fingerprint(), "en-2-8e9b3224adea0196");
  EXPECT_EQ(fingerprint("de"), "de-2-bd141db0f50b161a");
  EXPECT_EQ(fingerprint("fr"), "fr-2-2fd00a7cbb0bcfaf");
  EXPECT_EQ(fingerprint("german2"), "german2-2-0c9841033a751cd5");
  EXPECT_EQ(fingerprint("none"), "none-2-7ac33f20dd1aa880");
  AnalyzerOptions plain;
  plain.stem = false;
  plain.fold_variants = false;
  EXPECT_EQ(Analyzer(plain).fingerprint(), "en-2-737e0a7b7c88a25f");
  plain.stopwords = false;
  EXPECT_EQ(Analyzer(plain).fingerprint(), "en-2-6d786c6bbbe45c1d");
}

TEST(ShippedFingerprints, EntityTablesKeepTheirs) {
  EXPECT_EQ(detail::entity_fingerprint({}), "db29c16546d8245f");
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
