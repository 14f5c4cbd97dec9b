// The parts a search is made of (lib/search: matching_set, facets, collapse, recency, suggestion),
// each on a small in-memory database, so a part can be checked without the query language or the
// analyzer.
#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include "search/collapse.hpp"
#include "search/facets.hpp"
#include "search/matching_set.hpp"
#include "search/recency.hpp"
#include "search/suggestion.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace newsdex::detail {
namespace {

using Q = Xapian::Query;

std::set<Xapian::docid> matches(const Xapian::Database& db, const Q& q) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  return {mset.begin(), mset.end()};
}

// Three positional texts: a phrase, its words apart, and neither.
Xapian::WritableDatabase texts() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const auto& words : std::vector<std::vector<std::string>>{
           {"peace", "talks", "resume"}, {"talks", "on", "peace"}, {"grain", "exports"}}) {
    Xapian::Document doc;
    Xapian::termpos pos = 0;
    for (const auto& w : words) doc.add_posting(w, ++pos);
    db.add_document(doc);
  }
  return db;
}

TEST(MatchingSet, MatchesWhatTheQueryMatches) {
  Xapian::WritableDatabase db = texts();
  const std::vector<std::string> phrase{"peace", "talks"};
  const Q ph(Q::OP_PHRASE, phrase.begin(), phrase.end());
  const std::vector<Q> queries{
      Q(Q::OP_AND_MAYBE, Q("peace"), Q("grain")),
      Q(Q::OP_OR, ph, Q("exports")),
      Q(Q::OP_OR, Q(Q::OP_SYNONYM, Q("peace"), Q("grain")), ph),
      Q(Q::OP_AND, Q("talks"), Q(Q::OP_OR, ph, ph)),
      Q(Q::OP_AND_NOT, Q(Q::OP_OR, Q("talks"), Q("grain")), ph),
      Q(Q::OP_FILTER, Q(Q::OP_SCALE_WEIGHT, Q("talks"), 2.0), Q("peace")),
  };
  for (const Q& q : queries)
    EXPECT_EQ(matches(db, matching_set_query(q)), matches(db, q)) << q.get_description();
}

TEST(MatchingSet, DropsWhatCannotChangeTheSet) {
  EXPECT_EQ(matching_set_query(Q(Q::OP_AND_MAYBE, Q("a"), Q("b"))).get_description(),
            Q("a").get_description());
  EXPECT_EQ(matching_set_query(Q(Q::OP_OR, Q("a"), Q("a"))).get_description(),
            Q("a").get_description());
  // A phrase is tried only where no plain alternative matches.
  const std::vector<std::string> phrase{"a", "b"};
  const Q ph(Q::OP_PHRASE, phrase.begin(), phrase.end());
  const std::vector<Q> plain{Q("c")};
  const Q others(Q::OP_OR, plain.begin(), plain.end());
  const Q expected(Q::OP_OR, Q("c"), Q(Q::OP_AND, ph, Q(Q::OP_AND_NOT, Q::MatchAll, others)));
  EXPECT_EQ(matching_set_query(Q(Q::OP_OR, ph, Q("c"))).get_description(),
            expected.get_description());
}

Xapian::Document article(const std::string& source, const std::string& month,
                         const std::string& entities) {
  Xapian::Document doc;
  doc.add_term("word");
  doc.add_value(schema::source_slot, source);
  doc.add_value(schema::month_slot, month);
  doc.add_value(schema::year_slot, month.substr(0, 4));
  if (!entities.empty()) doc.add_value(schema::entities_slot, entities);
  return doc;
}

std::vector<FacetValue> values_of(const FacetCounts& counts, FacetKind kind) {
  for (const auto& f : counts.facets)
    if (f.kind == kind) return f.values;
  return {};
}

TEST(Facets, CountEveryMatchMostFrequentFirst) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(article("Post", "2024-01", "NATO\nUkraine"));
  db.add_document(article("Herald", "2024-02", "NATO"));
  db.add_document(article("Post", "2025-03", ""));
  const std::vector<FacetKind> kinds{FacetKind::entity, FacetKind::source, FacetKind::year,
                                     FacetKind::month};
  FacetCounts counts = count_facets(db, Q("word"), kinds, 20);
  EXPECT_EQ(counts.matches, 3u);
  ASSERT_EQ(counts.facets.size(), 4u);
  EXPECT_EQ(counts.facets[0].kind, FacetKind::entity); // in the order requested
  EXPECT_EQ(values_of(counts, FacetKind::entity),
            (std::vector<FacetValue>{{"NATO", 2}, {"Ukraine", 1}}));
  EXPECT_EQ(values_of(counts, FacetKind::source),
            (std::vector<FacetValue>{{"Post", 2}, {"Herald", 1}}));
  EXPECT_EQ(values_of(counts, FacetKind::year),
            (std::vector<FacetValue>{{"2024", 2}, {"2025", 1}}));
  EXPECT_EQ(values_of(counts, FacetKind::month),
            (std::vector<FacetValue>{{"2024-01", 1}, {"2024-02", 1}, {"2025-03", 1}}));

  FacetCounts top = count_facets(db, Q("word"), {FacetKind::month}, 1);
  EXPECT_EQ(values_of(top, FacetKind::month), (std::vector<FacetValue>{{"2024-01", 1}}));
}

TEST(Facets, OneSourceEverywhereIsTheMatchCount) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(article("Post", "2024-01", ""));
  db.add_document(article("Post", "2024-02", ""));
  FacetCounts counts = count_facets(db, Q("word"), {FacetKind::source}, 20);
  EXPECT_EQ(values_of(counts, FacetKind::source), (std::vector<FacetValue>{{"Post", 2}}));
  EXPECT_TRUE(
      values_of(count_facets(db, Q("none"), {FacetKind::source}, 20), FacetKind::source).empty());
}

TEST(Collapse, FoldsIntoTheFirstCloseKeptHit) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* sig : {"f0", "f1", "", "0f", "f3", "0e"}) {
    Xapian::Document doc;
    doc.add_term("word");
    if (*sig) doc.add_value(schema::signature_slot, sig);
    db.add_document(doc);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Q("word"));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING); // rank order = document order
  Xapian::MSet mset = enquire.get_mset(0, 10);

  Collapsed c = collapse_near_duplicates(mset, 1);
  ASSERT_EQ(c.kept.size(), 4u); // f0 (f1), no signature, 0f (0e), f3
  EXPECT_EQ(c.folded, 2u);
  EXPECT_EQ(*c.kept[0].hit, 1u);
  ASSERT_EQ(c.kept[0].folded.size(), 1u);
  EXPECT_EQ(*c.kept[0].folded[0], 2u);
  EXPECT_EQ(*c.kept[1].hit, 3u); // without a signature: kept, folds nothing
  EXPECT_TRUE(c.kept[1].folded.empty());
  EXPECT_EQ(*c.kept[2].hit, 4u);
  ASSERT_EQ(c.kept[2].folded.size(), 1u);
  EXPECT_EQ(*c.kept[2].folded[0], 6u);
  EXPECT_EQ(*c.kept[3].hit, 5u); // two bits from f0: apart at distance 1

  EXPECT_EQ(collapse_near_duplicates(mset, 0).folded, 0u);
}

TEST(Collapse, ShortArticlesWithoutShinglesAreNeverFoldedTogether) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  // Three short articles (SimHash 0: no shingle) and a damaged value, then two real copies.
  for (const char* sig : {"0000000000000000", "0000000000000000", "0", "zz", "f0", "f0"}) {
    Xapian::Document doc;
    doc.add_term("word");
    doc.add_value(schema::signature_slot, sig);
    db.add_document(doc);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Q("word"));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Collapsed c = collapse_near_duplicates(enquire.get_mset(0, 10), 3);
  ASSERT_EQ(c.kept.size(), 5u);
  EXPECT_EQ(c.folded, 1u);
  for (std::size_t k = 0; k < 4; ++k) EXPECT_TRUE(c.kept[k].folded.empty()) << k;
  EXPECT_EQ(c.kept[4].folded.size(), 1u);
}

TEST(Recency, AddsAShareOfTheBestScoreHalvingWithAge) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (double day : {100.0, 40.0}) { // the newest first, then one two half-lives older
    Xapian::Document doc;
    doc.add_term("word");
    doc.add_value(schema::date_slot, Xapian::sortable_serialise(day));
    db.add_document(doc);
  }
  for (int i = 0; i < 8; ++i) { // undated, and without the word: "word" is then worth a weight
    Xapian::Document doc;
    doc.add_term("other");
    db.add_document(doc);
  }
  SearchRequest r;
  EXPECT_EQ(with_recency(db, Q("word"), r).get_description(), Q("word").get_description());

  r.recency_half_life_days = 30;
  r.recency_weight = 0.5;
  Xapian::Enquire enquire(db);
  enquire.set_query(with_recency(db, Q("word"), r));
  enquire.set_weighting_scheme(Xapian::BM25Weight(r.k1, 0, 1, r.b, 0.5));
  Xapian::MSet mset = enquire.get_mset(0, 10);
  ASSERT_EQ(mset.size(), 2u);
  const double base = mset[0].get_weight() / 1.5; // the two articles weigh alike without the boost
  EXPECT_EQ(*mset[0], 1u);
  EXPECT_NEAR(mset[1].get_weight(), base * (1 + 0.5 * 0.25), 1e-9);

  r.recency_reference = "not a date";
  EXPECT_THROW(with_recency(db, Q("word"), r), Error);
  r.recency_reference.clear();
  enquire.set_query(with_recency(db, Q("other"), r)); // undated: no boost
  Xapian::MSet undated = enquire.get_mset(0, 10);
  enquire.set_query(Q("other"));
  EXPECT_DOUBLE_EQ(undated[0].get_weight(), enquire.get_mset(0, 1)[0].get_weight());
}

TEST(Suggestion, KeepsTheCapitalsOfTheWordReplaced) {
  EXPECT_EQ(recase("Ukrane", "ukraine"), "Ukraine");
  EXPECT_EQ(recase("UKRANE", "ukraine"), "UKRAINE");
  EXPECT_EQ(recase("ukrane", "ukraine"), "ukraine");
  EXPECT_EQ(recase("I", "a"), "A"); // one capital: a capitalised word, not an acronym
  EXPECT_EQ(recase("2024", "2025"), "2025");
}

} // namespace
} // namespace newsdex::detail
