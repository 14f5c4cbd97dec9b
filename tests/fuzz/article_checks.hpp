// Properties every article a reader produces must have, whatever the input: valid UTF-8 in every
// field (ingestion never stores other bytes), an id, and a JSON Lines record (`newsdex export`)
// that reads back into the same article.
#pragma once

#include "fuzz/check.hpp"
#include "ingest/charset.hpp"
#include "ingest/json_article.hpp"

#include <newsdex/article.hpp>
#include <newsdex/reader.hpp>

#include <string>
#include <utility>
#include <vector>

namespace newsdex::fuzz {

inline void check_article(const Article& a) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"id", &a.id},         {"title", &a.title}, {"body", &a.body},         {"date", &a.date},
      {"source", &a.source}, {"url", &a.url},     {"language", &a.language}, {"author", &a.author},
      {"place", &a.place}};
  for (const auto& [name, field] : fields)
    if (!detail::is_valid_utf8(*field))
      property_failed((std::string("invalid UTF-8 in the article's ") + name).c_str(), __FILE__,
                      __LINE__);
  for (const auto& heading : a.headings) NEWSDEX_FUZZ_CHECK(detail::is_valid_utf8(heading));
  NEWSDEX_FUZZ_CHECK(!a.id.empty());

  const std::string json = article_to_json(a);
  Article back;
  std::string error;
  std::size_t column = 0;
  NEWSDEX_FUZZ_CHECK(detail::parse_json_article(json, {}, back, error, column));
  NEWSDEX_FUZZ_CHECK(back.id == a.id && back.title == a.title && back.body == a.body &&
                     back.date == a.date && back.source == a.source && back.url == a.url &&
                     back.language == a.language && back.author == a.author &&
                     back.place == a.place && back.headings == a.headings);
}

/// parse_record on one record, then the checks on what it read.
inline void parse_and_check(const RawRecord& record) {
  Article article;
  InputProblem problem;
  std::vector<InputProblem> warnings;
  if (parse_record(record, article, problem, warnings)) check_article(article);
}

} // namespace newsdex::fuzz
