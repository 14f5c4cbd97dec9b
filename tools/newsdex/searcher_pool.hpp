// Searchers for the server's worker threads. A Searcher is not thread-safe and opening one costs a
// few file opens, so each request borrows one that an earlier request opened, and at most as many
// exist as requests run at once (one per worker thread).
#pragma once

#include <newsdex/searcher.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace newsdex::cli {

class SearcherPool {
public:
  explicit SearcherPool(std::string collection) : collection_(std::move(collection)) {}

  /// A Searcher lent to one request; back in the pool when the lease ends.
  class Lease {
  public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher)
        : pool_(pool), searcher_(std::move(searcher)) {}
    ~Lease() { pool_.give_back(std::move(searcher_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Searcher& operator*() { return *searcher_; }
    Searcher* operator->() { return searcher_.get(); }

  private:
    SearcherPool& pool_;
    std::unique_ptr<Searcher> searcher_;
  };

  /// An idle Searcher, or a newly opened one. Throws newsdex::Error as Searcher's constructor
  /// does (a missing collection: database_missing), so a collection created after the server
  /// started is found by the next request.
  Lease borrow();
  const std::string& collection() const { return collection_; }

private:
  void give_back(std::unique_ptr<Searcher> searcher);

  std::string collection_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> idle_;
};

} // namespace newsdex::cli
