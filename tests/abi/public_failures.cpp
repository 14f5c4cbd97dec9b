// error.hpp promises that the public functions throw newsdex::Error and nothing else. Linked
// against libnewsdex alone, this drives each public entry point into its failure paths (missing,
// damaged or locked collections, unwritable destinations, missing side files, refused requests)
// and fails on any other exception type, or on an Error with another code than the one expected.
//
//   newsdex-public-failures SCRATCH-DIR     (an empty directory; the program fills it)
#include <newsdex/newsdex.hpp>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using newsdex::Error;
using Code = Error::Code;

int failures = 0;

const char* name_of(Code c) {
  switch (c) {
  case Code::usage:
    return "usage";
  case Code::query_syntax:
    return "query_syntax";
  case Code::input:
    return "input";
  case Code::io:
    return "io";
  case Code::database_missing:
    return "database_missing";
  case Code::database_locked:
    return "database_locked";
  case Code::database_corrupt:
    return "database_corrupt";
  case Code::database_mismatch:
    return "database_mismatch";
  case Code::database:
    return "database";
  case Code::internal:
    return "internal";
  }
  return "?";
}

// Runs `call`: it may throw newsdex::Error with one of `expected` codes (any code when empty),
// or succeed when `may_succeed`; anything else is a failure of the error promise.
void expect(const std::string& what, const std::function<void()>& call, std::vector<Code> expected,
            bool may_succeed) {
  try {
    call();
    if (may_succeed) {
      std::printf("ok   %s: no error\n", what.c_str());
    } else {
      std::fprintf(stderr, "FAIL %s: no error\n", what.c_str());
      ++failures;
    }
  } catch (const Error& e) {
    bool fits = expected.empty();
    for (Code c : expected) fits = fits || e.code() == c;
    std::fprintf(fits ? stdout : stderr, "%s %s: Error(%s) %s\n", fits ? "ok  " : "FAIL",
                 what.c_str(), name_of(e.code()), e.what());
    if (!fits) ++failures;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "FAIL %s: escaped as %s: %s\n", what.c_str(), typeid(e).name(), e.what());
    ++failures;
  } catch (...) {
    std::fprintf(stderr, "FAIL %s: an exception of no known type escaped\n", what.c_str());
    ++failures;
  }
}

// `call` must throw newsdex::Error with one of `expected` codes (any code when empty).
void expect_error(const std::string& what, const std::function<void()>& call,
                  std::vector<Code> expected) {
  expect(what, call, std::move(expected), false);
}

// `call` may succeed or throw newsdex::Error, nothing else.
void expect_no_foreign_exception(const std::string& what, const std::function<void()>& call) {
  expect(what, call, {}, true);
}

void write(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s SCRATCH-DIR\n", argv[0]);
    return 2;
  }
  namespace fs = std::filesystem;
  const std::string dir = argv[1];
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string missing = dir + "/missing";
  const std::string plain = dir + "/plain-file";
  const std::string garbage = dir + "/garbage-stub";
  const std::string empty_dir = dir + "/empty-dir";
  const std::string under_file = plain + "/below";
  write(plain, "not a collection\n");
  write(garbage, "this is not\xff a stub\n\n\x01\x02");
  fs::create_directories(empty_dir);

  const std::vector<Code> not_there{Code::database_missing, Code::database_corrupt, Code::database};
  // Collections that do not exist, are a plain file, are garbage, or are an empty directory.
  for (const std::string& path : {missing, plain, garbage, empty_dir}) {
    const std::string at = " at " + path.substr(dir.size() + 1);
    expect_error(
        "Searcher" + at, [&] { newsdex::Searcher s(path); }, not_there);
    expect_error(
        "entity_stats" + at, [&] { newsdex::entity_stats(path, {}); }, not_there);
    expect_error(
        "related_entities" + at,
        [&] {
          newsdex::RelatedRequest r;
          r.entity = "NATO";
          newsdex::related_entities(path, r);
        },
        not_there);
    expect_error(
        "export_articles" + at,
        [&] { newsdex::export_articles(path, "", [](const newsdex::Article&) {}); }, not_there);
    expect_error(
        "backup" + at, [&] { newsdex::backup(path, dir + "/backup-of-nothing"); }, not_there);
    expect_error(
        "entity_graph" + at, [&] { newsdex::entity_graph(path, {}); }, not_there);
    expect_no_foreign_exception("recorded_analyzer_options" + at,
                                [&] { newsdex::recorded_analyzer_options(path); });
    expect_no_foreign_exception("check_collection" + at, [&] { newsdex::check_collection(path); });
  }
  expect_error("Indexer below a plain file", [&] { newsdex::Indexer i(under_file); },
               {Code::io, Code::database});
  expect_error("Indexer over a garbage stub", [&] { newsdex::Indexer i(garbage); }, {});
  newsdex::IndexOptions open_only;
  open_only.create = false;
  expect_error("Indexer without create", [&] { newsdex::Indexer i(missing, open_only); },
               {Code::database_missing});

  // Side files that are missing.
  newsdex::AnalyzerOptions no_variants;
  no_variants.variant_files = {missing};
  expect_error("Analyzer with a missing variant file", [&] { newsdex::Analyzer a(no_variants); },
               {Code::io, Code::usage, Code::input});
  newsdex::AnalyzerOptions no_stopwords;
  no_stopwords.stopword_files = {missing};
  expect_error("Analyzer with a missing stopword file", [&] { newsdex::Analyzer a(no_stopwords); },
               {Code::io, Code::usage, Code::input});
  newsdex::AnalyzerOptions no_aliases;
  no_aliases.entity_files = {missing};
  expect_error("Analyzer with a missing alias file", [&] { newsdex::Analyzer a(no_aliases); },
               {Code::io, Code::usage, Code::input});
  newsdex::AnalyzerOptions klingon;
  klingon.language = "tlh-nonsense";
  expect_error("Analyzer in an unknown language", [&] { newsdex::Analyzer a(klingon); },
               {Code::usage});
  expect_error("find_entities with a missing alias file",
               [&] { newsdex::find_entities("NATO met.", 0, {missing}); },
               {Code::io, Code::usage, Code::input});
  expect_no_foreign_exception("read_articles of a missing input", [&] {
    newsdex::read_articles(
        {missing}, {}, [](newsdex::Article&&) {}, [](const newsdex::InputProblem&) {});
  });

  // A real collection, then requests it refuses.
  const std::string db = dir + "/news.db";
  {
    newsdex::Indexer indexer(db);
    newsdex::Article a;
    a.id = "one";
    a.title = "Allies agree on defence spending";
    a.body = "NATO allies agreed on Tuesday to raise defence spending.";
    indexer.add(a);
    indexer.close();
  }
  expect_error("Indexer::add without an id",
               [&] {
                 newsdex::Indexer indexer(db);
                 indexer.add(newsdex::Article{});
               },
               {Code::input});
  expect_error("a second Indexer while the first holds the lock",
               [&] {
                 newsdex::Indexer first(db);
                 newsdex::Indexer second(db);
               },
               {Code::database_locked});
  expect_error("Indexer::remove_matching with nothing positive",
               [&] {
                 newsdex::Indexer indexer(db);
                 indexer.remove_matching("-sport");
               },
               {Code::usage});
  expect_error("search with a negative k1",
               [&] {
                 newsdex::Searcher s(db);
                 newsdex::SearchRequest r;
                 r.query = "NATO";
                 r.k1 = -1;
                 s.search(r);
               },
               {Code::usage});
  expect_no_foreign_exception("search with 100,000 opening parentheses", [&] {
    newsdex::Searcher s(db);
    newsdex::SearchRequest r;
    r.query = std::string(100000, '(') + "nato";
    s.search(r);
  });
  expect_error("strict search with an unbalanced quote",
               [&] {
                 newsdex::Searcher s(db);
                 newsdex::SearchRequest r;
                 r.query = "\"defence spending";
                 r.strict = true;
                 s.search(r);
               },
               {Code::query_syntax});
  expect_error("trend with a bucket limit of 1 over two years",
               [&] {
                 newsdex::Searcher s(db);
                 newsdex::TrendRequest r;
                 r.queries = {"NATO"};
                 r.bucket = newsdex::TrendBucket::day;
                 r.from = "2024-01-01";
                 r.to = "2025-12-31";
                 r.max_buckets = 1;
                 s.trend(r);
               },
               {Code::usage});
  expect_error("trend with an unbalanced quote, strict",
               [&] {
                 newsdex::Searcher s(db);
                 newsdex::TrendRequest r;
                 r.queries = {"\"defence spending"};
                 r.strict = true;
                 s.trend(r);
               },
               {Code::query_syntax});
  expect_error("entity_graph with a limit beyond its bound",
               [&] {
                 newsdex::EntityGraphRequest r;
                 r.limit = 1000000;
                 newsdex::entity_graph(db, r);
               },
               {Code::usage});
  expect_error("watch of a missing folder", [&] { newsdex::watch(db, {missing}, {}); },
               {Code::usage});
  expect_error("watch while another writer holds the lock",
               [&] {
                 newsdex::Indexer writer(db);
                 newsdex::watch(db, {empty_dir}, {});
               },
               {Code::database_locked});
  expect_error("backup into a destination below a plain file",
               [&] { newsdex::backup(db, under_file); }, {Code::io});
  expect_error("backup onto an existing destination", [&] { newsdex::backup(db, plain); },
               {Code::usage});

  // The caller's own exception, thrown by its callback, is theirs: it reaches them unchanged.
  try {
    newsdex::export_articles(
        db, "", [](const newsdex::Article&) { throw std::logic_error("the caller's own"); });
    std::fprintf(stderr, "FAIL export_articles: the sink's exception vanished\n");
    ++failures;
  } catch (const Error& e) {
    std::fprintf(stderr, "FAIL export_articles: the sink's exception became Error: %s\n", e.what());
    ++failures;
  } catch (const std::logic_error& e) {
    std::printf("ok   export_articles: the sink's own exception came back: %s\n", e.what());
  }

  if (failures) {
    std::fprintf(stderr, "%d public call(s) broke the error promise\n", failures);
    return 1;
  }
  std::printf("every public call kept the error promise\n");
  return 0;
}
