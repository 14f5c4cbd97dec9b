// A query fuzzer that runs what it parses (issue 20): random queries assembled from the query
// language's own pieces, each executed against the sample collection, leniently and strictly.
// Parsing alone never saw the aborts that Xapian raises at match time, so every query is run.
//
// CI replays a fixed-seed slice; a longer run:
//   NEWSDEX_QUERY_FUZZ_COUNT=100000 NEWSDEX_QUERY_FUZZ_SEED=7
//   build/tests/newsdex_unit_tests --gtest_filter='QueryFuzz.*'  (both on one line)
#include "unit/sample_collection.hpp"

#include <newsdex/error.hpp>
#include <newsdex/searcher.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace newsdex {
namespace {

using QueryFuzz = test::SampleCollection;

std::size_t env_number(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  return static_cast<std::size_t>(std::strtoull(v, nullptr, 10));
}

// The pieces: every kind of word the query side expands, every operator and field, and the
// malformed bits users type.
const std::vector<std::string>& pieces() {
  static const std::vector<std::string> p = {"NATO",
                                             "Ukraine",
                                             "U.S.",
                                             "US",
                                             "\"United States\"",
                                             "defence",
                                             "defense",
                                             "shipyar*",
                                             "def*",
                                             "a*",
                                             "Украины",
                                             "航母",
                                             "北约",
                                             "Hegseth",
                                             "\"Pete Hegseth\"",
                                             "the",
                                             "of",
                                             "5%",
                                             "pre-2014",
                                             "Kyiv",
                                             "Denmark",
                                             "drone",
                                             "Ukraine’s",
                                             "AND",
                                             "OR",
                                             "NOT",
                                             "NEAR",
                                             "NEAR/0",
                                             "NEAR/3",
                                             "NEAR/",
                                             "NEAR/99999999999999999999",
                                             "ADJ",
                                             "ADJ/2",
                                             "ADJ/0",
                                             "+",
                                             "-",
                                             "(",
                                             ")",
                                             "\"",
                                             "title:",
                                             "entity:",
                                             "source:",
                                             "date:2025-02",
                                             "date:..2025",
                                             "date:x",
                                             "id:",
                                             "lang:en",
                                             "year:2025",
                                             "*",
                                             ":",
                                             "/",
                                             "title:NATO",
                                             "entity:NATO",
                                             "entity:\"Mark Rutte\"",
                                             "source:\"Harbour Post\"",
                                             "\"Bank of England\"",
                                             "\"to be or not\"",
                                             "\xff",
                                             "\xe2\x80",
                                             "colour:red",
                                             "NEAR/5",
                                             "\"NATO shipyar*\"",
                                             "title:\"peace talks\""};
  return p;
}

std::string random_query(std::mt19937& rng) {
  const auto& p = pieces();
  std::uniform_int_distribution<std::size_t> length(1, 8), pick(0, p.size() - 1);
  std::uniform_int_distribution<int> glue(0, 9);
  std::string q;
  for (std::size_t n = length(rng); n > 0; --n) {
    if (!q.empty()) q += glue(rng) == 0 ? "" : " "; // sometimes glued to the last piece
    q += p[pick(rng)];
  }
  return q;
}

TEST_F(QueryFuzz, RandomQueriesRunWithoutAnEscapingError) {
  const std::size_t count = env_number("NEWSDEX_QUERY_FUZZ_COUNT", 1500);
  std::mt19937 rng(static_cast<unsigned>(env_number("NEWSDEX_QUERY_FUZZ_SEED", 20261203)));
  std::uniform_int_distribution<int> coin(0, 3);
  Searcher searcher(db());
  std::size_t strict_refusals = 0, with_hits = 0;
  for (std::size_t i = 0; i < count; ++i) {
    SearchRequest r;
    r.query = random_query(rng);
    r.limit = 5;
    r.match = coin(rng) == 0 ? MatchMode::all : MatchMode::any;
    r.explain = coin(rng) == 0;
    r.collapse = coin(rng) == 0;
    r.expand = coin(rng) == 0;
    if (coin(rng) == 0) r.facets = {FacetKind::source, FacetKind::entity};
    try {
      with_hits += searcher.search(r).hits.empty() ? 0 : 1;
    } catch (const Error& e) {
      ADD_FAILURE() << "lenient search threw (" << e.what() << ") for query #" << i << ": "
                    << r.query;
    } catch (...) {
      ADD_FAILURE() << "lenient search threw a non-newsdex exception for query #" << i << ": "
                    << r.query;
    }
    r.strict = true;
    try {
      searcher.search(r);
    } catch (const Error& e) {
      if (e.code() == Error::Code::query_syntax && e.where().column > 0)
        ++strict_refusals;
      else
        ADD_FAILURE() << "strict search threw (" << e.what() << ") for query #" << i << ": "
                      << r.query;
    } catch (...) {
      ADD_FAILURE() << "strict search threw a non-newsdex exception for query #" << i << ": "
                    << r.query;
    }
  }
  // The generator reaches both sides: queries that find articles and malformed ones.
  EXPECT_GT(with_hits, count / 10);
  EXPECT_GT(strict_refusals, count / 10);
  RecordProperty("queries", static_cast<int>(count));
  RecordProperty("with_hits", static_cast<int>(with_hits));
  RecordProperty("strict_refusals", static_cast<int>(strict_refusals));
}

// Queries far past every limit (issue 15): thousands of pieces, runs of '(' and ')' thousands
// deep, phrases of hundreds of words. Each is bounded (QueryLimits), so each runs leniently with
// a warning or fails strictly naming a column; none crashes, none escapes as another exception.
TEST_F(QueryFuzz, HugeAndDeepQueriesStayWithinTheLimits) {
  const std::size_t count = env_number("NEWSDEX_QUERY_FUZZ_HUGE_COUNT", 40);
  std::mt19937 rng(static_cast<unsigned>(env_number("NEWSDEX_QUERY_FUZZ_SEED", 20261203)));
  const auto& p = pieces();
  std::uniform_int_distribution<std::size_t> length(200, 12000), pick(0, p.size() - 1);
  std::uniform_int_distribution<int> kind(0, 9), run(1, 5000);
  Searcher searcher(db());
  std::size_t warned = 0;
  for (std::size_t i = 0; i < count; ++i) {
    std::string q;
    for (std::size_t n = length(rng); n > 0 && q.size() < 100000; --n) {
      const int k = kind(rng);
      if (k == 0)
        q += std::string(static_cast<std::size_t>(run(rng)), '(');
      else if (k == 1)
        q += std::string(static_cast<std::size_t>(run(rng)), ')');
      else
        q += p[pick(rng)] + " ";
    }
    SearchRequest r;
    r.query = q;
    r.limit = 5;
    r.explain = kind(rng) == 0;
    try {
      warned += searcher.search(r).warnings.empty() ? 0 : 1;
    } catch (...) {
      ADD_FAILURE() << "lenient search threw for huge query #" << i;
    }
    r.strict = true;
    try {
      searcher.search(r);
    } catch (const Error& e) {
      if (e.code() != Error::Code::query_syntax || e.where().column == 0)
        ADD_FAILURE() << "strict search threw (" << e.what() << ") for huge query #" << i;
    } catch (...) {
      ADD_FAILURE() << "strict search threw a non-newsdex exception for huge query #" << i;
    }
  }
  EXPECT_EQ(warned, count); // every one is past a limit or malformed
}

} // namespace
} // namespace newsdex
