// The machine-readable output of `newsdex entities` (see entities_output.hpp).
#include "entities_output.hpp"
#include "output_fields.hpp"

#include <charconv>
#include <sstream>

namespace newsdex::cli {
namespace {

// The shortest text that reads back as the same double: what the JSON output writes too.
std::string number(double x) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
  return ec == std::errc() ? std::string(buffer, end) : std::string("0");
}

// Text as XML character data or attribute value. Control characters XML 1.0 does not allow
// (feed text has been seen carrying them) become U+FFFD, so one odd name cannot make the whole
// file unreadable.
std::string xml_escaped(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
        out += "\xEF\xBF\xBD";
      else
        out += c;
    }
  }
  return out;
}

} // namespace

nlohmann::ordered_json entity_stats_json(const std::string& db, const EntityStatsRequest& request,
                                         const EntityStats& stats) {
  nlohmann::ordered_json j;
  j["format_version"] = 1;
  j["database"] = db;
  j["query"] = or_null(request.query);
  j["articles"] = stats.articles;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& e : stats.entities)
    list.push_back({{"name", e.name},
                    {"type", std::string(entity_type_name(e.type))},
                    {"articles", e.articles}});
  j["entities"] = list;
  return j;
}

nlohmann::ordered_json related_json(const std::string& db, const RelatedRequest& request,
                                    const RelatedEntities& related) {
  nlohmann::ordered_json j;
  j["format_version"] = 1;
  j["database"] = db;
  j["entity"] = related.entity;
  j["query"] = or_null(request.query);
  j["articles"] = related.articles;
  j["with_entity"] = related.with_entity;
  j["measure"] = "log-likelihood ratio (G2)";
  j["min_together"] = request.min_together;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& e : related.related)
    list.push_back({{"name", e.name},
                    {"type", std::string(entity_type_name(e.type))},
                    {"together", e.together},
                    {"articles", e.articles},
                    {"score", e.score}});
  j["related"] = list;
  return j;
}

nlohmann::ordered_json entity_graph_json(const std::string& db, const EntityGraphRequest& request,
                                         const EntityGraph& graph) {
  nlohmann::ordered_json j;
  j["format_version"] = 1;
  j["database"] = db;
  j["query"] = or_null(request.query);
  j["articles"] = graph.articles;
  j["min_count"] = request.min_count;
  nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
  for (const auto& n : graph.nodes)
    nodes.push_back({{"name", n.name},
                     {"type", std::string(entity_type_name(n.type))},
                     {"articles", n.articles}});
  j["nodes"] = nodes;
  nlohmann::ordered_json edges = nlohmann::ordered_json::array();
  for (const auto& e : graph.edges)
    edges.push_back({{"source", graph.nodes[e.source].name},
                     {"target", graph.nodes[e.target].name},
                     {"together", e.together},
                     {"llr", e.llr}});
  j["edges"] = edges;
  return j;
}

std::string entity_graph_graphml(const EntityGraph& graph) {
  std::ostringstream out;
  // Gephi shows a node's `label` and lays edges out by their `weight`; networkx reads every key.
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
         "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
         "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
         "  <key id=\"articles\" for=\"node\" attr.name=\"articles\" attr.type=\"long\"/>\n"
         "  <key id=\"together\" for=\"edge\" attr.name=\"together\" attr.type=\"long\"/>\n"
         "  <key id=\"llr\" for=\"edge\" attr.name=\"llr\" attr.type=\"double\"/>\n"
         "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
         "  <graph id=\"entities\" edgedefault=\"undirected\">\n";
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    const auto& n = graph.nodes[i];
    out << "    <node id=\"n" << i << "\">"
        << "<data key=\"label\">" << xml_escaped(n.name) << "</data>"
        << "<data key=\"type\">" << entity_type_name(n.type) << "</data>"
        << "<data key=\"articles\">" << n.articles << "</data></node>\n";
  }
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    const auto& e = graph.edges[i];
    out << "    <edge id=\"e" << i << "\" source=\"n" << e.source << "\" target=\"n" << e.target
        << "\">"
        << "<data key=\"together\">" << e.together << "</data>"
        << "<data key=\"llr\">" << number(e.llr) << "</data>"
        << "<data key=\"weight\">" << number(e.llr) << "</data></edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  return out.str();
}

std::string entity_graph_edges_csv(const EntityGraph& graph) {
  std::string out = "source,target,together,llr\n";
  for (const auto& e : graph.edges)
    out += csv_field(graph.nodes[e.source].name) + ',' + csv_field(graph.nodes[e.target].name) +
           ',' + std::to_string(e.together) + ',' + number(e.llr) + '\n';
  return out;
}

std::string entity_graph_nodes_csv(const EntityGraph& graph) {
  std::string out = "name,type,articles\n";
  for (const auto& n : graph.nodes)
    out += csv_field(n.name) + ',' + std::string(entity_type_name(n.type)) + ',' +
           std::to_string(n.articles) + '\n';
  return out;
}

} // namespace newsdex::cli
