// A read that a writer's commits overtook: Xapian throws DatabaseModifiedError when two commits
// land while a database is opened, reopened or read, and trying again sees the latest commit.
// One policy for every such retry, so they cannot drift apart.
#pragma once

#include <xapian.h>

#include <chrono>
#include <thread>

namespace newsdex::detail {

/// Attempts before a DatabaseModifiedError is let through.
inline constexpr int max_modified_attempts = 20;

/// Runs `f` until it does not throw Xapian::DatabaseModifiedError, at most max_modified_attempts
/// times. Each retry waits a millisecond longer than the last: a writer committing every few
/// documents overtakes immediate retries again and again (seen on a loaded 2-core machine), and
/// the pauses let a reader through between two of its commits. The last error propagates.
template <class F> auto retry_while_modified(F&& f) -> decltype(f()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return f();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= max_modified_attempts) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(attempt - 1));
    }
  }
}

} // namespace newsdex::detail
