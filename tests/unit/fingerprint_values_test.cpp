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

// Recorded when the multi-word expressions of lib/data/phrases-en.txt (issue 17) joined the
// tables the analysis is made of: they change no indexed term, but the fingerprint names the
// whole analysis, query side included, so a collection is read with the tables it was built
// for. Before, from the build of c489e06: en-2-db98dd75975a2558 and entity tables
// c54b3e788a303a60.
//
// Recorded before that when entity rules version 2 (text in capitals: names from the tables, titles
// and given names only; issue 17) added lib/data/entity-given-names.txt and made the entity tables
// read stopwords-en.txt: every collection built before must be rebuilt (`newsdex reindex`), since
// the entities of any text in capitals changed. Before, from the build of 1d9e7e0:
// en-2-8e9b3224adea0196 and entity tables db29c16546d8245f.
TEST(ShippedFingerprints, DatabasesBuiltBeforeKeepOpening) {
  EXPECT_EQ(Analyzer().fingerprint(), "en-2-9d809f2732dfc789");
  EXPECT_EQ(fingerprint("de"), "de-2-b025a0bbebc946bd");
  EXPECT_EQ(fingerprint("fr"), "fr-2-5bd4d8ab42540254");
  EXPECT_EQ(fingerprint("german2"), "german2-2-6289d8310c4d3092");
  EXPECT_EQ(fingerprint("none"), "none-2-f0ddc351d326d28b");
  AnalyzerOptions plain;
  plain.stem = false;
  plain.fold_variants = false;
  EXPECT_EQ(Analyzer(plain).fingerprint(), "en-2-d63bd8af45e7bbc4");
  plain.stopwords = false;
  EXPECT_EQ(Analyzer(plain).fingerprint(), "en-2-6461c29594c2b80a");
}

TEST(ShippedFingerprints, EntityTablesKeepTheirs) {
  EXPECT_EQ(detail::entity_fingerprint({}), "090b6e1b61706b4e");
}

// The word lists the rules read come from lib/data/entity-place-words.txt and
// entity-name-words.txt: a misspelt section would leave a list empty.
TEST(ShippedFingerprints, TheRuleWordListsAreRead) {
  const auto& t = *detail::entity_tables({});
  EXPECT_EQ(t.place_suffix.size(), 40u);
  EXPECT_GT(t.phrases.size(), 200u);
  EXPECT_TRUE(t.phrases.count("balance of payments"));
  EXPECT_EQ(t.phrase_max_words, 4u); // "weapons of mass destruction"
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
