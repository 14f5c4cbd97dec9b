// The ASCII word segmenter against ICU's word break iterator, created as the analyzer creates it:
// every segment (begin, end, word status) of whatever the ASCII path accepts must be ICU's, and
// so must the segments of the whole text once ICU has filled in the stretches it declined.
#include "analysis/ascii_words.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace newsdex::detail {
namespace {

// Every language the analyzer accepts, as it names the ICU locale (tables->language).
// clang-format off
const std::vector<std::string> analyzer_languages = {
    "ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr", "de", "hu", "id", "ga", "it", "lt",
    "ne", "nb", "pt", "ro", "ru", "es", "sv", "ta", "tr", "earlyenglish", "lovins", "porter",
    "german2", "kraaij_pohlmann", "zh", "ja", "th", "ko", "el", "uk", "bg", "sr", "none"};
// clang-format on

std::unique_ptr<icu::BreakIterator> word_breaker(const std::string& language) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale(language == "none" ? "" : language.c_str());
  std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(locale, status));
  if (U_FAILURE(status)) b.reset();
  return b;
}

// ICU over the whole text, as the analyzer segmented before the ASCII path.
void icu_reference(icu::BreakIterator& breaker, std::string_view text,
                   std::vector<WordSegment>& out) {
  out.clear();
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<std::int64_t>(text.size()), &status);
  ASSERT_FALSE(U_FAILURE(status));
  breaker.setText(&ut, status);
  std::int32_t b = breaker.first();
  for (std::int32_t e = breaker.next(); e != icu::BreakIterator::DONE; b = e, e = breaker.next())
    out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e),
                   breaker.getRuleStatus() >= UBRK_WORD_NONE_LIMIT});
  utext_close(&ut);
}

std::string escaped(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string describe(std::string_view text, const std::vector<WordSegment>& segments) {
  std::string out;
  for (const auto& s : segments) {
    out += " [" + escaped(text.substr(s.begin, s.end - s.begin)) + "]";
    if (s.word) out += 'w';
  }
  return out;
}

class Differential {
public:
  explicit Differential(const std::string& language)
      : language_(language), breaker_(word_breaker(language)) {
    if (breaker_) rules_ = ascii_word_rules(*breaker_);
  }

  bool ready() const { return breaker_ && rules_; }

  ::testing::AssertionResult check(std::string_view text) {
    icu_reference(*breaker_, text, expected_);
    fast_.clear();
    const std::size_t stopped = ascii_word_segments(text, 0, *rules_, fast_);
    ++texts_;
    if (stopped == text.size())
      ++accepted_;
    else
      ++declined_;
    // The accepted prefix: the ASCII segments must be ICU's first segments, up to a boundary.
    bool same = stopped <= text.size() && fast_.size() <= expected_.size() &&
                (fast_.empty() ? stopped == 0 : fast_.back().end == stopped);
    for (std::size_t k = 0; same && k < fast_.size(); ++k) same = fast_[k] == expected_[k];
    if (!same)
      return ::testing::AssertionFailure()
             << language_ << " \"" << escaped(text) << "\": ASCII path (to " << stopped << ")"
             << describe(text, fast_) << " vs ICU" << describe(text, expected_);
    word_segments(text, *breaker_, rules_, combined_);
    if (combined_ != expected_)
      return ::testing::AssertionFailure()
             << language_ << " \"" << escaped(text) << "\": with ICU fallback"
             << describe(text, combined_) << " vs ICU" << describe(text, expected_);
    return ::testing::AssertionSuccess();
  }

  std::string summary() const {
    return language_ + ": " + std::to_string(texts_) + " texts, " + std::to_string(accepted_) +
           " wholly by the ASCII path, " + std::to_string(declined_) + " partly or not at all";
  }
  std::size_t accepted() const { return accepted_; }
  std::size_t declined() const { return declined_; }

private:
  std::string language_;
  std::unique_ptr<icu::BreakIterator> breaker_;
  std::optional<AsciiWordRules> rules_;
  std::vector<WordSegment> expected_, fast_, combined_;
  std::size_t texts_ = 0, accepted_ = 0, declined_ = 0;
};

// The two rule sets: root (en, and nearly every language) and Finnish/Swedish (':' joins).
const char* const rule_languages[] = {"none", "sv"};

TEST(AsciiWords, EveryAnalyzerLanguageRunsVerifiedRules) {
  for (const auto& language : analyzer_languages) {
    auto breaker = word_breaker(language);
    ASSERT_TRUE(breaker) << language;
    auto rules = ascii_word_rules(*breaker);
    // A failure here means ICU's word rules changed: re-verify them (this file) and record
    // their hashes in lib/analysis/ascii_words.cpp; until then those languages use ICU only.
    ASSERT_TRUE(rules.has_value()) << language << ": word rules not verified for the ASCII path";
    const bool colon = language == "fi" || language == "sv";
    EXPECT_EQ(*rules, colon ? AsciiWordRules::colon_joins_letters : AsciiWordRules::root)
        << language;
  }
  auto posix = word_breaker("en_US_POSIX"); // '.' is MidNum there: not a verified rule set
  ASSERT_TRUE(posix);
  EXPECT_FALSE(ascii_word_rules(*posix).has_value());
}

TEST(AsciiWords, HandWrittenCases) {
  const std::vector<std::string> cases = {
      "",
      "U.S.",
      "U.S. officials",
      "3.5",
      "2,000",
      "2,000.50",
      "1,2,3",
      "1;2",
      "don't",
      "'quoted'",
      "a:b",
      "EU:n",
      "12:30",
      "e-mail",
      "x_y",
      "__",
      "___",
      "_",
      "_a",
      "a_",
      "1_",
      "_1",
      "a_1",
      "1_a",
      "_._",
      "a_.b",
      "...",
      "a...b",
      "a..b",
      "1..2",
      "a.1",
      "1.a",
      "a.b.c.",
      "1.2.3",
      "a'1",
      "1'000",
      "user@example.com",
      "@",
      "@@",
      "a@1",
      "line\r\nnext",
      "\r\n",
      "\r\r\n\n",
      "\n\r",
      "a\tb",
      "\t\t",
      "a  b",
      "   ",
      " a ",
      "end.",
      "end!",
      "end?!",
      "(parenthesis)",
      "\"quoted\"",
      "$126",
      "5%",
      "C++",
      "C#",
      "A&P",
      "AT&T",
      "a\vb",
      "a\fb",
      std::string("a\0b", 3),
      "a\x7f"
      "b",
      "don't-stop 3.5% of $2,000",
      "Mr. O'Neill's car_park:north at 10:45, 2,000.5 U.S. dollars",
  };
  for (const char* language : rule_languages) {
    Differential d(language);
    ASSERT_TRUE(d.ready()) << language;
    for (const auto& text : cases) EXPECT_TRUE(d.check(text));
    // Every ASCII character alone, and between letters and digits.
    for (int c = 0; c < 128; ++c) {
      const std::string ch(1, static_cast<char>(c));
      EXPECT_TRUE(d.check(ch));
      for (const char* left : {"a", "Z", "7"})
        for (const char* right : {"b", "Q", "0"}) {
          EXPECT_TRUE(d.check(left + ch + right));
          EXPECT_TRUE(d.check(left + ch + ch + right));
        }
    }
    std::printf("%s\n", d.summary().c_str());
  }
}

TEST(AsciiWords, EveryAsciiStringOfUpToThreeCharacters) {
  for (const char* language : rule_languages) {
    Differential d(language);
    ASSERT_TRUE(d.ready()) << language;
    std::string s;
    for (int a = 0; a < 128; ++a) {
      s.assign(1, static_cast<char>(a));
      ASSERT_TRUE(d.check(s));
      for (int b = 0; b < 128; ++b) {
        s.assign({static_cast<char>(a), static_cast<char>(b)});
        ASSERT_TRUE(d.check(s));
        for (int c = 0; c < 128; ++c) {
          s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
          ASSERT_TRUE(d.check(s));
        }
      }
    }
    EXPECT_EQ(d.declined(), 0u);
    std::printf("%s\n", d.summary().c_str());
  }
}

// One character of each class the rules tell apart, and a few that share a class; every string
// of up to five of them.
TEST(AsciiWords, EveryStringOfClassRepresentatives) {
  std::string alphabet = "aZ@5._',;: \t\n\r\v-\"";
  alphabet += '\0';
  for (const char* language : rule_languages) {
    Differential d(language);
    ASSERT_TRUE(d.ready()) << language;
    std::vector<std::size_t> digits;
    std::string s;
    for (std::size_t length = 0; length <= 5; ++length) {
      digits.assign(length, 0);
      for (;;) {
        s.clear();
        for (std::size_t k : digits) s += alphabet[k];
        ASSERT_TRUE(d.check(s));
        std::size_t k = 0;
        while (k < length && ++digits[k] == alphabet.size()) digits[k++] = 0;
        if (k == length) break;
      }
    }
    EXPECT_EQ(d.declined(), 0u);
    std::printf("%s\n", d.summary().c_str());
  }
}

std::string random_text(std::mt19937& rng, const std::vector<std::string>& groups,
                        const std::vector<int>& weights, std::size_t max_length) {
  std::discrete_distribution<std::size_t> group(weights.begin(), weights.end());
  std::string s;
  const std::size_t length = rng() % (max_length + 1);
  for (std::size_t k = 0; k < length; ++k) {
    const std::string& g = groups[group(rng)];
    s += g[rng() % g.size()];
  }
  return s;
}

const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const std::string numerals = "0123456789";
const std::string punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

TEST(AsciiWords, RandomAsciiStrings) {
  const std::vector<std::string> groups = {letters, numerals, punctuation, " \t\n\r"};
  const std::vector<int> weights = {35, 20, 30, 15};
  for (const char* language : rule_languages) {
    Differential d(language);
    ASSERT_TRUE(d.ready()) << language;
    std::mt19937 rng(20261128);
    for (int k = 0; k < 300000; ++k) ASSERT_TRUE(d.check(random_text(rng, groups, weights, 16)));
    EXPECT_EQ(d.declined(), 0u);
    std::printf("%s\n", d.summary().c_str());
  }
}

TEST(AsciiWords, RandomStringsInEveryAnalyzerLanguage) {
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls += static_cast<char>(c);
  controls += '\x7f';
  const std::vector<std::string> groups = {letters, numerals, punctuation, " \t\n\r", controls};
  const std::vector<int> weights = {35, 20, 30, 12, 3};
  for (const auto& language : analyzer_languages) {
    Differential d(language);
    ASSERT_TRUE(d.ready()) << language;
    std::mt19937 rng(7);
    for (int k = 0; k < 20000; ++k) ASSERT_TRUE(d.check(random_text(rng, groups, weights, 16)));
    EXPECT_EQ(d.declined(), 0u);
  }
}

// Non-ASCII characters of the classes that interact with ASCII ones, so that the ASCII path
// must decline and ICU take over the stretch around them: letters, digits, marks, format
// characters, joiners, quotes, spaces, line separators, ideographs, Thai, Hebrew, emoji, and
// ill-formed UTF-8.
TEST(AsciiWords, RandomStringsWithNonAscii) {
  const std::vector<std::string> foreign = {
      "\xC3\xA9",         "\xCC\x81",     "\xC2\xAD",     "\xE2\x80\x8D", "\xE2\x80\x99",
      "\xE2\x80\x98",     "\xC2\xA3",     "\xE2\x82\xAC", "\xE2\x80\x83", "\xE3\x80\x80",
      "\xC2\x85",         "\xE2\x80\xA8", "\xD9\xA1",     "\xE4\xB8\xAD", "\xE6\x96\x87",
      "\xE0\xB8\x81",     "\xE0\xB8\xB2", "\xD7\x90",     "\xD7\x91",     "\xF0\x9F\x98\x80",
      "\xF0\x9F\x87\xAB", "\xEF\xBC\x8E", "\xEF\xBC\x9A", "\xE3\x82\xA2", "\xE3\x81\x82",
      "\xEA\xB0\x80",     "\xE2\x80\x90", "\xEF\xBC\x8D", "\x80",         "\xFF",
      "\xE2\x82",         "\xC3",         "\xEF\xB9\x92", "\xE2\x80\xA4", "\xCD\x8F",
      "\xE2\x81\xA0"};
  std::mt19937 rng(29);
  for (const char* language : rule_languages) {
    Differential d(language);
    ASSERT_TRUE(d.ready()) << language;
    for (int k = 0; k < 100000; ++k) {
      std::string s;
      const std::size_t parts = rng() % 12;
      for (std::size_t p = 0; p < parts; ++p) {
        switch (rng() % 8) {
        case 0:
          s += foreign[rng() % foreign.size()];
          break;
        case 1:
          s += ' ';
          break;
        case 2:
          s += '\n';
          break;
        case 3:
          s += punctuation[rng() % punctuation.size()];
          break;
        case 4:
          s += numerals[rng() % numerals.size()];
          break;
        default:
          s += letters[rng() % letters.size()];
          break;
        }
      }
      ASSERT_TRUE(d.check(s));
    }
    EXPECT_GT(d.declined(), 0u);
    std::printf("%s\n", d.summary().c_str());
  }
}

TEST(AsciiWords, SharedCollections) {
  const std::filesystem::path root(NEWSDEX_SHARED_DATA);
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(root))
    for (const auto& entry : std::filesystem::directory_iterator(root))
      if (std::filesystem::exists(entry.path() / "docs.jsonl"))
        files.push_back(entry.path() / "docs.jsonl");
  if (files.empty())
    GTEST_SKIP() << root << " has no */docs.jsonl: the collections live in ../shared/data beside "
                 << "the repository; real text is not compared without them";
  std::sort(files.begin(), files.end());
  for (const char* language : rule_languages) {
    Differential d(language);
    ASSERT_TRUE(d.ready()) << language;
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      std::string line;
      while (std::getline(in, line)) {
        auto doc = nlohmann::json::parse(line, nullptr, false);
        ASSERT_FALSE(doc.is_discarded()) << file;
        for (const char* field : {"title", "body"}) {
          auto it = doc.find(field);
          if (it == doc.end() || !it->is_string()) continue;
          ASSERT_TRUE(d.check(it->get_ref<const std::string&>())) << file;
        }
      }
    }
    std::printf("%s\n", d.summary().c_str());
  }
}

} // namespace
} // namespace newsdex::detail
