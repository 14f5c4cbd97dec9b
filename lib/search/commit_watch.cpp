#include "search/commit_watch.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <utility>

namespace newsdex::detail {

CommitWatch::~CommitWatch() {
  close_all();
}

CommitWatch::CommitWatch(CommitWatch&& other) noexcept
    : fds_(std::move(other.fds_)), usable_(std::exchange(other.usable_, false)) {
  other.fds_.clear();
}

CommitWatch& CommitWatch::operator=(CommitWatch&& other) noexcept {
  if (this != &other) {
    close_all();
    fds_ = std::move(other.fds_);
    other.fds_.clear();
    usable_ = std::exchange(other.usable_, false);
  }
  return *this;
}

void CommitWatch::close_all() noexcept {
  for (int fd : fds_) ::close(fd);
  fds_.clear();
  usable_ = false;
}

CommitWatch CommitWatch::of(const std::vector<std::string>& shard_dirs) {
  CommitWatch w;
  // Many shards (time partitions) are opened with the open-files limit raised just enough for
  // Xapian's own descriptors: a watch there could leave Xapian short, so it is not taken.
  constexpr std::size_t max_watched = 16;
  if (shard_dirs.empty() || shard_dirs.size() > max_watched) return w;
  for (const std::string& dir : shard_dirs) {
    const int fd = ::open((dir + "/iamglass").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      w.close_all();
      return w;
    }
    w.fds_.push_back(fd);
  }
  w.usable_ = true;
  return w;
}

bool CommitWatch::changed() const {
  if (!usable_) return true;
  for (int fd : fds_) {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_nlink == 0) return true;
  }
  return false;
}

} // namespace newsdex::detail
