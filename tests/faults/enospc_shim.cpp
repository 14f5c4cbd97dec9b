// An LD_PRELOAD library that makes a disk look full: writes under one directory fail with ENOSPC
// once a byte budget is spent. The disk-full tests (tests/cli/disk_full_cli_test.cpp) use it
// because it works wherever the tests run: a size-limited tmpfs needs mount(2), which CI's
// container may refuse, and a user namespace may be disabled.
//
//   NEWSDEX_ENOSPC_DIR     only file descriptors whose path starts with this are affected
//   NEWSDEX_ENOSPC_AFTER   bytes that may still be written there; later writes, fsync and
//                          fdatasync fail with ENOSPC (unset: nothing fails, bytes are counted)
//   NEWSDEX_ENOSPC_REPORT  a file the bytes written there are reported to at exit, so a test can
//                          size the budget from a real run instead of guessing it
//
// A write that does not fit fails whole (a real filesystem may first write part of it; Xapian
// treats both alike: a short write is retried, and the retry fails).
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

std::atomic<long long> written{0};

const char* watched_dir() {
  static const char* dir = std::getenv("NEWSDEX_ENOSPC_DIR");
  return dir;
}

long long budget() {
  static const long long b = [] {
    const char* s = std::getenv("NEWSDEX_ENOSPC_AFTER");
    return s && *s ? std::atoll(s) : -1;
  }();
  return b;
}

// True for a descriptor open on a file under the watched directory.
bool watched(int fd) {
  const char* dir = watched_dir();
  if (!dir || !*dir) return false;
  char link[64], target[4096];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, target, sizeof target - 1);
  if (n <= 0) return false;
  target[n] = '\0';
  return std::strncmp(target, dir, std::strlen(dir)) == 0;
}

// Takes `bytes` from the budget; false (errno ENOSPC) when they do not fit.
bool take(int fd, size_t bytes) {
  if (!watched(fd)) return true;
  const long long b = budget();
  long long before = written.load();
  for (;;) {
    if (b >= 0 && before + static_cast<long long>(bytes) > b) {
      errno = ENOSPC;
      return false;
    }
    if (written.compare_exchange_weak(before, before + static_cast<long long>(bytes))) return true;
  }
}

// fsync and fdatasync fail too once the budget is spent, unless NEWSDEX_ENOSPC_SYNC=ok.
bool exhausted(int fd) {
  static const bool sync_fails = [] {
    const char* s = std::getenv("NEWSDEX_ENOSPC_SYNC");
    return !(s && std::strcmp(s, "ok") == 0);
  }();
  return sync_fails && budget() >= 0 && written.load() >= budget() && watched(fd);
}

template <class F> F next(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

struct Report {
  ~Report() {
    const char* file = std::getenv("NEWSDEX_ENOSPC_REPORT");
    if (!file || !*file) return;
    if (FILE* f = std::fopen(file, "w")) {
      std::fprintf(f, "%lld\n", written.load());
      std::fclose(f);
    }
  }
} report;

} // namespace

extern "C" {

ssize_t write(int fd, const void* buf, size_t count) {
  static auto real = next<ssize_t (*)(int, const void*, size_t)>("write");
  if (!take(fd, count)) return -1;
  return real(fd, buf, count);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  static auto real = next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
  if (!take(fd, count)) return -1;
  return real(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
  static auto real = next<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
  if (!take(fd, count)) return -1;
  return real(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int iovcnt) {
  static auto real = next<ssize_t (*)(int, const struct iovec*, int)>("writev");
  size_t total = 0;
  for (int i = 0; i < iovcnt; ++i) total += iov[i].iov_len;
  if (!take(fd, total)) return -1;
  return real(fd, iov, iovcnt);
}

int fsync(int fd) {
  static auto real = next<int (*)(int)>("fsync");
  if (exhausted(fd)) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd);
}

int fdatasync(int fd) {
  static auto real = next<int (*)(int)>("fdatasync");
  if (exhausted(fd)) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd);
}

} // extern "C"
