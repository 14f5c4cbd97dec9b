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

StubWatch::~StubWatch() {
  if (fd_ >= 0) ::close(fd_);
}

StubWatch::StubWatch(StubWatch&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), links_(other.links_), size_(other.size_),
      modified_ns_(other.modified_ns_) {}

StubWatch& StubWatch::operator=(StubWatch&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    links_ = other.links_;
    size_ = other.size_;
    modified_ns_ = other.modified_ns_;
  }
  return *this;
}

namespace {

long long modified_ns(const struct stat& st) {
  return static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

} // namespace

StubWatch StubWatch::of(const std::string& path) {
  StubWatch w;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return w;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return w;
  }
  w.fd_ = fd;
  w.links_ = static_cast<unsigned long>(st.st_nlink);
  w.size_ = static_cast<long long>(st.st_size);
  w.modified_ns_ = modified_ns(st);
  return w;
}

bool StubWatch::changed() const {
  if (fd_ < 0) return true;
  struct stat st {};
  // A rename over the path unlinks the file held (its links drop, to 0 unless hard-linked
  // elsewhere too); a write in place changes its size or time.
  return ::fstat(fd_, &st) != 0 || static_cast<unsigned long>(st.st_nlink) != links_ ||
         static_cast<long long>(st.st_size) != size_ || modified_ns(st) != modified_ns_;
}

} // namespace newsdex::detail
