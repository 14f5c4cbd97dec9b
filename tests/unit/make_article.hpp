// An article from its id, title and body, for tests that build small collections: Article has
// no default member initializers, so designated initializers would warn for every other field.
#pragma once

#include <newsdex/article.hpp>

#include <string>
#include <utility>

namespace newsdex::test {

inline Article make_article(std::string id, std::string title, std::string body) {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  return a;
}

} // namespace newsdex::test
