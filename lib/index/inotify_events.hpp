// The Linux part of `newsdex watch`: inotify watches on folders, turned into the paths that may
// have changed, and a probe that tells whether anyone holds a file open for writing. The policy
// (what a change means for the collection) is in watcher.cpp.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace newsdex::detail {

/// A path an event said may have changed. `closed` says it was written and closed, or moved in:
/// read it even when its size and time look unchanged.
struct PathChange {
  std::string path;
  bool closed = false;
};

class InotifyWatches {
public:
  /// Throws Error(io) when inotify is not available.
  InotifyWatches();
  ~InotifyWatches();
  InotifyWatches(const InotifyWatches&) = delete;
  InotifyWatches& operator=(const InotifyWatches&) = delete;

  enum class Added { ok, limit, failed };
  /// Watches the folder `dir` (not its subfolders: the caller adds each). `limit` when the
  /// inotify watch limit (fs.inotify.max_user_watches) or memory is exhausted; `failed`, with
  /// `error` set, for any other reason (the folder went meanwhile).
  Added add(const std::string& dir, std::string& error);
  /// Stops watching `dir` and every folder under it.
  void remove_under(const std::string& dir);
  bool watching(const std::string& dir) const { return by_path_.count(dir) != 0; }

  /// Waits up to `timeout_ms` for events; appends the paths they name to `out`. Sets `overflow`
  /// when the kernel's event queue overflowed (events were lost: rescan everything).
  void wait(int timeout_ms, std::vector<PathChange>& out, bool& overflow);

private:
  int fd_ = -1;
  std::map<int, std::string> by_wd_;
  std::map<std::string, int> by_path_;
};

/// Whether another process holds `path` open for writing, as a read lease (fcntl F_SETLEASE)
/// tells: `unknown` when no lease can be taken (a file of another user without CAP_LEASE, a file
/// system without leases).
enum class Writers { none, some, unknown };
Writers writers_of(const std::string& path);

} // namespace newsdex::detail
