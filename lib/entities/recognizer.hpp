// Named entities (people, organisations, places, other) found in an article at index time.
#pragma once

#include <newsdex/article.hpp>

#include <string>
#include <vector>

namespace newsdex::detail {

enum class EntityType { unknown, person, organization, place, other };

struct Entity {
  std::string name; ///< canonical name ("NATO", "Pete Hegseth", "United States")
  EntityType type = EntityType::unknown;
  unsigned mentions = 0;
};

/// The distinct entities of an article, canonical names through the alias table.
std::vector<Entity> recognize_entities(const Article& article);

} // namespace newsdex::detail
