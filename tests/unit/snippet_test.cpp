// Snippets are cut from article text: wherever the cut falls, what comes out is whole UTF-8
// characters (the JSON printer refuses anything else) and the highlights mark what matched.
#include "search/snippet.hpp"

#include <newsdex/analyzer.hpp>

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>

namespace {

using newsdex::Analyzer;
using newsdex::detail::make_snippet;

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// Text with no spaces at all: every cut lands between two multi-byte characters or inside one.
std::string unspaced(std::size_t characters) {
  const char* pieces[] = {"北", "约", "乌", "克", "兰", "防", "务", "开", "支", "é", "ß", "я"};
  std::string text;
  for (std::size_t i = 0; i < characters; ++i) text += pieces[(i * 7 + i / 3) % 12];
  return text;
}

TEST(Snippet, TextWithoutSpacesIsCutBetweenCharacters) {
  Analyzer analyzer;
  const std::string text = unspaced(400);
  for (std::size_t max_bytes = 1; max_bytes < 200; ++max_bytes) {
    for (const std::set<std::string>& terms :
         {std::set<std::string>{}, std::set<std::string>{"北"}, std::set<std::string>{"ß"}}) {
      auto s = make_snippet(text, terms, analyzer, max_bytes);
      ASSERT_TRUE(is_valid_utf8(s.text)) << "max_bytes " << max_bytes << ": " << s.text;
      for (const auto& h : s.highlights) {
        ASSERT_LE(h.end, s.text.size());
        EXPECT_TRUE(is_valid_utf8(s.text.substr(h.begin, h.end - h.begin)));
      }
    }
  }
}

TEST(Snippet, MixedTextStaysValidWhereverTheMatchIs) {
  Analyzer analyzer;
  std::mt19937 rng(11);
  const char* words[] = {"NATO", "Україна", "防务开支", "défense", "spending", "http://x.example/ü",
                         "—",    "\n",      "€5bn",     "Ölpreis"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    std::size_t n = 5 + rng() % 60;
    for (std::size_t i = 0; i < n; ++i) {
      text += words[rng() % 10];
      if (rng() % 3) text += ' ';
    }
    std::size_t max_bytes = 4 + rng() % 120;
    auto s = make_snippet(text, {"nato", "spending"}, analyzer, max_bytes);
    ASSERT_TRUE(is_valid_utf8(s.text)) << text << " / " << max_bytes;
  }
}

TEST(Snippet, HighlightsMarkTheMatchedWords) {
  Analyzer analyzer;
  auto s = make_snippet("Allies argued over defence spending at the NATO summit.",
                        {"nato", "spend"}, analyzer, 200);
  ASSERT_EQ(s.highlights.size(), 2u);
  EXPECT_EQ(s.text.substr(s.highlights[0].begin, s.highlights[0].end - s.highlights[0].begin),
            "spending");
  EXPECT_EQ(s.text.substr(s.highlights[1].begin, s.highlights[1].end - s.highlights[1].begin),
            "NATO");
}

// A compound word gives its parts before the whole ("pre", "2014", then "pre-2014" over both):
// the highlights must still come in order without overlapping, or a printer marking them in turn
// repeats text (it printed the rest of the snippet twice).
TEST(Snippet, ACompoundWordAndItsPartsAreOneHighlight) {
  Analyzer analyzer;
  std::set<std::string> terms;
  analyzer.analyze("pre-2014", [&](const newsdex::Token& t) { terms.emplace(t.term); });
  ASSERT_GE(terms.size(), 2u) << "the analyzer no longer splits compounds: pick another word";
  const std::string text = "The talks returned to the pre-2014 borders in 2014.";
  auto s = make_snippet(text, terms, analyzer, 200);
  ASSERT_FALSE(s.highlights.empty());
  for (std::size_t i = 1; i < s.highlights.size(); ++i)
    EXPECT_LE(s.highlights[i - 1].end, s.highlights[i].begin) << "highlight " << i << " overlaps";
  EXPECT_EQ(s.text.substr(s.highlights[0].begin, s.highlights[0].end - s.highlights[0].begin),
            "pre-2014");
  EXPECT_EQ(
      s.text.substr(s.highlights.back().begin, s.highlights.back().end - s.highlights.back().begin),
      "2014");
  EXPECT_EQ(s.highlights.size(), 2u);
}

} // namespace
