#include "query/wildcard_terms.hpp"

#include <algorithm>
#include <utility>

namespace newsdex::detail {

std::vector<std::string> most_frequent_terms(const Xapian::Database& db, const std::string& start,
                                             std::size_t keep) {
  const auto better = [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  };
  std::vector<std::pair<Xapian::doccount, std::string>> found; // a heap, worst kept on top
  for (auto t = db.allterms_begin(start); t != db.allterms_end(start) && keep > 0; ++t) {
    std::pair<Xapian::doccount, std::string> candidate(t.get_termfreq(), *t);
    if (found.size() < keep) {
      found.push_back(std::move(candidate));
      std::push_heap(found.begin(), found.end(), better);
    } else if (better(candidate, found.front())) {
      std::pop_heap(found.begin(), found.end(), better);
      found.back() = std::move(candidate);
      std::push_heap(found.begin(), found.end(), better);
    }
  }
  std::sort_heap(found.begin(), found.end(), better);
  std::vector<std::string> terms;
  terms.reserve(found.size());
  for (auto& f : found) terms.push_back(std::move(f.second));
  return terms;
}

} // namespace newsdex::detail
