// article_to_json: the inverse of the JSON reader (json_article.cpp) for newsdex's own field
// names, so an export indexes back into the same articles.
#include <newsdex/reader.hpp>

#include <nlohmann/json.hpp>

namespace newsdex {

std::string article_to_json(const Article& a) {
  nlohmann::ordered_json j;
  j["id"] = a.id;
  j["title"] = a.title;
  j["date"] = a.date;
  j["source"] = a.source;
  j["url"] = a.url;
  j["lang"] = a.language;
  j["author"] = a.author;
  j["place"] = a.place;
  j["headings"] = a.headings;
  j["body"] = a.body;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace newsdex
