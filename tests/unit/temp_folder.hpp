// A fresh directory under the system's temporary directory, removed with everything in it when
// the test ends.
#pragma once

#include <filesystem>
#include <random>
#include <string>

namespace newsdex::test {

class TempFolder {
public:
  /// `prefix` names the test suite in the directory's name ("newsdex-watch-1234").
  explicit TempFolder(const std::string& prefix)
      : path_(std::filesystem::temp_directory_path() /
              (prefix + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() { std::filesystem::remove_all(path_); }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
  std::filesystem::path path_;
};

} // namespace newsdex::test
