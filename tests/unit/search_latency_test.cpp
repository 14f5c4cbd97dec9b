// What the query-latency work must not change: a hit's fields read from the one summary value
// (and from older databases' summaries), facet counts from the separate counting pass, and parsed
// queries with the searcher's cache and without the explanation.
#include "schema/stored_article.hpp"
#include "search/query_parser.hpp"

#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>

#include "sample_collection.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <map>
#include <random>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

TEST(StoredSummary, CarriesTheEntityNames) {
  Article a;
  a.id = "a1";
  a.title = "NATO summit";
  a.date = "2025-06-24";
  a.source = "Harbour Post";
  a.url = "https://example.org/a1";
  a.body = "not in the summary";
  detail::StoredSummary s = detail::decode_summary(detail::encode_summary(a, "NATO\nThe Hague"));
  EXPECT_TRUE(s.has_entities);
  EXPECT_EQ(s.id, "a1");
  EXPECT_EQ(s.title, "NATO summit");
  EXPECT_EQ(s.date, "2025-06-24");
  EXPECT_EQ(s.source, "Harbour Post");
  EXPECT_EQ(s.url, "https://example.org/a1");
  EXPECT_EQ(s.entities, (std::vector<std::string>{"NATO", "The Hague"}));

  s = detail::decode_summary(detail::encode_summary(a, ""));
  EXPECT_TRUE(s.has_entities);
  EXPECT_TRUE(s.entities.empty());
}

TEST(StoredSummary, ReadsTheOlderFormat) {
  // Before the entity names joined it, the summary was a stored article with the rest empty (and
  // before that there was none: the stored article itself is read then).
  Article a;
  a.id = "a1";
  a.title = "T";
  a.body = "B";
  detail::StoredSummary s = detail::decode_summary(detail::encode_stored_article(a));
  EXPECT_FALSE(s.has_entities);
  EXPECT_EQ(s.id, "a1");
  EXPECT_EQ(s.title, "T");
}

TEST(StoredSummary, RejectsGarbage) {
  for (std::string bad : {std::string("\x07xyz"),
                          std::string("\x02\x05"
                                      "ab"),
                          std::string()}) {
    try {
      detail::decode_summary(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), Error::Code::database_corrupt);
    }
  }
}

TEST(QueryParserCache, SameQueriesWithAndWithoutIt) {
  Analyzer analyzer;
  detail::QueryCache cache;
  for (const std::string q :
       {"NATO \"defense spending\" -Russia", "United States budget", "\"United States\" NATO",
        "Organisation for Economic Co-operation and Development", "entity:nato frigate"}) {
    detail::QueryParserOptions plain;
    const std::string expected = detail::parse_query(q, analyzer, plain).query.serialise();
    detail::QueryParserOptions cached;
    cached.cache = &cache;
    cached.explain = false;
    for (int round = 0; round < 2; ++round) { // the second round reads the cache
      detail::ParsedQuery p = detail::parse_query(q, analyzer, cached);
      EXPECT_EQ(p.query.serialise(), expected) << q;
      EXPECT_TRUE(p.explanation.tree.empty());
      EXPECT_TRUE(p.explanation.words.empty());
    }
  }
  EXPECT_FALSE(cache.names.empty());
}

class SearchLatencyTest : public test::SampleCollection {
protected:
  // The counts of one slot over every match of `query`, counted in a single weighted pass (how
  // facets were counted before the separate counting pass).
  static std::map<std::string, Xapian::doccount>
  reference_counts(const std::string& query, Xapian::valueno slot, Xapian::doccount* total) {
    Xapian::Database xdb(db());
    Analyzer analyzer;
    Xapian::Enquire enquire(xdb);
    enquire.set_query(detail::parse_query(query, analyzer, {}).query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.8, 0, 1, 0.5, 0.5));
    Xapian::ValueCountMatchSpy spy(slot);
    enquire.add_matchspy(&spy);
    Xapian::MSet mset = enquire.get_mset(0, 10, xdb.get_doccount());
    *total = mset.get_matches_estimated();
    std::map<std::string, Xapian::doccount> out;
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) out[*v] = v.get_termfreq();
    return out;
  }
};

TEST_F(SearchLatencyTest, FacetCountsAreTheWholeMatchingSet) {
  Searcher s(db());
  // Phrases beside plain words, entity aliases (synonyms of phrases), required and excluded
  // words, a filter, NEAR: each shape the counting query rewrites.
  for (const std::string q :
       {"NATO \"defense spending\" -Russia", "\"defence spending\" budget", "+spending NATO",
        "United States shipyards", "source:\"harbour post\" summit", "budget NEAR/5 defence aid",
        "(spending OR \"power bills\") AND Europe", "frigate", "Hague summit"}) {
    SearchRequest r{.query = q};
    r.facets = {FacetKind::source, FacetKind::year, FacetKind::month};
    r.facet_limit = 1000;
    SearchResults with = s.search(r);
    SearchRequest plain{.query = q};
    SearchResults without = s.search(plain);
    ASSERT_EQ(with.hits.size(), without.hits.size()) << q;
    for (std::size_t i = 0; i < with.hits.size(); ++i) {
      EXPECT_EQ(with.hits[i].id, without.hits[i].id) << q;
      EXPECT_EQ(with.hits[i].score, without.hits[i].score) << q;
    }
    const std::pair<FacetKind, Xapian::valueno> slots[] = {{FacetKind::source, schema::source_slot},
                                                           {FacetKind::year, schema::year_slot},
                                                           {FacetKind::month, schema::month_slot}};
    for (std::size_t f = 0; f < 3; ++f) {
      Xapian::doccount total = 0;
      auto expected = reference_counts(q, slots[f].second, &total);
      EXPECT_EQ(with.total_estimate, total) << q;
      std::map<std::string, Xapian::doccount> got;
      for (const auto& v : with.facets[f].values) got[v.value] = v.count;
      EXPECT_EQ(got, expected) << q << " facet " << to_string(slots[f].first);
    }
  }
}

TEST_F(SearchLatencyTest, HitEntitiesComeFromTheSummary) {
  Searcher s(db());
  SearchRequest r{.query = "NATO spending budget", .limit = 20};
  SearchResults res = s.search(r);
  ASSERT_FALSE(res.hits.empty());
  Xapian::Database xdb(db());
  bool some = false;
  for (const auto& h : res.hits) {
    auto p = xdb.postlist_begin(schema::id_term(h.id));
    ASSERT_NE(p, xdb.postlist_end(schema::id_term(h.id)));
    std::string names = xdb.get_document(*p).get_value(schema::entities_slot);
    std::string joined;
    for (const auto& e : h.entities) joined += (joined.empty() ? "" : "\n") + e;
    EXPECT_EQ(joined, names) << h.id;
    some = some || !h.entities.empty();
  }
  EXPECT_TRUE(some);
}

TEST_F(SearchLatencyTest, ReadsSummariesWrittenBeforeTheEntityNames) {
  const fs::path old = dir() / "old";
  fs::create_directories(old);
  {
    Xapian::WritableDatabase w((old / "glass").string(), Xapian::DB_CREATE);
    Xapian::Database xdb(db());
    for (auto it = xdb.postlist_begin(""); it != xdb.postlist_end(""); ++it) {
      Xapian::Document doc = xdb.get_document(*it);
      Article a = detail::decode_stored_article(doc.get_data());
      Article summary;
      summary.id = a.id;
      summary.title = a.title;
      summary.date = a.date;
      summary.source = a.source;
      summary.url = a.url;
      doc.add_value(schema::summary_slot, detail::encode_stored_article(summary));
      w.replace_document(*it, doc);
    }
    for (auto k = xdb.metadata_keys_begin(); k != xdb.metadata_keys_end(); ++k)
      w.set_metadata(*k, xdb.get_metadata(*k));
    w.commit();
  }
  Searcher now(db()), before((old / "glass").string());
  SearchRequest r{.query = "NATO spending budget", .limit = 20};
  SearchResults a = now.search(r), b = before.search(r);
  ASSERT_EQ(a.hits.size(), b.hits.size());
  ASSERT_FALSE(a.hits.empty());
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    EXPECT_EQ(a.hits[i].id, b.hits[i].id);
    EXPECT_EQ(a.hits[i].title, b.hits[i].title);
    EXPECT_EQ(a.hits[i].url, b.hits[i].url);
    EXPECT_EQ(a.hits[i].entities, b.hits[i].entities);
  }
}

} // namespace
} // namespace newsdex
