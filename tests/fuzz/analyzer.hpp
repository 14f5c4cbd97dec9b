// Fuzz body: the analyzer (lib/analysis/) in every language it supports, with its options and
// the capitals mode drawn from the input, on any bytes (invalid UTF-8 included). Every token lies
// inside the text and its term fits Xapian's limit; so does every expression term the index side
// finds in the tokens (query/expression_terms.hpp).
#pragma once

#include "fuzz/check.hpp"
#include "fuzz/data_provider.hpp"

#include "entities/recognizer.hpp"
#include "entities/tables.hpp"
#include "query/expression_terms.hpp"

#include <newsdex/analyzer.hpp>
#include <newsdex/schema.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>

namespace newsdex::fuzz {

// Every language Analyzer accepts (lib/analysis/tables.cpp): ISO codes, the Snowball-only
// variants, and the languages it segments without stemming.
inline constexpr std::array<const char*, 38> analyzer_languages{
    "ar",      "hy",     "eu",     "ca",           "da",      "nl",
    "en",      "fi",     "fr",     "de",           "hu",      "id",
    "ga",      "it",     "lt",     "ne",           "nb",      "pt",
    "ro",      "ru",     "es",     "sv",           "ta",      "tr",
    "english", "lovins", "porter", "earlyenglish", "german2", "kraaij_pohlmann",
    "zh",      "ja",     "th",     "ko",           "el",      "uk",
    "bg",      "sr"};

inline int analyzer(const std::uint8_t* data, std::size_t size) {
  // One analyzer per option set, made on first use: an analyzer is meant to be reused, and its
  // stem cache changes no result.
  static std::map<std::tuple<std::size_t, bool, bool, bool>, Analyzer> analyzers;
  FuzzedDataProvider in(data, size);
  const auto language = in.ConsumeIntegralInRange<std::size_t>(0, analyzer_languages.size() - 1);
  const bool stem = in.ConsumeBool(), fold = in.ConsumeBool(), stopwords = in.ConsumeBool();
  const auto capitals = static_cast<Analyzer::Capitals>(in.ConsumeIntegralInRange(0, 2));
  const auto first_position = in.ConsumeIntegralInRange<std::uint32_t>(0, 1000);
  const std::string text = in.ConsumeRemainingBytesAsString();

  const auto key = std::make_tuple(language, stem, fold, stopwords);
  auto it = analyzers.find(key);
  if (it == analyzers.end()) {
    AnalyzerOptions options;
    options.language = analyzer_languages[language];
    options.stem = stem;
    options.fold_variants = fold;
    options.stopwords = stopwords;
    it = analyzers.emplace(key, Analyzer(options)).first;
  }
  Analyzer& a = it->second;
  static std::map<std::tuple<std::size_t, bool, bool, bool>,
                  std::unique_ptr<detail::ExpressionMatcher>>
      matchers;
  auto& matcher = matchers[key];
  if (!matcher)
    matcher = std::make_unique<detail::ExpressionMatcher>(a, detail::entity_tables({})->phrases);
  matcher->restart();
  const std::uint32_t next = a.analyze(
      text,
      [&](const Token& t) {
        NEWSDEX_FUZZ_CHECK(t.begin <= t.end && t.end <= text.size());
        NEWSDEX_FUZZ_CHECK(t.position >= first_position);
        NEWSDEX_FUZZ_CHECK(!t.term.empty() && t.term.size() <= 240);
        matcher->add(t, [&](std::string_view found) {
          NEWSDEX_FUZZ_CHECK(!found.empty());
          NEWSDEX_FUZZ_CHECK(detail::expression_term(found).size() <= schema::max_term_bytes);
        });
      },
      first_position, capitals);
  NEWSDEX_FUZZ_CHECK(next >= first_position);
  (void)a.shouted(text);
  return 0;
}

} // namespace newsdex::fuzz
