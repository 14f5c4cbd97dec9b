// The co-occurrence network of a collection's entities (entity_graph, `newsdex entities --graph`).
// Nodes are the top entities as entity_stats counts them; edges pair only those kept nodes, so the
// cost is bounded by the request, not by how many entities an article names: one counter per
// pair of kept nodes, and one walk over the kept entities' posting lists, merged document by
// document.
#include <newsdex/entities.hpp>
#include <newsdex/error.hpp>

#include "search/entity_terms.hpp"
#include "storage/boundary.hpp"
#include "storage/modified_retry.hpp"

#include <xapian.h>

#include <algorithm>

namespace newsdex {
namespace {

void check_at_most(std::size_t value, std::size_t bound, const std::string& what) {
  if (value > bound)
    throw Error(Error::Code::usage,
                what + " is " + std::to_string(value) + ", more than " + std::to_string(bound));
}

// Articles naming both of two nodes, for every pair i < j of `nodes` nodes: one triangular table,
// allocated once, so memory is fixed by the request whatever the collection holds.
class PairCounts {
public:
  explicit PairCounts(std::size_t nodes)
      : nodes_(nodes), counts_(nodes < 2 ? 0 : nodes * (nodes - 1) / 2, 0) {}
  void add(std::size_t i, std::size_t j) { ++counts_[index(i, j)]; }
  std::uint64_t get(std::size_t i, std::size_t j) const { return counts_[index(i, j)]; }

private:
  // Row i holds the pairs (i, i+1) … (i, nodes-1); the rows before it hold
  // sum over r < i of (nodes - 1 - r) = i * (2 * nodes - i - 1) / 2 pairs.
  std::size_t index(std::size_t i, std::size_t j) const {
    return i * (2 * nodes_ - i - 1) / 2 + (j - i - 1);
  }
  std::size_t nodes_;
  std::vector<std::uint32_t> counts_; // a Xapian 1.4 docid, and so a count, fits 32 bits
};

// One kept node's posting list, positioned on documents in scope only.
struct Cursor {
  Xapian::PostingIterator at;
  Xapian::PostingIterator end;
  std::size_t node = 0;
};

// Moves `c` to its first document at or after its position that is in `scope` (all documents
// when `scope` is null). False when none is left.
bool settle(Cursor& c, const std::vector<Xapian::docid>* scope) {
  while (c.at != c.end) {
    if (scope == nullptr) return true;
    auto s = std::lower_bound(scope->begin(), scope->end(), *c.at);
    if (s == scope->end()) return false;
    if (*s == *c.at) return true;
    c.at.skip_to(*s);
  }
  return false;
}

// Counts, for every document in scope, each pair of the kept entities it names. The posting
// lists of `terms` (node i: terms[i]) are merged by docid through a min-heap of one cursor per
// node: memory O(nodes), time O(postings × log nodes) plus each document's pairs.
void count_pairs(const Xapian::Database& db, const std::vector<std::string>& terms,
                 const std::vector<Xapian::docid>* scope, PairCounts& pairs) {
  std::vector<Cursor> heap;
  auto later = [](const Cursor& a, const Cursor& b) { return *a.at > *b.at; };
  for (std::size_t i = 0; i < terms.size(); ++i) {
    Cursor c{db.postlist_begin(terms[i]), db.postlist_end(terms[i]), i};
    if (settle(c, scope)) heap.push_back(std::move(c));
  }
  std::make_heap(heap.begin(), heap.end(), later);
  std::vector<Cursor> here; // the cursors on the current document
  std::vector<std::size_t> named;
  while (!heap.empty()) {
    const Xapian::docid doc = *heap.front().at;
    here.clear();
    named.clear();
    while (!heap.empty() && *heap.front().at == doc) {
      std::pop_heap(heap.begin(), heap.end(), later);
      named.push_back(heap.back().node);
      here.push_back(std::move(heap.back()));
      heap.pop_back();
    }
    std::sort(named.begin(), named.end());
    for (std::size_t a = 0; a < named.size(); ++a)
      for (std::size_t b = a + 1; b < named.size(); ++b) pairs.add(named[a], named[b]);
    for (Cursor& c : here) {
      ++c.at;
      if (!settle(c, scope)) continue;
      heap.push_back(std::move(c));
      std::push_heap(heap.begin(), heap.end(), later);
    }
  }
}

EntityGraph entity_graph_of(const std::string& collection, const EntityGraphRequest& request,
                            const std::optional<AnalyzerOptions>& analyzer) {
  check_at_most(request.limit, entity_graph_max_nodes, "the entity graph's node limit");
  check_at_most(request.max_edges, entity_graph_max_edges, "the entity graph's edge limit");
  detail::EntityCollection o = detail::open_entity_collection(collection, analyzer);
  EntityGraph out;
  std::vector<Xapian::docid> scope;
  detail::EntityTermCounts counts;
  if (request.query.empty()) {
    counts = detail::count_all_entity_terms(o.db);
    out.articles = o.db.get_doccount();
  } else {
    scope = detail::matching_documents(o, request.query);
    counts = detail::count_entity_terms(o.db, scope);
    out.articles = scope.size();
  }
  auto kept = detail::by_articles(counts);
  if (kept.size() > request.limit) kept.resize(request.limit);
  std::vector<std::string> terms;
  for (const auto& [term, n] : kept) {
    std::string name = detail::entity_display_name(o.db, term);
    out.nodes.push_back({name, detail::type_of_name(*o.tables, name), n});
    terms.push_back(term);
  }

  PairCounts pairs(terms.size());
  count_pairs(o.db, terms, request.query.empty() ? nullptr : &scope, pairs);
  const double n = static_cast<double>(out.articles);
  const std::uint64_t least = std::max<std::uint64_t>(request.min_count, 1);
  for (std::size_t i = 0; i < out.nodes.size(); ++i)
    for (std::size_t j = i + 1; j < out.nodes.size(); ++j) {
      const std::uint64_t k = pairs.get(i, j);
      if (k < least) continue;
      const double kk = static_cast<double>(k);
      const double n_i = static_cast<double>(out.nodes[i].articles);
      const double n_j = static_cast<double>(out.nodes[j].articles);
      if (kk * n <= n_i * n_j) continue; // not positively associated
      out.edges.push_back(
          {i, j, k, detail::log_likelihood_g2(kk, n_i - kk, n_j - kk, n - n_i - n_j + kk)});
    }
  std::sort(out.edges.begin(), out.edges.end(), [&](const EntityEdge& a, const EntityEdge& b) {
    if (a.llr != b.llr) return a.llr > b.llr;
    if (a.source != b.source) return out.nodes[a.source].name < out.nodes[b.source].name;
    return out.nodes[a.target].name < out.nodes[b.target].name;
  });
  if (out.edges.size() > request.max_edges) out.edges.resize(request.max_edges);
  return out;
}

} // namespace

// Only newsdex::Error leaves (error.hpp); Xapian's errors are translated outside the retry, so
// that a read a writer's commits overtook is run again on the latest commit.
EntityGraph entity_graph(const std::string& collection, const EntityGraphRequest& request,
                         const std::optional<AnalyzerOptions>& analyzer) {
  return detail::at_boundary(collection, [&] {
    return detail::retry_while_modified(
        [&] { return entity_graph_of(collection, request, analyzer); });
  });
}

} // namespace newsdex
