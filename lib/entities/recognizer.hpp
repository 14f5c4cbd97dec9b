// Named entities (people, organisations, places, other) found in text at index time: rules, data
// tables and the alias table, no model. See docs/ENTITIES.md for the rules.
#pragma once

#include <newsdex/article.hpp>
#include <newsdex/entities.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::detail {

using newsdex::EntityType;

struct Entity {
  std::string name; ///< canonical name ("NATO", "Pete Hegseth", "United States")
  EntityType type = EntityType::unknown;
  unsigned mentions = 0;
};

struct EntityTables;

/// The shipped entity tables (lib/data/entity-*.txt) plus the user's alias files, built once per
/// file list and shared. Throws Error(usage) for an unreadable or malformed file.
std::shared_ptr<const EntityTables> entity_tables(const std::vector<std::string>& alias_files);

/// Hash of every table entity recognition reads (shipped and user files); part of the analyzer
/// fingerprint, so index and query side canonicalize alike.
std::string entity_fingerprint(const std::vector<std::string>& alias_files);

/// A mention: `[begin, end)` bytes of the text (a possessive "’s" excluded), its type and
/// canonical name.
struct Mention {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  EntityType type = EntityType::unknown;
  std::string name;
};

/// Every mention in `text`, in text order. Lines ('\n') are the unit of layout: a line written in
/// capitals or in title case (a headline, a subheading) only yields names confirmed by the tables
/// or by the rest of the text. The first `headline_bytes` bytes are a headline whatever their case.
std::vector<Mention> find_mentions(std::string_view text, const EntityTables& tables,
                                   std::size_t headline_bytes = 0);

/// The distinct entities of an article (title as headline, then body), canonical names through
/// the alias table, most mentioned first.
std::vector<Entity> recognize_entities(const Article& article, const EntityTables& tables);
std::vector<Entity> recognize_entities(const Article& article,
                                       const std::vector<std::string>& alias_files = {});

/// A known name's canonical form and type, if `name` (any case, dots ignored; an acronym only when
/// `name` has capitals) is in the tables.
struct KnownName {
  std::string canonical;
  EntityType type = EntityType::unknown;
};
const KnownName* lookup_name(const EntityTables& tables, std::string_view name);

/// The type a canonical name suggests on its own (tables, given names, organisation words), for
/// names read back from an index where only the name is stored.
EntityType type_of_name(const EntityTables& tables, std::string_view name);

/// The XE term for `entity:VALUE`: the canonical name of VALUE when known, lower-cased.
std::string entity_term(const EntityTables& tables, std::string_view value);

/// The other names of the known entity that `text` (a query word or phrase) names, the canonical
/// name first; empty when `text` names no entity in the alias table.
std::vector<std::string> entity_other_names(const EntityTables& tables, std::string_view text);

} // namespace newsdex::detail
