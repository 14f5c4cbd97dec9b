// What the entity tests ask of the recognizer: the names (and their types) found in a text, with
// the shipped tables.
#pragma once

#include "entities/recognizer.hpp"
#include "entities/tables.hpp"

#include <map>
#include <string>
#include <string_view>

namespace newsdex::test {

inline const detail::EntityTables& shipped_tables() {
  static auto t = detail::entity_tables({});
  return *t;
}

/// name -> type of every mention of `text` (its first `headline` bytes the headline).
inline std::map<std::string, detail::EntityType> names(std::string_view text,
                                                       std::size_t headline = 0) {
  std::map<std::string, detail::EntityType> out;
  for (const auto& m : detail::find_mentions(text, shipped_tables(), headline))
    out[m.name] = m.type;
  return out;
}

inline bool has(const std::map<std::string, detail::EntityType>& m, const std::string& name,
                detail::EntityType type) {
  auto it = m.find(name);
  return it != m.end() && it->second == type;
}

} // namespace newsdex::test
