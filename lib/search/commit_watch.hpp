// Tells a searcher that a writer committed to its shards, without asking Xapian to reopen, and
// that a new generation was published, without a stat(2) of the collection's path.
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

/// A file held open, and what fstat(2) said of it then: changed() when it has since lost a link
/// (renamed over, unlinked) or was rewritten in place (size or time). Move-only; closes on
/// destruction.
class HeldFile {
public:
  HeldFile() = default;
  ~HeldFile();
  HeldFile(HeldFile&& other) noexcept;
  HeldFile& operator=(HeldFile&& other) noexcept;
  HeldFile(const HeldFile&) = delete;
  HeldFile& operator=(const HeldFile&) = delete;

  /// The regular file at `path`, held; an empty HeldFile when it cannot be opened or is no
  /// regular file.
  static HeldFile of(const std::string& path);

  bool held() const { return fd_ >= 0; }
  /// True when it is not held, or no longer the file it was.
  bool changed() const;

private:
  int fd_ = -1;
  unsigned long links_ = 0;
  long long size_ = 0, modified_ns_ = 0;
};

class CommitWatch {
public:
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
  std::vector<HeldFile> files_; ///< empty: cannot tell
};

/// The collection's stub file, held open: a new generation is published by renaming a new stub
/// over it (its link count drops), and a stub written in place changes size or time. One fstat(2)
/// instead of the stat(2) of the path that collection_version() makes (which walks the path).
class StubWatch {
public:
  /// Holds the file at `path` when it is a regular file (a stub); otherwise watches nothing.
  /// Taken before the collection is opened.
  static StubWatch of(const std::string& path);

  /// A stub is held: changed() answers; otherwise ask collection_version().
  bool watching() const { return stub_.held(); }
  /// The file held is no longer the one at the path, or was rewritten, since the watch was taken.
  bool changed() const { return stub_.changed(); }

private:
  HeldFile stub_;
};

} // namespace newsdex::detail
