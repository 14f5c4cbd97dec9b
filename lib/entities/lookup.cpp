// Query-side look-ups in the entity tables: a name's canonical form and type, the XE term of
// `entity:VALUE`, and the other names of an entity a query names.
#include "entities/recognizer.hpp"

#include "common/ascii.hpp"
#include "entities/keys.hpp"
#include "entities/tables.hpp"

#include <algorithm>

namespace newsdex::detail {

using entities::has_lower;
using entities::has_upper;
using entities::key_of;
using entities::trim;

const KnownName* lookup_name(const EntityTables& t, std::string_view name) {
  auto it = t.names.find(key_of(name));
  if (it == t.names.end()) return nullptr;
  if (it->second.caps_required && has_lower(name)) return nullptr; // "Who" is not WHO
  return &it->second.name;
}

EntityType type_of_name(const EntityTables& t, std::string_view name) {
  if (const KnownName* k = lookup_name(t, name)) return k->type;
  std::string key = key_of(name);
  if (key.empty()) return EntityType::unknown;
  std::vector<std::string> parts;
  std::size_t s = 0;
  while (s <= key.size()) {
    std::size_t e = key.find(' ', s);
    if (e == std::string::npos) e = key.size();
    parts.push_back(key.substr(s, e - s));
    s = e + 1;
  }
  if (parts.size() > 1 && t.org_suffix.count(parts.back())) return EntityType::organization;
  if (parts.size() == 1 && t.org_words.count(parts[0])) return EntityType::organization;
  if (parts.size() > 1 && t.place_suffix.count(parts.back())) return EntityType::place;
  if (parts.size() > 1 && t.given.count(parts[0])) return EntityType::person;
  if (parts.size() == 1 && has_upper(name) && !has_lower(name) && name.size() <= 5)
    return t.not_org_acronym.count(parts[0]) ? EntityType::other : EntityType::organization;
  return EntityType::unknown;
}

std::string entity_term(const EntityTables& t, std::string_view value) {
  // The query side lower-cases ASCII only, as document_builder does for the stored term.
  // entity:us is an explicit request for an entity: no capitals needed for an acronym here.
  if (auto it = t.names.find(key_of(value)); it != t.names.end())
    return lower_ascii(it->second.name.canonical);
  // Also what the recognizer makes of a written form (U.N. -> UN).
  std::string v(trim(value));
  // "U.N."-style: single letters and dots (what the recognizer writes undotted)
  bool dotted_acronym = v.size() >= 2 && v.find('.') != std::string::npos;
  for (std::size_t i = 0; i < v.size(); ++i) {
    bool letter = (v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z');
    if (!letter && v[i] != '.') dotted_acronym = false;
    if (letter && i + 1 < v.size() && v[i + 1] != '.') dotted_acronym = false;
  }
  if (dotted_acronym) v.erase(std::remove(v.begin(), v.end(), '.'), v.end());
  return lower_ascii(v);
}

std::vector<std::string> entity_other_names(const EntityTables& t, std::string_view text) {
  const KnownName* k = lookup_name(t, text);
  if (!k) return {};
  // A lone lower-case word is a common word ("turkey", "fed", "labour") unless the table writes
  // it in lower case too (a topic).
  if (!has_upper(text) && text.find(' ') == std::string_view::npos && has_upper(k->canonical))
    return {};
  auto it = t.canonical_index.find(key_of(k->canonical));
  if (it == t.canonical_index.end()) return {};
  std::vector<std::string> out;
  std::string mine = key_of(text);
  for (const auto& name : t.aliases[it->second])
    if (key_of(name) != mine) out.push_back(name);
  return out;
}

} // namespace newsdex::detail
