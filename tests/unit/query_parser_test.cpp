// The query language: what each construct becomes, recovery with columns, strict mode.
#include "query/query_parser.hpp"

#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include <gtest/gtest.h>

#include <xapian.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace newsdex::detail {
namespace {

ParsedQuery parse(const std::string& q, QueryParserOptions o = {}) {
  static Analyzer analyzer;
  return parse_query(q, analyzer, o);
}

std::string tree(const std::string& q, QueryParserOptions o = {}) {
  return parse(q, o).explanation.tree;
}

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

TEST(QueryParser, BareWordsCombineByMatchMode) {
  EXPECT_EQ(tree("frigate shipyard"), "OR\n  frigat\n  shipyard\n");
  QueryParserOptions all;
  all.match = MatchMode::all;
  EXPECT_EQ(tree("frigate shipyard", all), "AND\n  frigat\n  shipyard\n");
}

TEST(QueryParser, PhraseAndTitlePhrase) {
  EXPECT_EQ(tree("\"peace talks\""), "PHRASE\n  peac\n  talk\n");
  EXPECT_EQ(tree("title:\"peace talks\""), "PHRASE\n  Speac\n  Stalk\n");
  EXPECT_EQ(tree("title:frigate"), "Sfrigat\n");
}

TEST(QueryParser, BooleanOperators) {
  EXPECT_EQ(tree("frigate AND shipyard"), "AND\n  frigat\n  shipyard\n");
  EXPECT_EQ(tree("frigate OR shipyard"), "OR\n  frigat\n  shipyard\n");
  EXPECT_EQ(tree("frigate NOT shipyard"), "AND_NOT\n  frigat\n  shipyard\n");
  EXPECT_EQ(tree("frigate -shipyard"), "AND_NOT\n  frigat\n  shipyard\n");
  EXPECT_EQ(tree("+frigate shipyard"), "AND_MAYBE\n  frigat\n  shipyard\n");
  EXPECT_EQ(tree("(frigate OR cable) AND shipyard"),
            "AND\n  OR\n    frigat\n    cabl\n  shipyard\n");
}

TEST(QueryParser, NearAndWildcard) {
  std::string near = tree("frigate NEAR/3 shipyard");
  EXPECT_EQ(near.rfind("NEAR\n", 0), 0u) << near;
  std::string wild = tree("frig*");
  EXPECT_NE(wild.find("WILDCARD"), std::string::npos) << wild;
  auto p = parse("frig*");
  ASSERT_EQ(p.explanation.words.size(), 1u);
  EXPECT_NE(p.explanation.words[0].note.find("wildcard"), std::string::npos);
}

// With the collection at hand a plain wildcard is expanded by newsdex, over the whole collection,
// into what OP_WILDCARD would build (an OP_SYNONYM of the most frequent terms it starts): left to
// OP_WILDCARD, each remote shard would expand and weigh it over its own terms.
TEST(QueryParser, PlainWildcardExpandsFromTheDatabase) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  // In documents: ship 1, shipment 2, shipyard 3, shipwreck 4; frigate in all.
  const std::vector<std::pair<std::string, int>> counts = {
      {"ship", 1}, {"shipment", 2}, {"shipyard", 3}, {"shipwreck", 4}};
  for (const auto& [term, n] : counts)
    for (int i = 0; i < n; ++i) {
      Xapian::Document d;
      d.add_posting(term, 1);
      d.add_posting("frigat", 2);
      db.add_document(d);
    }
  QueryParserOptions o;
  o.database = &db;
  EXPECT_EQ(tree("shi*", o), "SYNONYM\n  ship\n  shipment\n  shipwreck\n  shipyard\n");
  // The bound keeps the most frequent terms, as WILDCARD_LIMIT_MOST_FREQUENT does.
  o.limits.max_wildcard_terms = 2;
  EXPECT_EQ(tree("shi*", o), "SYNONYM\n  shipwreck\n  shipyard\n");
  // One term left is that term.
  EXPECT_EQ(tree("shipy*", o), "shipyard\n");
  // A wildcard that starts no term still makes an AND match nothing (an empty query would
  // drop out of it): it stays Xapian's.
  const ParsedQuery none = parse("frigate AND zzq*", o);
  Xapian::Enquire enquire(db);
  enquire.set_query(none.query);
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u);
  enquire.set_query(parse("frigate AND shipy*", o).query);
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 3u);
  // No bound (0: Xapian's "no limit") or no database: Xapian's OP_WILDCARD.
  o.limits.max_wildcard_terms = 0;
  EXPECT_NE(tree("shi*", o).find("WILDCARD"), std::string::npos);
}

// Expanded from the whole collection, a plain wildcard scores the same whether the articles are
// in one shard or spread over two (OP_WILDCARD, expanded shard by shard, scores them differently).
TEST(QueryParser, PlainWildcardScoresAlikeOverShards) {
  Xapian::WritableDatabase whole(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::WritableDatabase first(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::WritableDatabase second(std::string(), Xapian::DB_BACKEND_INMEMORY);
  // Shards with different vocabularies: shipyard only in the first, shipwreck mostly in the second.
  const std::vector<std::vector<std::string>> docs = {{"shipyard", "frigat"},
                                                      {"shipyard", "shipyard", "frigat"},
                                                      {"shipwreck", "frigat"},
                                                      {"shipwreck"},
                                                      {"shipwreck", "shipwreck", "hull"},
                                                      {"shipment", "hull"},
                                                      {"hull", "frigat"},
                                                      {"frigat"}};
  for (std::size_t i = 0; i < docs.size(); ++i) {
    Xapian::Document d;
    Xapian::termpos pos = 1;
    for (const auto& t : docs[i]) d.add_posting(t, pos++);
    whole.add_document(d);
    (i < 3 ? first : second).add_document(d);
  }
  Xapian::Database sharded(first);
  sharded.add_database(second);
  const auto scores = [](const Xapian::Database& db, const std::string& q) {
    QueryParserOptions o;
    o.database = &db;
    Xapian::Enquire enquire(db);
    enquire.set_query(parse(q, o).query);
    std::vector<double> out;
    const Xapian::MSet hits = enquire.get_mset(0, 20);
    for (auto it = hits.begin(); it != hits.end(); ++it) out.push_back(it.get_weight());
    return out;
  };
  for (const char* q : {"shi*", "frigate shi*"}) {
    const std::vector<double> one = scores(whole, q), two = scores(sharded, q);
    ASSERT_EQ(one.size(), two.size()) << q;
    ASSERT_GT(one.size(), 1u) << q;
    for (std::size_t i = 0; i < one.size(); ++i)
      EXPECT_NEAR(one[i], two[i], 1e-9) << q << " #" << i;
  }
}

TEST(QueryParser, BooleanFieldsFilter) {
  // Side by side with words, source/date/lang filter instead of adding evidence.
  std::string t = tree("frigate source:\"Harbour Post\"");
  EXPECT_EQ(t, "FILTER\n  frigat\n  XSharbour post\n");
  // Two values of one field: any of them.
  t = tree("frigate source:a source:b");
  EXPECT_TRUE(has_line(t, "  OR")) << t;
  EXPECT_TRUE(has_line(t, "    XSa")) << t;
  EXPECT_EQ(tree("lang:en-GB"), "Len\n");
  EXPECT_EQ(tree("id:abc"), "Qabc\n");
}

TEST(QueryParser, DateForms) {
  for (const char* q : {"date:2025-02-01..2025-02-28", "date:2025..", "date:..2024", "date:2025-02",
                        "year:2025", "date:2025"}) {
    auto p = parse(q);
    EXPECT_TRUE(p.warnings.empty()) << q;
    EXPECT_NE(p.explanation.tree.find("VALUE_"), std::string::npos) << q << p.explanation.tree;
  }
  // A month is the whole month: 2025-02-01 (20120 days) .. 2025-02-28 (20147).
  Xapian::Query whole_month = parse("date:2025-02").query;
  Xapian::Query range = parse("date:2025-02-01..2025-02-28").query;
  EXPECT_EQ(whole_month.get_description(), range.get_description());
  EXPECT_EQ(parse("date:2025-02-01..2025-02-28").query.get_description(),
            Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::date_slot,
                          Xapian::sortable_serialise(20120), Xapian::sortable_serialise(20147))
                .get_description());
}

TEST(QueryParser, MalformedQueriesRecoverWithColumns) {
  struct Case {
    const char* query;
    std::size_t column;
    const char* message;
  } cases[] = {
      {"NATO \"defense spending", 6, "unbalanced quote"},
      {"(NATO OR Russia", 1, "unbalanced '('"},
      {"NATO)", 5, "unbalanced ')'"},
      {"NATO OR", 6, "OR needs something on its right"},
      {"colour:red frigate", 1, "unknown field 'colour'"},
      {"frigate date:2025-13-45", 14, "bad date"},
  };
  for (const auto& c : cases) {
    auto p = parse(c.query);
    ASSERT_FALSE(p.warnings.empty()) << c.query;
    EXPECT_EQ(p.warnings[0].column, c.column) << c.query;
    EXPECT_NE(p.warnings[0].message.find(c.message), std::string::npos)
        << c.query << ": " << p.warnings[0].message;
    EXPECT_FALSE(p.query.empty()) << c.query << ": the words are still searched";
    QueryParserOptions strict;
    strict.strict = true;
    try {
      parse(c.query, strict);
      ADD_FAILURE() << c.query << " should throw in strict mode";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), Error::Code::query_syntax);
      EXPECT_EQ(e.where().column, c.column);
      EXPECT_NE(e.message().find("at column " + std::to_string(c.column)), std::string::npos)
          << e.message();
    }
  }
}

TEST(QueryParser, SyntaxOffTreatsEverythingAsText) {
  QueryParserOptions off;
  off.syntax = false;
  auto p = parse("frigate OR title:shipyard -cable", off);
  EXPECT_TRUE(p.warnings.empty());
  std::string t = p.explanation.tree;
  EXPECT_TRUE(has_line(t, "  shipyard")) << t;
  EXPECT_TRUE(has_line(t, "  cabl")) << t << ": '-cable' is a word, not an exclusion";
  EXPECT_EQ(t.find("Sshipyard"), std::string::npos) << t;
}

TEST(QueryParser, ExplanationListsTheTermsOfEachWord) {
  auto p = parse("Ukraine’s \"defense spending\" -Russia source:x");
  const auto& w = p.explanation.words;
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].column, 1u);
  EXPECT_EQ(w[0].terms, std::vector<std::string>{"ukrain"});
  EXPECT_EQ(w[1].note, "phrase");
  EXPECT_NE(std::find(w[2].terms.begin(), w[2].terms.end(), "russia"), w[2].terms.end());
  EXPECT_NE(w[2].note.find("excluded"), std::string::npos);
  EXPECT_EQ(w[3].field, "source");
  EXPECT_EQ(w[3].terms, std::vector<std::string>{"XSx"});
}

TEST(QueryParser, PositiveWordsAreRecordedForSpelling) {
  auto p = parse("Ukrane -Russia");
  ASSERT_EQ(p.words.size(), 1u);
  EXPECT_EQ(p.words[0].folded, "ukrane");
  EXPECT_EQ(p.words[0].begin, 0u);
  EXPECT_EQ(p.words[0].end, 6u);
  EXPECT_EQ(p.highlight.count("russia"), 0u);
}

// An entity's other name that analyzes like the text itself is not a second alternative: it would
// count the same matches twice ("interest rate" is an other name of "interest rates").
TEST(QueryParser, AnOtherNameLikeTheTextIsNotRepeated) {
  QueryParserOptions o;
  o.explain = true;
  EXPECT_EQ(tree("\"interest rates\"", o),
            "SYNONYM\n  PHRASE\n    interest\n    rate\n  PHRASE\n    borrow\n    cost\n");
}

// Nor is a longer other name that holds a one-word text ("Labour Party" for "Labour"): it matches
// only articles the word matches, and its positions would be checked in every article with both
// words. Other names without the word still widen the match.
TEST(QueryParser, AnOtherNameHoldingTheOneWordTextIsLeftOut) {
  QueryParserOptions o;
  o.explain = true;
  EXPECT_EQ(tree("Labour", o), "labor\n");
  EXPECT_EQ(tree("NATO", o),
            "SYNONYM\n  nato\n  PHRASE\n    north\n    atlant\n    treati\n    organ\n");
  // Within a phrase the longer name is still an alternative: its words need not sit where the
  // phrase's do.
  const std::string near = tree("Labour NEAR/3 Blair", o);
  EXPECT_NE(near.find("parti"), std::string::npos) << near;
}

} // namespace
} // namespace newsdex::detail
