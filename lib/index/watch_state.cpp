#include "index/watch_state.hpp"

#include "common/log.hpp"

#include <newsdex/error.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace newsdex::detail {

namespace fs = std::filesystem;

namespace {

constexpr const char* header = "newsdex-watch-state\t1";

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(unescape_state_field(line.substr(start, tab - start)));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

// A whole field as a number, nothing before or after it; a signed type takes a leading '-'
// (a modification time before 1970).
template <class Number> bool parse_number(const std::string& s, Number& out) {
  const char* end = s.data() + s.size();
  auto [stop, ec] = std::from_chars(s.data(), end, out);
  return !s.empty() && ec == std::errc() && stop == end;
}

std::string line_of(const std::string& path, const WatchedFile* f) {
  if (!f) return "D\t" + escape_state_field(path) + '\n';
  std::string line = "F\t" + escape_state_field(path) + '\t' + std::to_string(f->size) + '\t' +
                     std::to_string(f->mtime_ns) + '\t' + std::to_string(f->inode);
  for (const auto& id : f->ids) line += '\t' + escape_state_field(id);
  return line + '\n';
}

[[noreturn]] void fail(const std::string& file, const std::string& what) {
  throw Error(Error::Code::io, what + ": " + std::strerror(errno), {file, 0, 0});
}

void write_all(int fd, const std::string& bytes, const std::string& file) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(file, "cannot write the watch state");
    done += static_cast<std::size_t>(n);
  }
}

} // namespace

std::string escape_state_field(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
    case '\\':
      out += "\\\\";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string unescape_state_field(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
  }
  return out;
}

WatchState::WatchState(std::string file) : file_(std::move(file)) {
  std::ifstream in(file_, std::ios::binary);
  if (!in) return;
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::size_t start = 0;
  bool first = true;
  std::uint64_t bad = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) { // torn by a crash while appending: rewrite before appending
      changed_.push_back({});
      break;
    }
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (first) {
      first = false;
      if (line != header) {
        warn(file_ + ": not a watch state file; every file is read again");
        files_.clear();
        changed_.push_back({});
        return;
      }
      continue;
    }
    ++log_lines_;
    auto f = split_tabs(line);
    WatchedFile w;
    if (f.size() == 2 && f[0] == "D") {
      files_.erase(f[1]);
    } else if (f.size() >= 5 && f[0] == "F" && parse_number(f[2], w.size) &&
               parse_number(f[3], w.mtime_ns) && parse_number(f[4], w.inode)) {
      w.ids.assign(f.begin() + 5, f.end());
      files_[f[1]] = std::move(w);
    } else {
      ++bad;
    }
  }
  if (bad) {
    warn(file_ + ": " + std::to_string(bad) +
         " malformed lines skipped; the files they named are read again");
    changed_.push_back({});
  }
}

const WatchedFile* WatchState::find(const std::string& path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

void WatchState::record(const std::string& path, WatchedFile file) {
  files_[path] = std::move(file);
  changed_.push_back(path);
}

void WatchState::forget(const std::string& path) {
  if (files_.erase(path)) changed_.push_back(path);
}

void WatchState::flush() {
  if (changed_.empty()) return;
  // An empty path in changed_ marks a file that must be rewritten (torn or malformed); a log
  // several times longer than the state is rewritten too, so it never grows without bound.
  bool must_rewrite = !fs::exists(file_);
  for (const auto& p : changed_) must_rewrite = must_rewrite || p.empty();
  if (must_rewrite || log_lines_ + changed_.size() > 4 * files_.size() + 64) {
    rewrite();
    changed_.clear();
    return;
  }
  std::string bytes;
  for (const auto& p : changed_) bytes += line_of(p, find(p));
  int fd = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) fail(file_, "cannot open the watch state");
  write_all(fd, bytes, file_);
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail(file_, "cannot sync the watch state");
  }
  ::close(fd);
  log_lines_ += changed_.size();
  changed_.clear();
}

// Written beside the old file, synced, then renamed over it: a crash leaves one or the other.
void WatchState::rewrite() {
  std::string bytes = std::string(header) + '\n';
  for (const auto& [path, f] : files_) bytes += line_of(path, &f);
  const std::string tmp = file_ + ".tmp";
  std::error_code ec;
  fs::create_directories(fs::path(file_).parent_path(), ec);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(tmp, "cannot create the watch state");
  write_all(fd, bytes, tmp);
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail(tmp, "cannot sync the watch state");
  }
  ::close(fd);
  if (::rename(tmp.c_str(), file_.c_str()) != 0) fail(file_, "cannot replace the watch state");
  int dir = ::open(fs::path(file_).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    (void)::fsync(dir);
    ::close(dir);
  }
  log_lines_ = files_.size();
}

} // namespace newsdex::detail
