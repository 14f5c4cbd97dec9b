// Fuzz body: the query language (lib/query/), lenient and strict, with the request's options
// drawn from the input, and each parsed query run on a small database so that a query Xapian
// rejects at match time counts as a failure too. A parse returns or throws newsdex::Error.
#pragma once

#include "fuzz/check.hpp"
#include "fuzz/data_provider.hpp"
#include "query/query_description.hpp"
#include "query/query_parser.hpp"

#include <newsdex/analyzer.hpp>
#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include <xapian.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex::fuzz {

namespace query_detail {

// A few articles written for the fuzzer, with the terms newsdex indexes (analyzed words with
// positions, title words, source, date and language terms), so that wildcards, NEAR/ADJ, phrases
// and field queries match something. Built here rather than by lib/index, whose internals a
// parser fuzzer need not follow.
inline const Xapian::Database& database() {
  static const Xapian::Database db = [] {
    Xapian::WritableDatabase w(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Analyzer analyzer;
    const auto add = [&](const char* title, const char* body, const char* date,
                         const char* source) {
      Xapian::Document doc;
      const auto index = [&](std::string_view text, std::uint32_t first, bool title_words) {
        return analyzer.analyze(
            text,
            [&](const Token& t) {
              if (t.stopword) return;
              doc.add_posting(std::string(t.term), t.position + 1);
              if (title_words)
                doc.add_posting(std::string(schema::title_prefix) + std::string(t.term),
                                t.position + 1);
            },
            first);
      };
      index(body, index(title, 0, true) + 100, false);
      const std::string day(date);
      doc.add_boolean_term(std::string(schema::year_prefix) + day.substr(0, 4));
      doc.add_boolean_term(std::string(schema::month_prefix) + day.substr(0, 4) + day.substr(5, 2));
      doc.add_boolean_term(std::string(schema::day_prefix) + day.substr(0, 4) + day.substr(5, 2) +
                           day.substr(8, 2));
      doc.add_boolean_term(std::string(schema::source_prefix) + source);
      doc.add_boolean_term(std::string(schema::language_prefix) + "en");
      w.add_document(doc);
    };
    add("Harbour cranes idle as dock strike enters third week",
        "Dock workers in the port city kept the cranes idle on Tuesday. The union said talks "
        "with the shipping companies had stalled over pay and pensions.",
        "2024-03-12", "example wire");
    add("U.S. and EU agree on steel tariff truce",
        "Trade officials from the U.S. and the European Union agreed to suspend tariffs on "
        "steel and aluminium for two years while negotiators work on a wider deal.",
        "2023-11-02", "sample times");
    add("Flood defences hold after record rainfall",
        "River levels peaked overnight but the new flood defences held, the environment agency "
        "said; about 3.5% of farmland upstream was under water.",
        "2022-01-20", "example wire");
    w.commit();
    return Xapian::Database(w);
  }();
  return db;
}

} // namespace query_detail

inline int query_parser(const std::uint8_t* data, std::size_t size) {
  static Analyzer analyzer;
  FuzzedDataProvider in(data, size);
  detail::QueryParserOptions options;
  options.strict = in.ConsumeBool();
  options.syntax = in.ConsumeIntegralInRange(0, 7) != 0; // mostly the query language
  options.match = in.ConsumeBool() ? MatchMode::all : MatchMode::any;
  options.explain = in.ConsumeBool();
  if (in.ConsumeIntegralInRange(0, 3) == 0) { // now and then, tight limits: the lenient paths
    QueryLimits& l = options.limits;
    l.max_length = in.ConsumeIntegralInRange<std::size_t>(0, 512);
    l.max_depth = in.ConsumeIntegralInRange<std::size_t>(0, 8);
    l.max_terms = in.ConsumeIntegralInRange<std::size_t>(0, 32);
    l.max_wildcards = in.ConsumeIntegralInRange<std::size_t>(0, 4);
    l.max_wildcard_terms = in.ConsumeIntegralInRange<std::size_t>(0, 200);
    l.max_window = in.ConsumeIntegralInRange<std::size_t>(0, 64);
    l.max_positional_combinations = in.ConsumeIntegralInRange<std::size_t>(0, 64);
  }
  const bool with_database = in.ConsumeBool();
  if (with_database) options.database = &query_detail::database();
  // Ranked as Searcher::search ranks by default (the entity boost on) most of the time, with the
  // multi-word expressions now and then: both read the query again (query/entity_boost.hpp).
  const int ranking = in.ConsumeIntegralInRange(0, 3);
  options.entity_boost = ranking != 0;
  options.phrase_boost = ranking == 3;
  // As on a collection whose shards index the expressions (schema::expression_prefix).
  options.expression_terms = in.ConsumeBool();
  const std::string query = in.ConsumeRemainingBytesAsString();

  detail::ParsedQuery parsed;
  try {
    parsed = detail::parse_query(query, analyzer, options);
  } catch (const Error& e) {
    NEWSDEX_FUZZ_CHECK(e.code() == Error::Code::query_syntax || e.code() == Error::Code::usage);
    return 0;
  }
  for (const auto& w : parsed.warnings) NEWSDEX_FUZZ_CHECK(w.column <= query.size() + 1);
  for (const auto& w : parsed.words) NEWSDEX_FUZZ_CHECK(w.begin <= w.end && w.end <= query.size());
  (void)detail::describe_query(parsed.query);

  // What parses must run: a Xapian error here is a query the parser should not have built.
  try {
    Xapian::Enquire enquire(query_detail::database());
    enquire.set_query(parsed.query);
    (void)enquire.get_mset(0, 10);
  } catch (const Xapian::Error& e) {
    property_failed(("Xapian rejects the parsed query: " + e.get_description()).c_str(), __FILE__,
                    __LINE__);
  }
  return 0;
}

} // namespace newsdex::fuzz
