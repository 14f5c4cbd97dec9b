// Golden tests for the analyzer: input text -> the terms it yields, with positions and kinds.
// Every row also runs through the query side (see query_roundtrip below), so the two sides
// can never disagree about a word.
#include <newsdex/analyzer.hpp>
#include <newsdex/error.hpp>

#include "unit/analyzer_golden.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
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

class AnalyzerGolden : public ::testing::TestWithParam<Golden> {};

TEST_P(AnalyzerGolden, YieldsExpectedTerms) {
  Analyzer a;
  EXPECT_EQ(render(a, GetParam().text), GetParam().expected) << "input: " << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(Rules, AnalyzerGolden, ::testing::ValuesIn(golden_rows),
                         [](const ::testing::TestParamInfo<Golden>& row) {
                           return "row" + std::to_string(row.index);
                         });

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
  EXPECT_EQ(render(a, text), "bad@0 byte@1 ~here@2");
}

TEST(Analyzer, InvalidUtf8IsCounted) {
  Analyzer a;
  EXPECT_EQ(a.invalid_sequences(), 0u);
  a.tokens("valid text, café and 北约");
  EXPECT_EQ(a.invalid_sequences(), 0u);
  a.tokens("bad \xff\xfe bytes\xc3 here"); // two stray bytes and a truncated sequence
  EXPECT_EQ(a.invalid_sequences(), 3u);
  a.tokens("\xe2\x80 cut \xed\xa0\x80 surrogate"); // truncated; encoded surrogate (3 bytes)
  EXPECT_GE(a.invalid_sequences(), 5u);
  Analyzer copy(a);
  EXPECT_EQ(copy.invalid_sequences(), 0u);
}

TEST(Analyzer, InvalidUtf8InsideLongAsciiRunsIsFound) {
  Analyzer a;
  std::string text(64, 'a');
  text[37] = '\x80';
  a.tokens(text);
  EXPECT_EQ(a.invalid_sequences(), 1u);
}

TEST(Analyzer, ControlCharactersAreDropped) {
  Analyzer a;
  EXPECT_EQ(render(a, "alpha\x01\x02 beta"), "alpha@0 beta@1");
  EXPECT_EQ(render(a, "\x1b[1mbold\x1b[0m\x7f text\r\n"), "1mbold@0 0m@1 text@2");
  // Format characters inside a word (soft hyphen, zero-width joiner) vanish from the term
  EXPECT_EQ(render(a, "peace\u00ADkeeping"), "peacekeep@0");
  for (const auto& t : a.tokens("x\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x1f y"))
    for (char c : t.term) EXPECT_GE(static_cast<unsigned char>(c), 0x20u);
}

TEST(Analyzer, NoTermExceedsTheLimitWhateverTheScript) {
  Analyzer a;
  std::string cjk;
  for (int i = 0; i < 200; ++i) cjk += "\xE4\xB8\x80"; // 一 repeated: 600 bytes
  std::string greek;
  for (int i = 0; i < 300; ++i) greek += "\xCE\xB1"; // α repeated
  std::string compound = std::string(150, 'a') + "-" + std::string(150, 'b');
  for (const auto& text : {cjk, greek, compound, std::string(300, '7')}) {
    auto toks = a.tokens(text);
    ASSERT_FALSE(toks.empty());
    for (const auto& t : toks) {
      EXPECT_LE(t.term.size(), 240u);
      EXPECT_FALSE(t.term.empty());
    }
    EXPECT_EQ(a.tokens(text), toks); // deterministic
  }
}

TEST(Analyzer, FingerprintChangesWithTheVariantTable) {
  Analyzer plain;
  AnalyzerOptions o;
  o.fold_variants = false;
  Analyzer unfolded(o);
  EXPECT_NE(plain.fingerprint(), unfolded.fingerprint());
  EXPECT_EQ(plain.fingerprint(), Analyzer().fingerprint());
}

AnalyzerOptions language(const char* code) {
  AnalyzerOptions o;
  o.language = code;
  return o;
}

std::string render_in(const char* code, std::string_view text) {
  Analyzer a(language(code));
  return render(a, text);
}

TEST(Analyzer, EveryXapianStemmerIsSelectable) {
  std::istringstream names(Xapian::Stem::get_available_languages());
  int count = 0;
  for (std::string name; names >> name; ++count) {
    Analyzer a(language(name.c_str()));
    Xapian::Stem stem(name);
    // The analyzer's term for a content word is that stemmer's stem of the folded word.
    for (const char* word : {"nationalities", "agreements", "running"}) {
      auto toks = a.tokens(word);
      ASSERT_EQ(toks.size(), 1u) << name << " " << word;
      if (!toks[0].stopword) {
        EXPECT_EQ(toks[0].term, stem(word)) << name << " " << word;
      }
    }
  }
  EXPECT_GE(count, 24);
}

TEST(Analyzer, LanguageNamesAndCodes) {
  EXPECT_EQ(Analyzer(language("de-AT")).language(), "de");
  EXPECT_EQ(Analyzer(language("German")).language(), "de");
  EXPECT_EQ(Analyzer(language("no")).language(), "nb");
  EXPECT_EQ(Analyzer(language("german2")).language(), "german2");
  EXPECT_EQ(Analyzer(language("zh")).language(), "zh");
  EXPECT_EQ(Analyzer(language("none")).language(), "none");
  EXPECT_EQ(render_in("none", "Ministers running"), "ministers@0 running@1");
  // german2 is German with another stemmer: it shares the German stopwords
  EXPECT_EQ(render_in("german2", "und"), "~und@0");
}

TEST(Analyzer, StemsAreCachedAndStable) {
  Analyzer a;
  std::string text = "Ministers discussed spending; ministers discussed spending again.";
  auto first = a.tokens(text);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(a.tokens(text), first); // from the cache now
  Analyzer copy(a);                                             // its own, empty cache
  EXPECT_EQ(copy.tokens(text), first);
  // Many distinct words: the cache is bounded and cleared, never wrong.
  std::string many;
  for (int i = 0; i < 5000; ++i)
    many += "word" + std::string(1, static_cast<char>('a' + i % 26)) +
            std::to_string(i % 7 == 0 ? 0 : 1) + "s ";
  EXPECT_EQ(a.tokens(many), Analyzer().tokens(many));
}

TEST(Analyzer, StopwordsPerLanguage) {
  struct Row {
    const char* language;
    const char* text;
    const char* expected_first; // the first token, a stopword
  };
  for (const Row& r :
       {Row{"de", "und", "~und@0"}, Row{"de", "für", "~fur@0"}, Row{"fr", "les", "~les@0"},
        Row{"fr", "où", "~ou@0"}, Row{"es", "los", "~los@0"}, Row{"es", "según", "~segun@0"},
        Row{"it", "della", "~della@0"}, Row{"it", "perché", "~perche@0"},
        Row{"nl", "het", "~het@0"}, Row{"pt", "não", "~nao@0"}, Row{"ru", "и", "~и@0"},
        Row{"ru", "Что", "~что@0"}, Row{"sv", "och", "~och@0"}, Row{"sv", "för", "~for@0"}}) {
    EXPECT_EQ(render_in(r.language, r.text), r.expected_first) << r.language << " " << r.text;
  }
  // A stopword of one language is an ordinary word in another
  EXPECT_EQ(render_in("en", "und"), "und@0");
  EXPECT_EQ(render_in("de", "the"), "the@0");
}

TEST(Analyzer, SentencesInOtherLanguages) {
  EXPECT_EQ(render_in("de", "Die Verteidigungsausgaben der Bundeswehr steigen"),
            "~die@0 verteidigungsausgab@1 ~der@2 bundeswehr@3 steig@4");
  // Elision: l'armée is armée, qu'il is il; positions stay one per word
  EXPECT_EQ(render_in("fr", "L’armée française et l'OTAN qu'il soutient"),
            "arme@0 francais@1 ~et@2 otan@3 ~il@4 soutient@5");
  EXPECT_EQ(render_in("it", "dell'Unione europea e l'esercito"), "union@0 europe@1 ~e@2 eserc@3");
  EXPECT_EQ(render_in("es", "Los ministros de Defensa"), "~los@0 ministr@1 ~de@2 defens@3");
  EXPECT_EQ(render_in("ru", "Россия и Украина подписали соглашение"),
            "росс@0 ~и@1 украин@2 подписа@3 соглашен@4");
  EXPECT_EQ(render_in("sv", "Försvarsministern och regeringen"),
            "forsvarsminist@0 ~och@1 regering@2");
  // Cyrillic capitals: an all-capital Russian headline is shouting, not acronyms
  EXPECT_EQ(render_in("ru", "РОССИЯ И УКРАИНА ПОДПИСАЛИ СОГЛАШЕНИЕ"),
            "росс@0 ~и@1 украин@2 подписа@3 соглашен@4");
  // й keeps its mark (it is another letter); ё is not folded to е either
  EXPECT_EQ(render_in("en", "Киевский район"), "киевский@0 район@1");
  // Greek: lower-cased, accents and final sigma folded; no stemmer
  EXPECT_EQ(render_in("el", "Η Αθήνα και η Θεσσαλονίκη"), "η@0 αθηνα@1 και@2 η@3 θεσσαλονικη@4");
}

bool has_term(const std::vector<Analyzer::OwnedToken>& toks, std::string_view term) {
  return std::any_of(toks.begin(), toks.end(), [&](const auto& t) { return t.term == term; });
}

TEST(Analyzer, ChineseJapaneseAndThaiUseDictionarySegmentation) {
  Analyzer a;
  // Chinese: "NATO summit held in The Hague"
  auto zh = a.tokens("北约峰会在海牙举行");
  EXPECT_TRUE(has_term(zh, "北约"));
  EXPECT_TRUE(has_term(zh, "峰会"));
  EXPECT_TRUE(has_term(zh, "海牙"));
  EXPECT_TRUE(has_term(zh, "举行"));
  // Japanese: kanji, hiragana and katakana words; half-width katakana folded to full width
  auto ja = a.tokens("防衛費の増額について首相がハーグで説明した");
  EXPECT_TRUE(has_term(ja, "防衛"));
  EXPECT_TRUE(has_term(ja, "首相"));
  EXPECT_TRUE(has_term(ja, "ハーグ"));
  EXPECT_TRUE(has_term(a.tokens("ﾊｰｸﾞ"), "ハーグ"));
  // Thai: no spaces between words
  auto th = a.tokens("รัฐบาลไทยประกาศงบประมาณกลาโหม");
  EXPECT_GE(th.size(), 3u);
  EXPECT_TRUE(has_term(th, "รัฐบาล"));
  EXPECT_TRUE(has_term(th, "ประกาศ"));
  // Positions are consecutive and offsets point at the words
  for (const auto* toks : {&zh, &ja, &th}) {
    for (std::size_t i = 0; i < toks->size(); ++i) EXPECT_EQ((*toks)[i].position, i);
  }
  std::string text = "北约峰会在海牙举行";
  for (const auto& t : zh) EXPECT_EQ(text.substr(t.begin, t.end - t.begin), t.term);
}

TEST(Analyzer, UserVariantFilesExtendTheTable) {
  auto dir = std::filesystem::temp_directory_path() / "newsdex-analyzer-variants";
  std::filesystem::create_directories(dir);
  auto file = (dir / "variants.txt").string();
  {
    std::ofstream out(file);
    out << "# my additions\nlorry truck\nlorries trucks\n"
        << "Aeroplane  aeroplanes\tairplane   # several variants, any blanks, any case\n";
  }
  Analyzer plain;
  AnalyzerOptions o;
  o.variant_files = {file};
  Analyzer extended(o);
  EXPECT_EQ(render(plain, "lorry truck"), "lorri@0 truck@1");
  EXPECT_EQ(render(extended, "lorry truck lorries"), "truck@0 truck@1 truck@2");
  EXPECT_EQ(render(extended, "Aeroplanes airplane"), "airplan@0 airplan@1");
  EXPECT_EQ(render(extended, "Defence defense"), "defens@0 defens@1"); // shipped table still on
  EXPECT_NE(plain.fingerprint(), extended.fingerprint());
  // The fingerprint follows the file's content, not its name
  std::string before = extended.fingerprint();
  {
    std::ofstream out(file);
    out << "lorry truck\n";
  }
  EXPECT_NE(Analyzer(o).fingerprint(), before);
  Analyzer reread(o);
  EXPECT_EQ(render(reread, "lorry"), "truck@0");
  // User stopword files
  auto stop = (dir / "stop.txt").string();
  {
    std::ofstream out(stop);
    out << "said\n";
  }
  AnalyzerOptions s;
  s.stopword_files = {stop};
  Analyzer with_stop(s);
  EXPECT_EQ(render(with_stop, "he said"), "~he@0 ~said@1");
  std::filesystem::remove_all(dir);
  o.variant_files = {(dir / "missing.txt").string()};
  EXPECT_THROW(Analyzer{o}, Error);
}

TEST(Analyzer, LanguagesSelectTheirStemmer) {
  Analyzer de(language("de"));
  EXPECT_EQ(de.language(), "de");
  auto toks = de.tokens("Verteidigungsausgaben");
  ASSERT_EQ(toks.size(), 1u);
  EXPECT_NE(toks[0].term, "verteidigungsausgaben"); // stemmed by the German Snowball stemmer
  EXPECT_THROW(Analyzer(language("klingon")), Error);
}

} // namespace
} // namespace newsdex
