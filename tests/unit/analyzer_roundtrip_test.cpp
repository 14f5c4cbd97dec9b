// The round trip: every token the index side produces for a text is produced identically when the
// same text is analyzed the way the query side analyzes it. The index analyzes a whole field with
// Capitals::detect; the query parser decides `shouted()` once for the whole query, then analyzes
// each word, phrase and term with that answer (Capitals::meaningful or Capitals::shouted), using
// its own Analyzer (its own stem cache).
#include <newsdex/analyzer.hpp>

#include "query/query_parser.hpp"
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

using Tokens = std::vector<Analyzer::OwnedToken>;

Tokens analyze(Analyzer& a, std::string_view text, std::uint32_t first,
               Analyzer::Capitals capitals) {
  Tokens out;
  a.analyze(
      text,
      [&](const Token& t) {
        out.push_back({std::string(t.term), std::string(t.word), t.position, t.begin, t.end, t.kind,
                       t.stopword});
      },
      first, capitals);
  return out;
}

std::string describe(const Analyzer::OwnedToken& t) {
  return t.term + "@" + std::to_string(t.position) + "[" + std::to_string(t.begin) + "," +
         std::to_string(t.end) + ")";
}

// The texts: every golden input, every sample article whole, and each of its lines (headlines
// and subheadings are analyzed on their own, as titles are).
std::vector<std::string> texts() {
  std::vector<std::string> out;
  for (const auto& g : golden_rows) out.emplace_back(g.text);
  // Extra cases where context could matter: capitals decided by the whole text, compounds,
  // currencies and percentages at chunk edges, quotes and brackets around words.
  for (const char* extra :
       {"US TROOPS LEAVE BASE after talks", "\"U.S. officials\" (NATO) said 5 per cent",
        "Prices rose 3.3%, the ECB said; $126 billion in aid", "«Ukraine’s» allies' pre-2014 plan",
        "WHO AND THE UN", "Mr O'Brien's peace-keeping role", "ＮＡＴＯ ＡＮＤ ＴＨＥ ＥＵ",
        "北约峰会在海牙举行 NATO summit", "รัฐบาลไทยประกาศงบประมาณกลาโหม",
        "РОССИЯ И УКРАИНА and Россия", "bad \xff\xfe bytes\xc3 here"})
    out.emplace_back(extra);
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(NEWSDEX_FIXTURES) + "/articles"))
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    out.push_back(s.str());
    std::string line;
    std::istringstream lines(s.str());
    while (std::getline(lines, line))
      if (!line.empty()) out.push_back(line);
  }
  return out;
}

TEST(AnalyzerRoundTrip, HasEnoughTexts) {
  auto all = texts();
  EXPECT_GE(all.size(), golden_rows.size() + 30 * 5); // the fixtures were found
}

// The whole text analyzed by the query side (shouted() decided once, then an explicit answer)
// yields exactly the index side's tokens: terms, positions, offsets, kinds and stopword flags.
TEST(AnalyzerRoundTrip, QuerySideYieldsTheIndexSidesTokens) {
  Analyzer index_side;
  Analyzer query_side(index_side); // another instance, as the Searcher has
  std::size_t checked = 0;
  for (const auto& text : texts()) {
    Tokens indexed = analyze(index_side, text, 0, Analyzer::Capitals::detect);
    auto capitals =
        query_side.shouted(text) ? Analyzer::Capitals::shouted : Analyzer::Capitals::meaningful;
    Tokens queried = analyze(query_side, text, 0, capitals);
    ASSERT_EQ(indexed.size(), queried.size()) << text;
    for (std::size_t i = 0; i < indexed.size(); ++i)
      ASSERT_EQ(indexed[i], queried[i]) << describe(indexed[i]) << " vs " << describe(queried[i])
                                        << " in: " << text.substr(0, 200);
    checked += indexed.size();
  }
  EXPECT_GT(checked, 10000u);
}

// The query parser analyzes a query word by word (whitespace-separated parts, each with the
// capitals answer for the whole query). Every word token the index side produces comes out of
// the part that holds it with the same term, kind and stopword flag; and every token a part
// produces is one the index side produced for those bytes (so a query word finds its text).
TEST(AnalyzerRoundTrip, WordByWordQueriesMeetTheIndex) {
  Analyzer index_side;
  Analyzer query_side(index_side);
  for (const auto& text : texts()) {
    Tokens indexed = analyze(index_side, text, 0, Analyzer::Capitals::detect);
    auto capitals =
        query_side.shouted(text) ? Analyzer::Capitals::shouted : Analyzer::Capitals::meaningful;
    Tokens parts;
    for (std::size_t i = 0; i < text.size();) {
      auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
      while (i < text.size() && space(text[i])) ++i;
      std::size_t j = i;
      while (j < text.size() && !space(text[j])) ++j;
      if (j > i) {
        for (auto t : analyze(query_side, std::string_view(text).substr(i, j - i), 0, capitals)) {
          t.begin += static_cast<std::uint32_t>(i);
          t.end += static_cast<std::uint32_t>(i);
          parts.push_back(std::move(t));
        }
      }
      i = j;
    }
    auto same = [](const Analyzer::OwnedToken& a, const Analyzer::OwnedToken& b) {
      return a.term == b.term && a.begin == b.begin && a.end == b.end && a.kind == b.kind &&
             a.stopword == b.stopword;
    };
    for (const auto& t : indexed) {
      if (t.kind == TokenKind::joined) continue; // "5 per cent" spans words
      EXPECT_TRUE(
          std::any_of(parts.begin(), parts.end(), [&](const auto& p) { return same(p, t); }))
          << "index token " << describe(t)
          << " not produced by the query side in: " << text.substr(0, 200);
    }
    for (const auto& p : parts) {
      EXPECT_TRUE(
          std::any_of(indexed.begin(), indexed.end(), [&](const auto& t) { return same(p, t); }))
          << "query token " << describe(p)
          << " not produced by the index side in: " << text.substr(0, 200);
    }
  }
}

// Positions continue across fields (title, then body after a gap) without changing terms.
TEST(AnalyzerRoundTrip, FirstPositionOnlyShiftsPositions) {
  Analyzer a;
  for (const auto& text : texts()) {
    Tokens at0 = analyze(a, text, 0, Analyzer::Capitals::detect);
    Tokens at100 = analyze(a, text, 100, Analyzer::Capitals::detect);
    ASSERT_EQ(at0.size(), at100.size());
    for (std::size_t i = 0; i < at0.size(); ++i) {
      EXPECT_EQ(at0[i].term, at100[i].term);
      EXPECT_EQ(at0[i].position + 100, at100[i].position);
    }
  }
}

// End to end through the real query parser: each text, indexed alone, is found by itself as a
// query — as free text with every word required, and as one phrase.
TEST(AnalyzerRoundTrip, EveryTextFindsItselfThroughTheQueryParser) {
  Analyzer index_side;
  Analyzer query_side(index_side);
  std::size_t checked = 0, searched = 0;
  for (const auto& text : texts()) {
    if (text.find('"') != std::string::npos || text.find('*') != std::string::npos) continue;
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::Document doc;
    index_side.analyze(
        text, [&](const Token& t) { doc.add_posting(std::string(t.term), t.position + 1); });
    db.add_document(doc);

    auto finds = [&](const std::string& query, const detail::QueryParserOptions& options) {
      auto parsed = detail::parse_query(query, query_side, options);
      if (parsed.query.empty() || parsed.query.get_type() == Xapian::Query::LEAF_MATCH_NOTHING)
        return true; // nothing to look for (only stopwords or symbols)
      ++searched;
      Xapian::Enquire enquire(db);
      enquire.set_query(parsed.query);
      return enquire.get_mset(0, 1).size() == 1;
    };
    detail::QueryParserOptions free_text;
    free_text.syntax = false;
    free_text.match = MatchMode::all;
    EXPECT_TRUE(finds(text, free_text)) << "free text: " << text.substr(0, 200);
    detail::QueryParserOptions phrase;
    phrase.match = MatchMode::all;
    EXPECT_TRUE(finds('"' + text + '"', phrase)) << "phrase: " << text.substr(0, 200);
    ++checked;
  }
  EXPECT_GT(checked, 100u);
  EXPECT_GT(searched, 2 * 100u);
}

} // namespace
} // namespace newsdex
