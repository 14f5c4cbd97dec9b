#include "index/inotify_events.hpp"

#include <newsdex/error.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace newsdex::detail {

namespace {

// Close-after-write and moves in, never IN_MODIFY: a file is read once its writer is done with
// it. IN_CREATE only matters for folders (a new folder must be watched before files land in it).
constexpr std::uint32_t watch_mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
                                     IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR |
                                     IN_DONT_FOLLOW | IN_EXCL_UNLINK;

bool under(const std::string& path, const std::string& dir) {
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                         path[dir.size()] == '/');
}

} // namespace

InotifyWatches::InotifyWatches() {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0)
    throw Error(Error::Code::io, std::string("cannot start inotify: ") + std::strerror(errno));
}

InotifyWatches::~InotifyWatches() {
  if (fd_ >= 0) ::close(fd_);
}

InotifyWatches::Added InotifyWatches::add(const std::string& dir, std::string& error) {
  int wd = inotify_add_watch(fd_, dir.c_str(), watch_mask);
  if (wd < 0) {
    if (errno == ENOSPC || errno == ENOMEM) return Added::limit;
    error = std::strerror(errno);
    return Added::failed;
  }
  // The same folder moved keeps its watch descriptor: it now answers to the new path.
  if (auto old = by_wd_.find(wd); old != by_wd_.end()) by_path_.erase(old->second);
  by_wd_[wd] = dir;
  by_path_[dir] = wd;
  return Added::ok;
}

void InotifyWatches::remove_under(const std::string& dir) {
  for (auto it = by_path_.lower_bound(dir); it != by_path_.end() && under(it->first, dir);) {
    inotify_rm_watch(fd_, it->second);
    by_wd_.erase(it->second);
    it = by_path_.erase(it);
  }
}

void InotifyWatches::wait(int timeout_ms, std::vector<PathChange>& out, bool& overflow) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return; // a timeout, or a signal: the caller looks again
  alignas(inotify_event) char buffer[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n <= 0) return; // EAGAIN: drained
    for (char* at = buffer; at < buffer + n;) {
      auto* e = reinterpret_cast<inotify_event*>(at);
      at += sizeof(inotify_event) + e->len;
      if (e->mask & IN_Q_OVERFLOW) {
        overflow = true;
        continue;
      }
      auto dir = by_wd_.find(e->wd);
      if (dir == by_wd_.end()) continue; // a watch removed meanwhile
      if (e->mask & IN_IGNORED) {
        by_path_.erase(dir->second);
        by_wd_.erase(dir);
        continue;
      }
      if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
        out.push_back({dir->second, false});
        continue;
      }
      if (!e->len) continue;
      std::string path = dir->second + '/' + e->name;
      // A new file is read when it is closed; a new folder at once (to watch it).
      if ((e->mask & IN_CREATE) && !(e->mask & IN_ISDIR)) continue;
      out.push_back({std::move(path), (e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) != 0});
    }
  }
}

Writers writers_of(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Writers::unknown;
  // A lease break (someone opening the file for writing in the microseconds the lease is held)
  // signals the holder, with SIGIO by default, which would kill the process: SIGURG is ignored
  // unless the application handles it.
  (void)fcntl(fd, F_SETSIG, SIGURG);
  Writers answer = Writers::none;
  if (fcntl(fd, F_SETLEASE, F_RDLCK) == 0)
    (void)fcntl(fd, F_SETLEASE, F_UNLCK);
  else
    answer = errno == EAGAIN ? Writers::some : Writers::unknown;
  ::close(fd);
  return answer;
}

} // namespace newsdex::detail
