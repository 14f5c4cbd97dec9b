// What the query-latency work must not change: a hit's fields read from the one summary value
// (and from older databases' summaries), facet counts from the separate counting pass, and parsed
// queries with the searcher's cache and without the explanation.
#include "index/document_builder.hpp"
#include "query/query_parser.hpp"
#include "schema/article_dictionary.hpp"
#include "schema/stored_article.hpp"
#include "schema/stored_fields.hpp"

#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>

#include "sample_collection.hpp"

#include <gtest/gtest.h>
#include <xapian.h>
#include <zlib.h>

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

// A copy of the sample collection in schema version 1's layout: the stored article as the
// document data (no article_slot) and, with `old_summaries`, the summary in its first format.
fs::path write_version_1_copy(const std::string& from, const fs::path& to, bool old_summaries) {
  fs::create_directories(to);
  const fs::path glass = to / "glass";
  Xapian::WritableDatabase w(glass.string(), Xapian::DB_CREATE);
  Xapian::Database xdb(from);
  for (auto it = xdb.postlist_begin(""); it != xdb.postlist_end(""); ++it) {
    Xapian::Document doc = xdb.get_document(*it);
    EXPECT_FALSE(doc.get_value(schema::article_slot).empty());
    Article a = detail::stored_article(doc);
    EXPECT_FALSE(a.id.empty());
    EXPECT_FALSE(a.title.empty());
    doc.remove_value(schema::article_slot);
    doc.set_data(detail::encode_stored_article(a));
    // Version 1's content hash: of the whole stored article, its document data.
    doc.add_value(schema::hash_slot, detail::content_hash(doc.get_data()));
    if (old_summaries) {
      Article summary;
      summary.id = a.id;
      summary.title = a.title;
      summary.date = a.date;
      summary.source = a.source;
      summary.url = a.url;
      doc.add_value(schema::summary_slot, detail::encode_stored_article(summary));
    }
    w.replace_document(*it, doc);
  }
  for (auto k = xdb.metadata_keys_begin(); k != xdb.metadata_keys_end(); ++k)
    w.set_metadata(*k, xdb.get_metadata(*k));
  w.set_metadata(std::string(schema::meta_schema), "1");
  w.commit();
  return glass;
}

void expect_same_results(Searcher& now, Searcher& before, SearchRequest r) {
  SearchResults a = now.search(r), b = before.search(r);
  ASSERT_EQ(a.hits.size(), b.hits.size());
  ASSERT_FALSE(a.hits.empty());
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    EXPECT_EQ(a.hits[i].id, b.hits[i].id);
    EXPECT_EQ(a.hits[i].title, b.hits[i].title);
    EXPECT_EQ(a.hits[i].url, b.hits[i].url);
    EXPECT_EQ(a.hits[i].entities, b.hits[i].entities);
    EXPECT_EQ(a.hits[i].snippet, b.hits[i].snippet);
  }
}

TEST_F(SearchLatencyTest, ReadsSummariesWrittenBeforeTheEntityNames) {
  const fs::path old = write_version_1_copy(db(), dir() / "old", true);
  Searcher now(db()), before(old.string());
  expect_same_results(now, before, {.query = "NATO spending budget", .limit = 20});
}

TEST_F(SearchLatencyTest, ReadsSchemaVersion1) {
  const fs::path old = write_version_1_copy(db(), dir() / "v1", false);
  Searcher now(db()), before(old.string());
  EXPECT_EQ(before.stats().schema_version, 1);
  expect_same_results(now, before, {.query = "NATO spending budget", .limit = 20});
  expect_same_results(now, before,
                      {.query = "frigate OR shipyards", .limit = 20, .summaries = false});
  SearchResults some = now.search({.query = "NATO", .limit = 3});
  ASSERT_FALSE(some.hits.empty());
  for (const auto& h : some.hits) {
    auto a = now.article(h.id), b = before.article(h.id);
    ASSERT_TRUE(a && b) << h.id;
    EXPECT_EQ(a->id, h.id);
    EXPECT_EQ(a->body, b->body);
    EXPECT_EQ(a->title, b->title);
    EXPECT_EQ(a->date, b->date);
    EXPECT_EQ(a->source, b->source);
    EXPECT_EQ(a->url, b->url);
    EXPECT_EQ(a->author, b->author);
    EXPECT_FALSE(a->body.empty());
    EXPECT_FALSE(a->title.empty());
  }
}

TEST_F(SearchLatencyTest, IndexingIntoVersion1UpgradesItsRecord) {
  const fs::path old = write_version_1_copy(db(), dir() / "upgrade", false);
  std::optional<Article> stored =
      Searcher(old.string())
          .article(Searcher(db()).search({.query = "NATO", .limit = 1}).hits.at(0).id);
  ASSERT_TRUE(stored);
  {
    Indexer indexer(old.string());
    // The content hash is the same in both layouts: an article stored by version 1 is unchanged.
    EXPECT_FALSE(indexer.add(*stored));
    Article a;
    a.id = "new-layout";
    a.title = "Quayside ferry timetable";
    a.body = "The quayside ferry timetable changes in spring, the harbour office said.";
    indexer.add(a);
    indexer.commit();
  }
  Searcher s(old.string());
  EXPECT_EQ(s.stats().schema_version, schema::version);
  // Both layouts in one database: the new article and the old ones.
  for (const std::string q : {"quayside ferry timetable", "NATO spending"}) {
    SearchResults r = s.search({.query = q, .limit = 5});
    ASSERT_FALSE(r.hits.empty()) << q;
    SearchResults ids = s.search({.query = q, .limit = 5, .summaries = false});
    ASSERT_EQ(ids.hits.size(), r.hits.size()) << q;
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
      EXPECT_EQ(ids.hits[i].id, r.hits[i].id) << q;
      EXPECT_FALSE(r.hits[i].snippet.empty()) << q;
    }
  }
  EXPECT_EQ(s.search({.query = "quayside ferry timetable", .limit = 1}).hits.at(0).id,
            "new-layout");
}

TEST_F(SearchLatencyTest, SummariesOffReturnsTheSameRankingWithIdsOnly) {
  Searcher s(db());
  for (const std::string q : {"NATO \"defense spending\" -Russia", "Hague summit", "frigate"}) {
    SearchResults full = s.search({.query = q, .limit = 20});
    SearchResults ids = s.search({.query = q, .limit = 20, .summaries = false, .snippets = false});
    ASSERT_EQ(full.hits.size(), ids.hits.size()) << q;
    ASSERT_FALSE(full.hits.empty()) << q;
    EXPECT_EQ(full.total_estimate, ids.total_estimate) << q;
    for (std::size_t i = 0; i < full.hits.size(); ++i) {
      EXPECT_EQ(ids.hits[i].id, full.hits[i].id) << q;
      EXPECT_EQ(ids.hits[i].rank, full.hits[i].rank) << q;
      EXPECT_EQ(ids.hits[i].score, full.hits[i].score) << q;
      EXPECT_TRUE(ids.hits[i].title.empty() && ids.hits[i].source.empty() &&
                  ids.hits[i].entities.empty() && ids.hits[i].snippet.empty())
          << q;
    }
  }
  // Near-duplicates folded into a hit are named by id in both modes.
  SearchResults a = s.search({.query = "NATO", .limit = 20, .collapse = true});
  SearchRequest ids_only{.query = "NATO", .limit = 20, .collapse = true};
  ids_only.summaries = false;
  SearchResults b = s.search(ids_only);
  ASSERT_EQ(a.hits.size(), b.hits.size());
  for (std::size_t i = 0; i < a.hits.size(); ++i)
    EXPECT_EQ(a.hits[i].duplicates, b.hits[i].duplicates);
}

TEST(StoredArticle, PacksAndUnpacks) {
  Article a;
  a.id = "a1";
  a.title = "Ferry strike";
  a.body.clear();
  for (int i = 0; i < 200; ++i)
    a.body += "The ferry strike enters its " + std::to_string(i) + "th day. ";
  const std::string encoded = detail::encode_stored_article(a);
  const std::string packed = detail::pack_stored_article(encoded);
  EXPECT_LT(packed.size(), encoded.size() / 3) << "repetitive text compresses";
  EXPECT_EQ(detail::unpack_stored_article(packed), encoded);
  EXPECT_EQ(detail::decode_stored_article(detail::unpack_stored_article(packed)).body, a.body);

  // Too small or incompressible: kept as it is, and read the same way.
  Article tiny;
  tiny.id = "t";
  const std::string small = detail::encode_stored_article(tiny);
  EXPECT_EQ(detail::pack_stored_article(small), small);
  EXPECT_EQ(detail::unpack_stored_article(detail::pack_stored_article(small)), small);
  std::mt19937 rng(7);
  Article noise;
  for (int i = 0; i < 4000; ++i) noise.body += static_cast<char>(rng());
  const std::string raw = detail::encode_stored_article(noise);
  EXPECT_EQ(detail::unpack_stored_article(detail::pack_stored_article(raw)), raw);

  // Damage is a database error, never a crash or a short article.
  std::string cut = packed.substr(0, packed.size() / 2);
  EXPECT_THROW(detail::unpack_stored_article(cut), Error);
  std::string flipped = packed;
  flipped[packed.size() / 2] = static_cast<char>(flipped[packed.size() / 2] ^ 0x5a);
  try {
    std::string out = detail::unpack_stored_article(flipped);
    EXPECT_EQ(out.size(), encoded.size()); // a flip not detected still keeps the length
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::database_corrupt);
  }
}

TEST(StoredArticle, TheDictionaryHelpsShortArticles) {
  Article a;
  a.id = "wire-1";
  a.title = "Shipping company reports higher quarterly profit";
  a.date = "2025-03-04";
  a.source = "Harbour Post";
  a.body = "The shipping company said on Tuesday its profit for the first quarter rose to 12 "
           "million dollars, compared with a loss a year earlier, as freight rates recovered. "
           "Analysts had expected a smaller increase, a spokesman for the company told reporters.";
  const std::string encoded = detail::encode_stored_article(a);
  const std::string packed = detail::pack_stored_article(encoded);
  // zstd at level 1 keeps about two thirds of a text this short, with the dictionary 63 %.
  EXPECT_LT(packed.size(), encoded.size() * 70 / 100);
  EXPECT_EQ(detail::unpack_stored_article(packed), encoded);

  // Text the dictionary holds is found there: 300 bytes of different words, which compress to
  // nearly their own size alone, become a few references.
  Article quoted;
  quoted.id = "wire-2";
  quoted.body = std::string(detail::article_dictionary_v1.substr(400, 300));
  const std::string text = detail::encode_stored_article(quoted);
  const std::string small = detail::pack_stored_article(text);
  EXPECT_LT(small.size(), text.size() / 4);
  EXPECT_EQ(detail::unpack_stored_article(small), text);
}

// Schema version 2 deflated the stored article (format byte 5) where version 3 uses zstd (byte
// 6): collections written before are read as they are.
std::string deflated_v5(const std::string& encoded) {
  std::string out(1, '\x05');
  for (std::size_t n = encoded.size();; n >>= 7) {
    if (n < 0x80) {
      out += static_cast<char>(n);
      break;
    }
    out += static_cast<char>((n & 0x7f) | 0x80);
  }
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
  deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(detail::article_dictionary_v1.data()),
                       static_cast<uInt>(detail::article_dictionary_v1.size()));
  std::string body(encoded.size() + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(encoded.data()));
  z.avail_in = static_cast<uInt>(encoded.size());
  z.next_out = reinterpret_cast<Bytef*>(body.data());
  z.avail_out = static_cast<uInt>(body.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  body.resize(z.total_out);
  deflateEnd(&z);
  return out + body;
}

TEST(StoredArticle, ReadsTheDeflatedArticlesOfSchemaVersion2) {
  Article a;
  a.id = "old-1";
  a.body = "The harbour authority said on Monday that ferry traffic would resume next week, "
           "after the strike by port workers ended with an agreement on pay.";
  const std::string encoded = detail::encode_stored_article(a);
  const std::string old = deflated_v5(encoded);
  EXPECT_NE(old, detail::pack_stored_article(encoded)) << "newsdex writes zstd now";
  EXPECT_EQ(detail::unpack_stored_article(old), encoded);
  EXPECT_EQ(detail::decode_stored_article(detail::unpack_stored_article(old)).body, a.body);
  // A length deflate cannot have produced is damage, not a 4 GiB allocation.
  std::string lying = old;
  lying.replace(1, 1, "\xff\xff\xff\xff\x0f");
  EXPECT_THROW(detail::unpack_stored_article(lying), Error);
}

TEST(StoredArticle, AZstdLengthThatDisagreesWithItsFrameIsDamage) {
  Article a;
  a.id = "z";
  for (int i = 0; i < 50; ++i) a.body += "Grain exports rose again. ";
  const std::string packed = detail::pack_stored_article(detail::encode_stored_article(a));
  ASSERT_EQ(packed.front(), '\x06');
  for (const std::string& length : {std::string("\x01"), std::string("\xff\xff\xff\xff\x0f")}) {
    std::string lying = packed;
    std::size_t end = 1;
    while (static_cast<unsigned char>(lying[end]) & 0x80) ++end;
    lying.replace(1, end, length);
    try {
      detail::unpack_stored_article(lying);
      ADD_FAILURE() << "accepted a length of " << length.size() << " bytes";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), Error::Code::database_corrupt);
    }
  }
}

TEST(StoredArticle, DocumentDataIsTheId) {
  EXPECT_EQ(detail::decode_document_data(detail::encode_document_data("reuters-17")),
            std::optional<std::string>("reuters-17"));
  EXPECT_EQ(detail::decode_document_data(detail::encode_document_data("")),
            std::optional<std::string>(""));
  Article a;
  a.id = "x";
  EXPECT_FALSE(detail::decode_document_data(detail::encode_stored_article(a)));
  EXPECT_FALSE(detail::decode_document_data(""));
}

} // namespace
} // namespace newsdex
