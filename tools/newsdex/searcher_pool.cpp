#include "searcher_pool.hpp"

namespace newsdex::cli {

SearcherPool::Lease SearcherPool::borrow() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto searcher = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(searcher));
    }
  }
  // Opened outside the lock: a slow disk must not stall the other workers.
  return Lease(*this, std::make_unique<Searcher>(collection_));
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
  if (!searcher) return;
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(searcher));
}

} // namespace newsdex::cli
