// `newsdex entities --graph` (issue 19, item 2): the network of entities on the sample articles
// in JSON, GraphML (read back by Python's XML parser, and by networkx when it is installed),
// CSV and text, and the exit codes.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <set>
#include <sstream>

namespace newsdex::test {
namespace {

CliResult graph(const std::string& db, std::vector<std::string> extra) {
  std::vector<std::string> args{"entities", "--db", db, "--graph"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

// What a program reading GraphML sees: the edge default, the keys, every node's data and every
// edge's ends and data. Python's ElementTree parses the file, so it must be well-formed XML with
// the GraphML namespace; when networkx is installed it must load it too, with the same counts.
// Lines: "edgedefault X", "key FOR NAME TYPE", "node ID LABEL\tTYPE\tARTICLES",
// "edge SOURCE TARGET TOGETHER LLR", "networkx NODES EDGES".
const char* const graphml_reader = R"(
import sys, xml.etree.ElementTree as E
ns = {'g': 'http://graphml.graphdrawing.org/xmlns'}
root = E.parse(sys.argv[1]).getroot()
ids = {}
for k in root.findall('g:key', ns):
    print('key', k.get('for'), k.get('attr.name'), k.get('attr.type'))
    ids[k.get('attr.name')] = k.get('id')
g = root.find('g:graph', ns)
print('edgedefault', g.get('edgedefault'))
def data(el, name):
    return el.find("g:data[@key='%s']" % ids[name], ns).text
for n in g.findall('g:node', ns):
    print('node', n.get('id'), '\t'.join([data(n, 'label'), data(n, 'type'), data(n, 'articles')]))
for e in g.findall('g:edge', ns):
    print('edge', e.get('source'), e.get('target'), data(e, 'together'), data(e, 'llr'))
try:
    import networkx
except ImportError:
    sys.exit(0)
G = networkx.read_graphml(sys.argv[1])
print('networkx', G.number_of_nodes(), G.number_of_edges(), int(G.is_directed()))
)";

struct GraphmlView {
  int exit_code = -1;
  std::string edgedefault;
  std::set<std::string> keys;                    // "FOR NAME TYPE"
  std::map<std::string, std::string> node_label; // id -> label
  std::map<std::string, std::string> node_rest;  // id -> "type\tarticles"
  std::vector<std::vector<std::string>> edges;   // source, target, together, llr
  std::string networkx;                          // "NODES EDGES DIRECTED", when installed
};

bool have_python() {
  return std::system("python3 -c '' >/dev/null 2>&1") == 0;
}

GraphmlView read_graphml(const TempDir& dir, const std::string& graphml) {
  write_file(dir / "g.graphml", graphml);
  write_file(dir / "read.py", graphml_reader);
  GraphmlView v;
  std::string command = "python3 " + (dir / "read.py") + " " + (dir / "g.graphml");
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return v;
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, p)) > 0;) out.append(buffer, n);
  v.exit_code = ::pclose(p);
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string kind;
    words >> kind;
    std::string rest;
    std::getline(words >> std::ws, rest);
    if (kind == "edgedefault") v.edgedefault = rest;
    if (kind == "key") v.keys.insert(rest);
    if (kind == "networkx") v.networkx = rest;
    if (kind == "node") {
      auto space = rest.find(' ');
      auto tab = rest.find('\t');
      std::string id = rest.substr(0, space);
      v.node_label[id] = rest.substr(space + 1, tab - space - 1);
      v.node_rest[id] = rest.substr(tab + 1);
    }
    if (kind == "edge") {
      std::istringstream e(rest);
      std::vector<std::string> fields(4);
      e >> fields[0] >> fields[1] >> fields[2] >> fields[3];
      v.edges.push_back(fields);
    }
  }
  return v;
}

class EntityGraphSamples : public ::testing::Test {
protected:
  static nlohmann::json json(std::vector<std::string> extra) {
    extra.insert(extra.begin(), {"--format", "json"});
    CliResult r = graph(sample_db(), extra);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
};

TEST_F(EntityGraphSamples, Json) {
  auto j = json({});
  CliResult raw = graph(sample_db(), {"--format", "json"});
  EXPECT_EQ(nlohmann::ordered_json::parse(raw.out).begin().key(), "format_version");
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_TRUE(j["query"].is_null());
  EXPECT_EQ(j["articles"], 30);
  EXPECT_EQ(j["min_count"], 2);
  ASSERT_TRUE(j["nodes"].is_array());
  EXPECT_EQ(j["nodes"].size(), 50u); // the default limit: the samples name more entities
  std::map<std::string, std::uint64_t> articles;
  std::uint64_t last = ~0ull;
  for (const auto& n : j["nodes"]) {
    EXPECT_EQ(n.size(), 3u) << n.dump();
    EXPECT_TRUE(n["type"].is_string());
    EXPECT_LE(n["articles"].get<std::uint64_t>(), last);
    last = n["articles"];
    articles[n["name"]] = n["articles"];
  }
  EXPECT_EQ(articles["NATO"], 11u);
  EXPECT_EQ(articles["Pete Hegseth"], 3u);
  ASSERT_FALSE(j["edges"].empty());
  double strongest = 1e300;
  bool hegseth_us = false;
  for (const auto& e : j["edges"]) {
    EXPECT_EQ(e.size(), 4u) << e.dump();
    EXPECT_EQ(articles.count(e["source"]), 1u) << e.dump(); // edges join kept nodes only
    EXPECT_EQ(articles.count(e["target"]), 1u) << e.dump();
    EXPECT_GE(e["together"].get<int>(), 2);
    EXPECT_GT(e["llr"].get<double>(), 0);
    EXPECT_LE(e["llr"].get<double>(), strongest);
    strongest = e["llr"];
    if (e["source"] == "United States" && e["target"] == "Pete Hegseth") {
      hegseth_us = true;
      EXPECT_EQ(e["together"], 3); // every article naming Hegseth names the United States
    }
  }
  EXPECT_TRUE(hegseth_us) << j["edges"].dump();
}

// An edge's weight is the score --related gives the same pair.
TEST_F(EntityGraphSamples, EdgesScoreAsRelated) {
  auto g = json({});
  CliResult r = run_cli({"entities", "--db", sample_db(), "--format", "json", "--related",
                         "Pete Hegseth", "--limit", "100"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, double> related;
  const nlohmann::json parsed = nlohmann::json::parse(r.out); // not a temporary in the loop
  for (const auto& e : parsed["related"]) related[e["name"]] = e["score"];
  int compared = 0;
  for (const auto& e : g["edges"]) {
    std::string other = e["source"] == "Pete Hegseth"   ? e["target"].get<std::string>()
                        : e["target"] == "Pete Hegseth" ? e["source"].get<std::string>()
                                                        : "";
    if (other.empty()) continue;
    ASSERT_EQ(related.count(other), 1u) << other;
    EXPECT_DOUBLE_EQ(e["llr"].get<double>(), related[other]) << other;
    ++compared;
  }
  EXPECT_GT(compared, 0);
}

TEST_F(EntityGraphSamples, QueryLimitAndMinCount) {
  auto j = json({"--limit", "5", "--min-count", "3", "Hegseth"});
  EXPECT_EQ(j["query"], "Hegseth");
  EXPECT_EQ(j["articles"], 3);
  EXPECT_EQ(j["min_count"], 3);
  EXPECT_EQ(j["nodes"].size(), 5u);
  for (const auto& n : j["nodes"]) EXPECT_LE(n["articles"].get<int>(), 3);
  for (const auto& e : j["edges"]) EXPECT_EQ(e["together"], 3);
  auto capped = json({"--max-edges", "1"});
  EXPECT_EQ(capped["edges"].size(), 1u);
  EXPECT_EQ(capped["edges"][0], json({})["edges"][0]); // the strongest one
}

TEST_F(EntityGraphSamples, GraphmlLoads) {
  if (!have_python()) GTEST_SKIP() << "python3 is not installed";
  auto j = json({});
  CliResult r = graph(sample_db(), {"--format", "graphml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  TempDir dir;
  GraphmlView v = read_graphml(dir, r.out);
  ASSERT_EQ(v.exit_code, 0) << r.out;
  EXPECT_EQ(v.edgedefault, "undirected");
  EXPECT_EQ(v.keys,
            (std::set<std::string>{"node label string", "node type string", "node articles long",
                                   "edge together long", "edge llr double", "edge weight double"}));
  ASSERT_EQ(v.node_label.size(), j["nodes"].size());
  for (std::size_t i = 0; i < j["nodes"].size(); ++i) {
    std::string id = "n"; // appended, not `"n" + ...`: g++ 12's -Wrestrict false positive at -O3
    id += std::to_string(i);
    EXPECT_EQ(v.node_label[id], j["nodes"][i]["name"]);
    EXPECT_EQ(v.node_rest[id], j["nodes"][i]["type"].get<std::string>() + "\t" +
                                   std::to_string(j["nodes"][i]["articles"].get<int>()));
  }
  ASSERT_EQ(v.edges.size(), j["edges"].size());
  for (std::size_t i = 0; i < v.edges.size(); ++i) {
    EXPECT_EQ(v.node_label[v.edges[i][0]], j["edges"][i]["source"]);
    EXPECT_EQ(v.node_label[v.edges[i][1]], j["edges"][i]["target"]);
    EXPECT_EQ(v.edges[i][2], std::to_string(j["edges"][i]["together"].get<int>()));
    EXPECT_DOUBLE_EQ(std::stod(v.edges[i][3]), j["edges"][i]["llr"].get<double>());
  }
  if (!v.networkx.empty()) {
    EXPECT_EQ(v.networkx,
              std::to_string(j["nodes"].size()) + " " + std::to_string(j["edges"].size()) + " 0");
  }
}

TEST_F(EntityGraphSamples, CsvAndText) {
  auto j = json({});
  CliResult edges = graph(sample_db(), {"--format", "csv"});
  ASSERT_EQ(edges.exit_code, 0) << edges.err;
  EXPECT_EQ(edges.out.rfind("source,target,together,llr\n", 0), 0u) << edges.out;
  EXPECT_EQ(std::count(edges.out.begin(), edges.out.end(), '\n'),
            static_cast<long>(j["edges"].size() + 1));
  EXPECT_NE(edges.out.find("\nUnited States,Pete Hegseth,3,"), std::string::npos) << edges.out;
  CliResult nodes = graph(sample_db(), {"--format", "csv", "--nodes"});
  ASSERT_EQ(nodes.exit_code, 0) << nodes.err;
  EXPECT_EQ(nodes.out.rfind("name,type,articles\n", 0), 0u) << nodes.out;
  EXPECT_NE(nodes.out.find("\nNATO,organization,11\n"), std::string::npos) << nodes.out;
  EXPECT_EQ(std::count(nodes.out.begin(), nodes.out.end(), '\n'),
            static_cast<long>(j["nodes"].size() + 1));
  CliResult text = graph(sample_db(), {});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out.rfind("entity network of 30 articles: 50 entities, ", 0), 0u) << text.out;
  EXPECT_NE(text.out.find("United States — Pete Hegseth\n"), std::string::npos) << text.out;
}

// Names with a comma, quotes and an ampersand (a user alias file gives them) survive CSV quoting
// and XML escaping.
TEST(EntityGraphOddNames, CsvQuotingAndXmlEscaping) {
  TempDir dir;
  write_file(dir / "aliases.txt", "organization: Smith, Jones & \"Partners\" <Ltd> = SJPL\n"
                                  "organization: O'Neill Holdings = ONH\n");
  write_file(dir / "in/a.txt", "Merger talk\nThe SJPL board met ONH bankers on Monday.\n");
  write_file(dir / "in/b.txt", "More talk\nLawyers for SJPL and ONH met again on Tuesday.\n");
  write_file(dir / "in/c.txt", "Weather\nRain fell on Bergen all day.\n");
  const std::string db = dir / "db";
  CliResult r = run_cli({"index", "--db", db, "--entities", dir / "aliases.txt", dir / "in"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string odd = "Smith, Jones & \"Partners\" <Ltd>";
  CliResult json = graph(db, {"--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto j = nlohmann::json::parse(json.out);
  std::set<std::string> names;
  for (const auto& n : j["nodes"]) names.insert(n["name"]);
  ASSERT_EQ(names.count(odd), 1u) << j.dump();
  ASSERT_EQ(names.count("O'Neill Holdings"), 1u) << j.dump();
  // Both named in a and b, neither in c: an edge, O'Neill first ("xeo…" < "xes…").
  CliResult csv = graph(db, {"--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("\nO'Neill Holdings,\"Smith, Jones & \"\"Partners\"\" <Ltd>\",2,"),
            std::string::npos)
      << csv.out;
  CliResult nodes = graph(db, {"--format", "csv", "--nodes"});
  EXPECT_NE(nodes.out.find("\n\"Smith, Jones & \"\"Partners\"\" <Ltd>\",organization,2\n"),
            std::string::npos)
      << nodes.out;
  if (!have_python()) GTEST_SKIP() << "python3 is not installed";
  CliResult graphml = graph(db, {"--format", "graphml"});
  ASSERT_EQ(graphml.exit_code, 0) << graphml.err;
  EXPECT_EQ(graphml.out.find(odd), std::string::npos); // escaped, not raw
  GraphmlView v = read_graphml(dir, graphml.out);
  ASSERT_EQ(v.exit_code, 0) << graphml.out;
  std::set<std::string> labels;
  for (const auto& [id, label] : v.node_label) labels.insert(label);
  EXPECT_EQ(labels.count(odd), 1u) << graphml.out;
  EXPECT_EQ(labels.count("O'Neill Holdings"), 1u) << graphml.out;
  ASSERT_EQ(v.edges.size(), 1u) << graphml.out;
}

TEST(EntityGraphExit, CodesAsSearch) {
  const std::string& db = sample_db();
  // Nothing matches: 1, with the (empty) document printed all the same.
  CliResult none = graph(db, {"--format", "json", "zeppelinxyz"});
  EXPECT_EQ(none.exit_code, 1) << none.err;
  auto j = nlohmann::json::parse(none.out);
  EXPECT_EQ(j["articles"], 0);
  EXPECT_TRUE(j["nodes"].empty());
  EXPECT_NE(none.err.find("no article matches zeppelinxyz"), std::string::npos) << none.err;
  // Usage: 2.
  for (std::vector<std::string> bad : {std::vector<std::string>{"--related", "NATO"},
                                       {"--limit", "2001"},
                                       {"--max-edges", "100001"},
                                       {"--nodes"},
                                       {"--format", "xml"},
                                       {"--min-count", "-1"}}) {
    CliResult r = graph(db, bad);
    EXPECT_EQ(r.exit_code, 2) << bad[0] << ": " << r.err;
    EXPECT_FALSE(r.err.empty());
  }
  for (const char* format : {"graphml", "csv"}) {
    CliResult r = run_cli({"entities", "--db", db, "--format", format});
    EXPECT_EQ(r.exit_code, 2) << format;
    EXPECT_NE(r.err.find("needs --graph"), std::string::npos) << r.err;
  }
  // A missing database: 3.
  TempDir dir;
  EXPECT_EQ(graph(dir / "missing.db", {}).exit_code, 3);
}

} // namespace
} // namespace newsdex::test
