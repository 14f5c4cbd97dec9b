// What `newsdex entities` prints for scripts and other programs: the JSON documents of the top
// entities, of --related and of --graph, and the graph as GraphML and CSV. `newsdex serve`
// answers /api/entities with the same functions, so the server and the CLI cannot drift apart.
// The formats are documented in docs/ENTITIES.md and docs/JSON.md.
#pragma once

#include <newsdex/entities.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace newsdex::cli {

/// `newsdex entities [QUERY] --format json`: format_version, database, query (null when empty),
/// articles, entities [{name, type, articles}].
nlohmann::ordered_json entity_stats_json(const std::string& db, const EntityStatsRequest& request,
                                         const EntityStats& stats);

/// `newsdex entities --related E --format json`: format_version, database, entity, query,
/// articles, with_entity, measure, min_together, related [{name, type, together, articles,
/// score}].
nlohmann::ordered_json related_json(const std::string& db, const RelatedRequest& request,
                                    const RelatedEntities& related);

/// `newsdex entities --graph --format json`: format_version, database, query, articles,
/// min_count, nodes [{name, type, articles}], edges [{source, target, together, llr}] (source
/// and target are node names).
nlohmann::ordered_json entity_graph_json(const std::string& db, const EntityGraphRequest& request,
                                         const EntityGraph& graph);

/// The graph as GraphML (undirected; node ids n0…, in node order; node keys label, type,
/// articles; edge keys together, llr, weight = llr), loadable by Gephi and networkx.
std::string entity_graph_graphml(const EntityGraph& graph);

/// The edges as CSV, header `source,target,together,llr`, names quoted as RFC 4180 says.
std::string entity_graph_edges_csv(const EntityGraph& graph);

/// The nodes as CSV, header `name,type,articles`.
std::string entity_graph_nodes_csv(const EntityGraph& graph);

} // namespace newsdex::cli
