// Bounded queries (issue 15): every limit of QueryLimits and of SearchRequest, in strict mode (an
// Error naming the column) and in lenient mode (recovered, with a warning at that column).
#include "query/query_parser.hpp"
#include "unit/sample_collection.hpp"

#include <newsdex/error.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>
#include <string>

namespace newsdex {
namespace {

using detail::ParsedQuery;
using detail::QueryParserOptions;

ParsedQuery parse(const std::string& q, QueryParserOptions o = {}) {
  static Analyzer analyzer;
  return detail::parse_query(q, analyzer, o);
}

// The column of the strict parse's error; 0 when it did not throw.
std::size_t strict_column(const std::string& q, QueryParserOptions o = {}) {
  o.strict = true;
  try {
    parse(q, o);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::query_syntax) << e.what();
    return e.where().column;
  }
  return 0;
}

bool warned(const ParsedQuery& p, std::size_t column, const std::string& words) {
  return std::any_of(p.warnings.begin(), p.warnings.end(), [&](const QueryWarning& w) {
    return w.column == column && w.message.find(words) != std::string::npos;
  });
}

std::set<std::string> terms(const ParsedQuery& p) {
  return {p.query.get_unique_terms_begin(), p.query.get_unique_terms_end()};
}

// w0 w1 w2 ... : distinct words that are no stopwords and stem to themselves.
std::string words(std::size_t n, const std::string& separator = " ") {
  std::string q;
  for (std::size_t i = 0; i < n; ++i) q += (i ? separator : "") + "zq" + std::to_string(i);
  return q;
}

TEST(QueryLimits, DeepNestingIsFlattenedWithoutRecursion) {
  // The query of the bug report: a hundred thousand '(' crashed the recursive parser.
  QueryParserOptions o;
  o.limits.max_length = 1'000'000; // the nesting limit alone, not the length limit
  const std::string deep = std::string(100000, '(') + "nato" + std::string(100000, ')');
  ParsedQuery p = parse(deep, o);
  EXPECT_EQ(terms(p), std::set<std::string>{"nato"});
  ASSERT_EQ(p.warnings.size(), 1u); // one warning, and no ')' left over as unbalanced
  EXPECT_TRUE(warned(p, 65, "nested deeper than 64")) << p.warnings[0].message;
  EXPECT_EQ(strict_column(deep, o), 65u);
  // Unbalanced too: still no crash.
  EXPECT_EQ(terms(parse(std::string(100000, '(') + "nato", o)), std::set<std::string>{"nato"});
}

TEST(QueryLimits, FlattenedGroupsKeepEveryWord) {
  QueryParserOptions o;
  o.limits.max_depth = 1;
  ParsedQuery p = parse("(frigate (corvette OR (destroyer))) shipyard", o);
  EXPECT_EQ(terms(p), (std::set<std::string>{"frigat", "corvett", "destroy", "shipyard"}));
  EXPECT_EQ(p.warnings.size(), 1u);
  EXPECT_TRUE(warned(p, 10, "nested deeper than 1"));
  // Within the limit nothing changes.
  EXPECT_TRUE(parse("((frigate))").warnings.empty());
}

TEST(QueryLimits, LongQueryIsCutAtACharacterBoundary) {
  QueryParserOptions o;
  o.limits.max_length = 20;
  // Byte 20 (0-based) is the second byte of "é": the cut goes before the whole character.
  const std::string q = "frigate shipyard ab\xc3\xa9 destroyer";
  ParsedQuery p = parse(q, o);
  EXPECT_TRUE(warned(p, 20, "longer than 20 bytes")) << p.warnings.front().message;
  EXPECT_EQ(terms(p), (std::set<std::string>{"frigat", "shipyard", "ab"}));
  EXPECT_EQ(strict_column(q, o), 21u);
  // The default lets a pasted article through: 64 KiB.
  EXPECT_EQ(QueryLimits{}.max_length, 65536u);
  EXPECT_EQ(strict_column(std::string(65536, 'x')), 0u);
  EXPECT_EQ(strict_column(std::string(65537, 'x')), 65537u);
}

TEST(QueryLimits, WordsBeyondTheBudgetAreIgnored) {
  const std::string q = words(1500);
  ParsedQuery p = parse(q);
  EXPECT_EQ(terms(p).size(), 1024u);
  const std::size_t column = q.find("zq1024") + 1;
  EXPECT_TRUE(warned(p, column, "more than 1024 terms"));
  EXPECT_EQ(strict_column(q), column);
  // Without syntax, as with it; and words inside a phrase count as well.
  QueryParserOptions off;
  off.syntax = false;
  EXPECT_EQ(terms(parse(q, off)).size(), 1024u);
  QueryParserOptions small;
  small.limits.max_terms = 3;
  ParsedQuery phrase = parse("zq1 \"zq2 zq3 zq4\" title:zq5 source:x", small);
  EXPECT_EQ(terms(phrase), (std::set<std::string>{"zq1", "zq2", "zq3"}));
  EXPECT_TRUE(warned(phrase, 14, "more than 3 terms"));
  EXPECT_EQ(strict_column("zq1 zq2 source:x entity:y", small), 18u);
}

// Every term is a posting list Xapian opens with its buffers: the other names of entities and
// the combinations of positional operators come from the same budget as the words (a phrase of
// a thousand "U.S." took 940 MB before).
std::size_t leaves(const Xapian::Query& q) {
  if (q.get_type() == Xapian::Query::LEAF_TERM) return 1;
  std::size_t n = 0;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) n += leaves(q.get_subquery(i));
  return n;
}

TEST(QueryLimits, OtherNamesComeFromTheSameBudget) {
  std::string phrases, long_phrase = "\"", near;
  for (int i = 0; i < 500; ++i) phrases += "\"U.S. NATO\" ";
  for (int i = 0; i < 1000; ++i) long_phrase += "U.S. ";
  for (int i = 0; i < 300; ++i) near += "NATO NEAR/3 U.S. ";
  for (const std::string& q : {phrases, long_phrase + "\"", near, words(2000)}) {
    ParsedQuery p = parse(q);
    EXPECT_LE(leaves(p.query), 1100u) << q.substr(0, 40);
    EXPECT_FALSE(p.warnings.empty());
  }
  // Within the budget the other names are all there: "U.S." is also "United States".
  ParsedQuery small = parse("\"U.S. officials\"");
  EXPECT_TRUE(terms(small).count("unit")) << small.explanation.tree;
  EXPECT_TRUE(small.warnings.empty());
}

TEST(QueryLimits, PhraseWiderThanTheWindowKeepsTheWordsThatFit) {
  QueryParserOptions o;
  o.limits.max_window = 3;
  const std::string q = "\"zq1 of zq2 zq3 zq4\"";
  ParsedQuery p = parse(q, o);
  EXPECT_EQ(terms(p), (std::set<std::string>{"zq1", "zq2"})); // positions 0 and 2 of 0..2
  EXPECT_TRUE(warned(p, 13, "phrase spans more than 3 words"));
  EXPECT_EQ(strict_column(q, o), 13u);
}

TEST(QueryLimits, NearWindowIsCapped) {
  QueryParserOptions o;
  o.limits.max_window = 50;
  ParsedQuery p = parse("frigate NEAR/51 shipyard", o);
  EXPECT_TRUE(warned(p, 9, "window larger than 50"));
  EXPECT_EQ(strict_column("frigate NEAR/51 shipyard", o), 9u);
  EXPECT_EQ(strict_column("frigate NEAR/50 shipyard", o), 0u);
  // A number of any length is read without overflow (issue 15: "internal error: stoul").
  EXPECT_TRUE(warned(parse("frigate NEAR/99999999999999999999999 shipyard"), 9, "window"));
}

TEST(QueryLimits, WildcardsBeyondTheLimitAreWords) {
  QueryParserOptions o;
  o.limits.max_wildcards = 2;
  ParsedQuery p = parse("fri* shi* des*", o);
  EXPECT_TRUE(warned(p, 11, "more than 2 wildcards"));
  EXPECT_EQ(p.query.get_type(), Xapian::Query::OP_OR);
  EXPECT_EQ(strict_column("fri* shi* des*", o), 11u);
  EXPECT_EQ(strict_column("fri* shi*", o), 0u);
}

TEST(QueryLimits, WildcardNextToNearKeepsTheMostFrequentTerms) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  // ship: 1 document, shipyard: 3, shipment: 2, shipwreck: 4.
  const std::vector<std::pair<std::string, int>> counts = {
      {"ship", 1}, {"shipyard", 3}, {"shipment", 2}, {"shipwreck", 4}};
  for (const auto& [term, n] : counts)
    for (int i = 0; i < n; ++i) {
      Xapian::Document d;
      d.add_posting(term, 1);
      d.add_posting("nato", 2);
      db.add_document(d);
    }
  QueryParserOptions o;
  o.database = &db;
  o.limits.max_wildcard_terms = 2;
  ParsedQuery p = parse("shi* NEAR/3 nato", o);
  ASSERT_FALSE(p.explanation.words.empty());
  EXPECT_EQ(p.explanation.words.front().terms, (std::vector<std::string>{"shipwreck", "shipyard"}));
}

using SearchLimits = test::SampleCollection;

Error::Code search_error(Searcher& s, const SearchRequest& r) {
  try {
    s.search(r);
  } catch (const Error& e) {
    return e.code();
  }
  ADD_FAILURE() << "no error";
  return Error::Code::internal;
}

TEST_F(SearchLimits, PagesFacetsAndWindowsAreBounded) {
  Searcher s(db());
  SearchRequest r;
  r.query = "NATO";
  r.limit = std::numeric_limits<std::size_t>::max(); // wrapped to 32 bits before
  EXPECT_EQ(search_error(s, r), Error::Code::usage);
  r.limit = 60000;
  r.offset = 40001;
  EXPECT_EQ(search_error(s, r), Error::Code::usage);
  r.offset = 40000; // exactly max_page
  EXPECT_NO_THROW(s.search(r));
  r.limit = 10;
  r.offset = 0;
  r.collapse = true;
  r.collapse_window = 100001;
  EXPECT_EQ(search_error(s, r), Error::Code::usage);
  r.collapse = false;
  r.expand = true;
  r.expand_documents = 100001;
  EXPECT_EQ(search_error(s, r), Error::Code::usage);
  r.expand = false;
  r.facets = {FacetKind::source};
  r.facet_limit = 10001;
  EXPECT_EQ(search_error(s, r), Error::Code::usage);
  r.facet_limit = 20;
  r.facets = {FacetKind::source, FacetKind::year, FacetKind::source};
  EXPECT_EQ(search_error(s, r), Error::Code::usage);
  SimilarRequest similar;
  similar.limit = 100001;
  EXPECT_THROW(s.similar("x", similar), Error);
}

TEST_F(SearchLimits, HugeQueriesRunLenientlyAndFailStrictlyWithTheColumn) {
  Searcher s(db());
  SearchRequest r;
  r.query = std::string(100000, '(') + "nato"; // the report's segmentation fault
  SearchResults lenient = s.search(r);
  ASSERT_FALSE(lenient.warnings.empty());
  EXPECT_EQ(lenient.warnings.front().column, 65537u); // cut at the length limit first
  r.strict = true;
  try {
    s.search(r);
    ADD_FAILURE() << "strict search accepted the query";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::query_syntax);
    EXPECT_EQ(e.where().column, 65537u);
  }
  r.query = std::string(1000, '(') + "NATO" + std::string(1000, ')');
  r.strict = false;
  EXPECT_FALSE(s.search(r).hits.empty());
  r.strict = true;
  try {
    s.search(r);
    ADD_FAILURE() << "strict search accepted the query";
  } catch (const Error& e) {
    EXPECT_EQ(e.where().column, 65u);
  }
}

} // namespace
} // namespace newsdex
