/// \file
/// Named entities: recognition in text, and entity statistics over a collection.
/// See docs/ENTITIES.md for the rules, the alias table and its extension files.
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/export.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// What kind of thing an entity names, decided from the shipped tables and the name's form
/// (docs/ENTITIES.md, "Types").
enum class EntityType : std::uint8_t {
  unknown,      ///< no rule applies: an honest answer, not an error
  person,       ///< "Pete Hegseth", "Mr Starmer"
  organization, ///< "NATO", "Ministry of Defence", "Reuters"
  place,        ///< countries, cities, regions: "Ukraine", "Brussels"
  other         ///< nationalities, languages, religions, events, laws: "Ukrainian", "World Cup"
};

/// "unknown", "person", "organization", "place", "other".
NEWSDEX_EXPORT std::string_view entity_type_name(EntityType type);

/// One mention found in a text.
struct EntityMention {
  std::size_t begin = 0; ///< byte offset of the first byte of the mention
  std::size_t end = 0;   ///< one past its last byte (a possessive "’s" is not part of it)
  EntityType type = EntityType::unknown; ///< the type the name has in this text
  std::string name;                      ///< canonical name ("United States" for "U.S.")
};

/// The mentions the indexer's recognizer finds in `text` (lines separated by '\n'; the first
/// `headline_bytes` bytes are read as a headline). `alias_files` are the user's alias files, as
/// given to AnalyzerOptions::entity_files.
NEWSDEX_EXPORT std::vector<EntityMention>
find_entities(std::string_view text, std::size_t headline_bytes = 0,
              const std::vector<std::string>& alias_files = {});

/// An entity and the number of articles that name it.
struct EntityCount {
  std::string name;                      ///< canonical name
  EntityType type = EntityType::unknown; ///< from the tables and the name's form; may be unknown
  std::uint64_t articles = 0;            ///< of the articles counted over, those naming it
};

/// What entity_stats counts.
struct EntityStatsRequest {
  /// Count over the articles matching this query (newsdex's query language); empty: all articles.
  std::string query;
  /// Entities to return. Default 20.
  std::size_t limit = 20;
};

/// What entity_stats returns.
struct EntityStats {
  std::uint64_t articles = 0;        ///< articles counted over (matched, or the whole collection)
  std::vector<EntityCount> entities; ///< most articles first, ties by name
};

/// An entity that co-occurs with another, with the association score it was ranked by.
struct RelatedEntity {
  std::string name;                      ///< canonical name
  EntityType type = EntityType::unknown; ///< from the tables and the name's form; may be unknown
  std::uint64_t together = 0;            ///< articles naming both
  std::uint64_t articles = 0;            ///< articles naming this entity
  double score = 0; ///< log-likelihood ratio G² (higher: stronger association)
};

/// What related_entities looks for.
struct RelatedRequest {
  /// The entity, as for `entity:` (any known name; case does not matter).
  std::string entity;
  /// Count only articles matching this query too; empty: all articles.
  std::string query;
  /// Entities to return. Default 20.
  std::size_t limit = 20;
  /// Ignore entities named together with `entity` in fewer articles. Default 2.
  std::uint64_t min_together = 2;
};

/// What related_entities returns.
struct RelatedEntities {
  std::string entity;                 ///< canonical name of the requested entity
  std::uint64_t articles = 0;         ///< articles counted over
  std::uint64_t with_entity = 0;      ///< of those, articles naming the entity
  std::vector<RelatedEntity> related; ///< positively associated only, highest score first
};

/// Top entities of a collection, or of the articles matching a query (counted from the `XE`
/// terms of the matched articles, so an article's every entity counts once).
/// The query is parsed leniently, bare words combined with OR (SearchRequest's defaults), its
/// warnings dropped. `analyzer` absent: analyzed as the collection records (see Searcher).
/// Throws Error as Searcher's constructor does: database_missing, database_mismatch, usage for
/// an `analyzer` that differs from the record.
NEWSDEX_EXPORT EntityStats
entity_stats(const std::string& collection, const EntityStatsRequest& request,
             const std::optional<AnalyzerOptions>& analyzer = std::nullopt);

/// Entities named in the same articles as `request.entity`, ranked by Dunning's log-likelihood
/// ratio over the 2×2 table of articles (with/without each entity), positive association only.
/// Throws Error like entity_stats, and Error(usage) when `request.entity` is empty.
NEWSDEX_EXPORT RelatedEntities
related_entities(const std::string& collection, const RelatedRequest& request,
                 const std::optional<AnalyzerOptions>& analyzer = std::nullopt);

/// Largest EntityGraphRequest::limit: the pair counts of the kept entities are one table of
/// limit × (limit − 1) / 2 counters (8 MB at this bound).
inline constexpr std::size_t entity_graph_max_nodes = 2000;

/// Largest EntityGraphRequest::max_edges.
inline constexpr std::size_t entity_graph_max_edges = 100000;

/// What entity_graph draws.
struct EntityGraphRequest {
  /// Count over the articles matching this query (newsdex's query language); empty: all articles.
  std::string query;
  /// Nodes: the entities named in the most articles, as entity_stats lists them. Default 50;
  /// at most entity_graph_max_nodes (beyond it: Error(usage)).
  std::size_t limit = 50;
  /// Edges only between entities named together in at least this many articles. Default 2.
  std::uint64_t min_count = 2;
  /// Edges kept, strongest first. Default 500; at most entity_graph_max_edges (beyond it:
  /// Error(usage)).
  std::size_t max_edges = 500;
};

/// Two nodes of an EntityGraph named together in articles more often than chance.
struct EntityEdge {
  std::size_t source = 0;     ///< index in EntityGraph::nodes; always less than `target`
  std::size_t target = 0;     ///< index in EntityGraph::nodes
  std::uint64_t together = 0; ///< articles naming both
  double llr = 0; ///< log-likelihood ratio G², as RelatedEntity::score (higher: stronger)
};

/// What entity_graph returns: an undirected network of entities.
struct EntityGraph {
  std::uint64_t articles = 0;     ///< articles counted over (matched, or the whole collection)
  std::vector<EntityCount> nodes; ///< most articles first, ties by name (entity_stats' order)
  std::vector<EntityEdge> edges;  ///< highest `llr` first, ties by source then target name
};

/// The co-occurrence network of the entities of a collection, or of the articles matching a
/// query: the `limit` entities named in the most articles, and an edge between two of them when
/// they are named together in at least `min_count` articles and more often than chance
/// (positive association only), weighted by Dunning's log-likelihood ratio over the 2×2 table of
/// articles as related_entities computes it. Only the kept nodes are paired, so the work is
/// bounded by the kept nodes' article counts and memory by `limit`² counters. The query is
/// parsed as for entity_stats. Throws Error like entity_stats, and Error(usage) for a `limit`
/// or `max_edges` beyond its bound.
NEWSDEX_EXPORT EntityGraph
entity_graph(const std::string& collection, const EntityGraphRequest& request,
             const std::optional<AnalyzerOptions>& analyzer = std::nullopt);

} // namespace newsdex
