// Tells a searcher that a writer committed to its shards, without asking Xapian to reopen.
//
// Database::reopen() reads each shard's version file (open, read, close: four system calls a
// shard) to learn whether a commit happened; a searcher that follows its collection did that
// before every search, which on a small collection was a tenth of a ranked query's time
// (docs/PERFORMANCE.md). Glass commits by writing a new version file and renaming it over
// `iamglass`, so a version file held open loses its last link at the next commit: one fstat(2) a
// shard tells it, and the inode cannot be reused while it is held (no ABA as with comparing
// stat(2) results).
#pragma once

#include <string>
#include <vector>

namespace newsdex::detail {

class CommitWatch {
public:
  CommitWatch() = default;
  ~CommitWatch();
  CommitWatch(CommitWatch&& other) noexcept;
  CommitWatch& operator=(CommitWatch&& other) noexcept;
  CommitWatch(const CommitWatch&) = delete;
  CommitWatch& operator=(const CommitWatch&) = delete;

  /// Holds the version file of each glass shard in `shard_dirs`. Taken before the database is
  /// opened or reopened: a commit in between then shows as a change, never goes unseen. When
  /// one cannot be held (a shard that is not glass, no file descriptor left), or there are none
  /// (remote shards are not listed) or more than 16, the watch holds none and changed() is
  /// always true.
  static CommitWatch of(const std::vector<std::string>& shard_dirs);

  /// True when a shard may have been committed to since the watch was taken (or when it cannot
  /// tell): the database should be reopened, and the watch taken again first.
  bool changed() const;

private:
  std::vector<int> fds_;
  bool usable_ = false;
  void close_all() noexcept;
};

} // namespace newsdex::detail
