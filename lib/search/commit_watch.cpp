#include "search/commit_watch.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <utility>

namespace newsdex::detail {
namespace {

long long modified_ns(const struct stat& st) {
  return static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

} // namespace

HeldFile::~HeldFile() {
  if (fd_ >= 0) ::close(fd_);
}

HeldFile::HeldFile(HeldFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), links_(other.links_), size_(other.size_),
      modified_ns_(other.modified_ns_) {}

HeldFile& HeldFile::operator=(HeldFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    links_ = other.links_;
    size_ = other.size_;
    modified_ns_ = other.modified_ns_;
  }
  return *this;
}

HeldFile HeldFile::of(const std::string& path) {
  HeldFile f;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return f;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return f;
  }
  f.fd_ = fd;
  f.links_ = static_cast<unsigned long>(st.st_nlink);
  f.size_ = static_cast<long long>(st.st_size);
  f.modified_ns_ = modified_ns(st);
  return f;
}

bool HeldFile::changed() const {
  if (fd_ < 0) return true;
  struct stat st {};
  // A rename over the path unlinks the file held (its links drop, to 0 unless hard-linked
  // elsewhere too); a write in place changes its size or time.
  return ::fstat(fd_, &st) != 0 || static_cast<unsigned long>(st.st_nlink) != links_ ||
         static_cast<long long>(st.st_size) != size_ || modified_ns(st) != modified_ns_;
}

CommitWatch CommitWatch::of(const std::vector<std::string>& shard_dirs) {
  CommitWatch w;
  // Many shards (time partitions) are opened with the open-files limit raised just enough for
  // Xapian's own descriptors: a watch there could leave Xapian short, so it is not taken.
  constexpr std::size_t max_watched = 16;
  if (shard_dirs.empty() || shard_dirs.size() > max_watched) return w;
  for (const std::string& dir : shard_dirs) {
    HeldFile version = HeldFile::of(dir + "/iamglass");
    if (!version.held()) return {};
    w.files_.push_back(std::move(version));
  }
  return w;
}

bool CommitWatch::changed() const {
  if (files_.empty()) return true;
  for (const HeldFile& f : files_)
    if (f.changed()) return true;
  return false;
}

StubWatch StubWatch::of(const std::string& path) {
  StubWatch w;
  w.stub_ = HeldFile::of(path);
  return w;
}

} // namespace newsdex::detail
