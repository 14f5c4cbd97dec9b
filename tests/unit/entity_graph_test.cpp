// entity_graph (issue 19, item 2): the co-occurrence network of a small collection whose entities
// and their counts are known, so node counts, edges and G² values can be checked exactly.
#include "unit/make_article.hpp"

#include <newsdex/entities.hpp>
#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

namespace newsdex {
namespace {

using test::make_article;

// Six articles: NATO and Brussels together three times (one with Kyiv too), Kyiv with Paris
// once, Paris alone once, one article naming nobody.
//   counts: Brussels 3, NATO 3, Kyiv 2, Paris 2 (n = 6)
//   pairs:  Brussels–NATO 3, Brussels–Kyiv 1, NATO–Kyiv 1, Kyiv–Paris 1
class EntityGraphTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("newsdex-entity-graph-" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    db_ = (dir_ / "db").string();
    Indexer indexer(db_);
    indexer.add(make_article("a", "first note", "Ministers of NATO met in Brussels on Monday."));
    indexer.add(make_article("b", "second note", "Ministers of NATO met in Brussels on Tuesday."));
    indexer.add(make_article("c", "third note",
                             "Ministers of NATO met in Brussels and heard envoys from Kyiv."));
    indexer.add(make_article("d", "fourth note", "Trains from Kyiv reached Paris on Friday."));
    indexer.add(make_article("e", "fifth note", "Rain fell on Paris all day."));
    indexer.add(make_article("f", "sixth note", "Nothing happened at all."));
    indexer.commit();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::vector<std::string> names(const EntityGraph& g) {
    std::vector<std::string> out;
    for (const auto& n : g.nodes) out.push_back(n.name);
    return out;
  }
  // "source–target together" for each edge, in order.
  static std::vector<std::string> edges(const EntityGraph& g) {
    std::vector<std::string> out;
    for (const auto& e : g.edges)
      out.push_back(g.nodes[e.source].name + "–" + g.nodes[e.target].name + " " +
                    std::to_string(e.together));
    return out;
  }

  std::filesystem::path dir_;
  std::string db_;
};

// G² = 2 Σ O ln(O / E) over the four cells, E from the margins: written out independently of the
// library's formula.
double g2_by_hand(double both, double first, double second, double n) {
  const double o[4] = {both, first - both, second - both, n - first - second + both};
  const double rows[4] = {first, first, n - first, n - first};
  const double cols[4] = {second, n - second, second, n - second};
  double sum = 0;
  for (int i = 0; i < 4; ++i)
    if (o[i] > 0) sum += o[i] * std::log(o[i] / (rows[i] * cols[i] / n));
  return 2 * sum;
}

TEST_F(EntityGraphTest, NodesAreTheTopEntities) {
  EntityGraph g = entity_graph(db_, {});
  EXPECT_EQ(g.articles, 6u);
  // Most articles first, ties by name.
  EXPECT_EQ(names(g), (std::vector<std::string>{"Brussels", "NATO", "Kyiv", "Paris"}));
  std::map<std::string, std::uint64_t> counts;
  for (const auto& n : g.nodes) counts[n.name] = n.articles;
  EXPECT_EQ(counts, (std::map<std::string, std::uint64_t>{
                        {"Brussels", 3}, {"NATO", 3}, {"Kyiv", 2}, {"Paris", 2}}));
  EXPECT_EQ(g.nodes[1].type, EntityType::organization);
  EXPECT_EQ(g.nodes[0].type, EntityType::place);
  // The same list, counts and types as entity_stats gives.
  EntityStatsRequest top;
  top.limit = 50;
  EntityStats stats = entity_stats(db_, top);
  ASSERT_EQ(stats.entities.size(), g.nodes.size());
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    EXPECT_EQ(stats.entities[i].name, g.nodes[i].name);
    EXPECT_EQ(stats.entities[i].articles, g.nodes[i].articles);
    EXPECT_EQ(stats.entities[i].type, g.nodes[i].type);
  }
}

TEST_F(EntityGraphTest, EdgesNeedMinCountAndPositiveAssociation) {
  // Default min_count 2: only Brussels–NATO.
  EntityGraph g = entity_graph(db_, {});
  EXPECT_EQ(edges(g), (std::vector<std::string>{"Brussels–NATO 3"}));
  ASSERT_EQ(g.edges.size(), 1u);
  EXPECT_LT(g.edges[0].source, g.edges[0].target);
  // Always together, 3 of 6 each: G² = 2 (3 ln 2 + 3 ln 2) = 12 ln 2.
  EXPECT_NEAR(g.edges[0].llr, 12 * std::log(2.0), 1e-9);
  EXPECT_NEAR(g.edges[0].llr, g2_by_hand(3, 3, 3, 6), 1e-9);

  // min_count 1 adds Kyiv–Paris (1 together; 1 × 6 > 2 × 2), weaker. NATO–Kyiv and
  // Brussels–Kyiv (1 × 6 = 3 × 2: no more than chance) are left out.
  EntityGraphRequest one;
  one.min_count = 1;
  g = entity_graph(db_, one);
  EXPECT_EQ(edges(g), (std::vector<std::string>{"Brussels–NATO 3", "Kyiv–Paris 1"}));
  ASSERT_EQ(g.edges.size(), 2u);
  EXPECT_NEAR(g.edges[1].llr, g2_by_hand(1, 2, 2, 6), 1e-9);
  EXPECT_NEAR(g.edges[1].llr, 0.36690, 1e-5);
  // min_count 0 means the same as 1: an edge needs an article naming both.
  one.min_count = 0;
  EXPECT_EQ(edges(entity_graph(db_, one)), edges(g));
  one.min_count = 4;
  EXPECT_TRUE(entity_graph(db_, one).edges.empty());
}

TEST_F(EntityGraphTest, LimitBoundsNodesAndEdges) {
  EntityGraphRequest r;
  r.min_count = 1;
  r.limit = 2;
  EntityGraph g = entity_graph(db_, r);
  EXPECT_EQ(names(g), (std::vector<std::string>{"Brussels", "NATO"}));
  EXPECT_EQ(edges(g), (std::vector<std::string>{"Brussels–NATO 3"})); // Kyiv–Paris not kept
  r.limit = 50;
  r.max_edges = 1;
  g = entity_graph(db_, r);
  EXPECT_EQ(g.nodes.size(), 4u);
  EXPECT_EQ(edges(g), (std::vector<std::string>{"Brussels–NATO 3"})); // the strongest
  r.limit = 0;
  g = entity_graph(db_, r);
  EXPECT_TRUE(g.nodes.empty());
  EXPECT_TRUE(g.edges.empty());
  EXPECT_EQ(g.articles, 6u);
}

TEST_F(EntityGraphTest, AQueryRestrictsTheArticles) {
  // "Kyiv" matches c and d: Kyiv 2, Brussels 1, NATO 1, Paris 1 (n = 2). Brussels–NATO is the
  // only pair named together more often than chance: G² = 2 (ln 2 + ln 2) = 4 ln 2.
  EntityGraphRequest r;
  r.query = "Kyiv";
  r.min_count = 1;
  EntityGraph g = entity_graph(db_, r);
  EXPECT_EQ(g.articles, 2u);
  EXPECT_EQ(names(g), (std::vector<std::string>{"Kyiv", "Brussels", "NATO", "Paris"}));
  EXPECT_EQ(g.nodes[0].articles, 2u);
  EXPECT_EQ(g.nodes[3].articles, 1u);
  EXPECT_EQ(edges(g), (std::vector<std::string>{"Brussels–NATO 1"}));
  ASSERT_EQ(g.edges.size(), 1u);
  EXPECT_NEAR(g.edges[0].llr, 4 * std::log(2.0), 1e-9);

  r.query = "zeppelin";
  g = entity_graph(db_, r);
  EXPECT_EQ(g.articles, 0u);
  EXPECT_TRUE(g.nodes.empty());
  EXPECT_TRUE(g.edges.empty());
}

TEST_F(EntityGraphTest, Deterministic) {
  EntityGraphRequest r;
  r.min_count = 1;
  EntityGraph a = entity_graph(db_, r);
  EntityGraph b = entity_graph(db_, r);
  EXPECT_EQ(names(a), names(b));
  EXPECT_EQ(edges(a), edges(b));
  for (std::size_t i = 0; i < a.edges.size(); ++i) EXPECT_EQ(a.edges[i].llr, b.edges[i].llr);
}

TEST_F(EntityGraphTest, AbsurdLimitsAreUsageErrors) {
  // The code of the error entity_graph throws; nullopt when it throws none.
  auto code_of = [](const std::string& db, const EntityGraphRequest& r) {
    try {
      entity_graph(db, r);
    } catch (const Error& e) {
      return std::optional<Error::Code>(e.code());
    }
    return std::optional<Error::Code>();
  };
  EntityGraphRequest r;
  r.limit = entity_graph_max_nodes + 1;
  EXPECT_EQ(code_of(db_, r), Error::Code::usage);
  r.limit = entity_graph_max_nodes; // the bounds themselves are allowed
  r.max_edges = entity_graph_max_edges;
  EXPECT_EQ(code_of(db_, r), std::nullopt);
  EXPECT_EQ(entity_graph(db_, r).nodes.size(), 4u);
  r.max_edges = entity_graph_max_edges + 1;
  EXPECT_EQ(code_of(db_, r), Error::Code::usage);
  EXPECT_EQ(code_of((dir_ / "missing").string(), {}), Error::Code::database_missing);
}

} // namespace
} // namespace newsdex
