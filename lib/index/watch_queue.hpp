// The changes inotify reported and the watcher has not read yet, coalesced by path, and when to
// read them: once no new event came for `quiet` (a burst of files becomes one batch, one
// commit), but no later than `longest` after the first (a steady stream still gets committed).
#pragma once

#include "index/inotify_events.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace newsdex::detail {

class ChangeQueue {
public:
  using Clock = std::chrono::steady_clock;

  ChangeQueue(Clock::duration quiet, Clock::duration longest) : quiet_(quiet), longest_(longest) {}

  void add(const PathChange& change, Clock::time_point now) {
    if (pending_.empty()) first_ = now;
    last_ = now;
    bool& closed = pending_[change.path];
    closed = closed || change.closed;
  }

  bool empty() const { return pending_.empty(); }

  /// When the pending changes are due (meaningless when empty()).
  Clock::time_point due() const { return std::min(last_ + quiet_, first_ + longest_); }

  /// The pending changes, one per path, sorted by path; empties the queue.
  std::vector<PathChange> take() {
    std::vector<PathChange> out;
    out.reserve(pending_.size());
    for (auto& [path, closed] : pending_) out.push_back({path, closed});
    pending_.clear();
    return out;
  }

private:
  Clock::duration quiet_, longest_;
  Clock::time_point first_{}, last_{};
  std::map<std::string, bool> pending_;
};

} // namespace newsdex::detail
