// A file for the fuzz bodies whose code under test reads a path (the input walker, the stub
// reader): one per process and name, written anew for every input, removed at exit.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

namespace newsdex::fuzz {

class ScratchDir {
public:
  // The pid zero-padded: paths of one length in every process, so that the code under test
  // (which handles the path) takes the same branches from run to run.
  ScratchDir() : dir_(std::filesystem::temp_directory_path() / name()) {
    std::filesystem::create_directories(dir_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  /// Writes `bytes` to the file `name` in the directory and returns its path.
  std::string write(const std::string& name, std::string_view bytes) const {
    const std::string path = (dir_ / name).string();
    // A new file each time: ext4 flushes a file truncated and rewritten (auto_da_alloc) when it
    // is closed, which cost this loop most of its time.
    ::unlink(path.c_str());
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
  }

private:
  static std::string name() {
    std::string pid = std::to_string(::getpid());
    return "newsdex-fuzz-" + std::string(pid.size() < 10 ? 10 - pid.size() : 0, '0') + pid;
  }

  std::filesystem::path dir_;
};

inline const ScratchDir& scratch() {
  static const ScratchDir dir;
  return dir;
}

} // namespace newsdex::fuzz
