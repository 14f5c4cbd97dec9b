#include "storage/read_pin.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace newsdex::detail {

namespace {

std::string pin_path(const std::string& shard) {
  return shard + "/" + read_pin_file;
}

// flock, resumed after a signal. False when the filesystem refuses it.
bool lock(int fd, int operation) {
  for (;;) {
    if (::flock(fd, operation) == 0) return true;
    if (errno != EINTR) return false;
  }
}

} // namespace

ReadPin::ReadPin(const std::string& shard) {
  fd_ = ::open(pin_path(shard).c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ >= 0 && !lock(fd_, LOCK_SH)) {
    ::close(fd_);
    fd_ = -1;
  }
}

ReadPin::~ReadPin() {
  if (fd_ >= 0) ::close(fd_); // closing drops the lock
}

void wait_for_read_pins(const std::string& shard) {
  // No file: no reader has ever pinned this shard. One that pins it after this check opens the
  // revision just committed, which the batch now being written does not overwrite.
  const int fd = ::open(pin_path(shard).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  lock(fd, LOCK_EX); // a filesystem without flock has no pins to wait for
  ::close(fd);
}

} // namespace newsdex::detail
