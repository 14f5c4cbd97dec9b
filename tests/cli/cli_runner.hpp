// Runs the real `newsdex` binary for integration tests and captures what it prints.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace newsdex::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `newsdex ARGS...` with `input` on stdin and NEWSDEX_DB unset unless `env` sets it.
CliResult run_cli(const std::vector<std::string>& args, const std::string& input = "",
                  const std::vector<std::string>& env = {});

/// In a forked child: replaces the process with `newsdex ARGS...` (NEWSDEX_DB unset, NO_COLOR
/// set, then `env` "NAME=value" entries applied). Exits 127 when exec fails.
[[noreturn]] void exec_cli(const std::vector<std::string>& args,
                           const std::vector<std::string>& env = {});

/// A directory removed at the end of the test.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
  std::filesystem::path path_;
};

/// Writes `content` to `path`, creating parent directories.
void write_file(const std::string& path, const std::string& content);

/// The bytes of `path` ("" when it cannot be read).
std::string read_file(const std::string& path);

/// `newsdex index --format json` run and its summary parsed.
struct Indexed {
  CliResult run;
  nlohmann::json summary;
};

/// `newsdex index --db DB --format json EXTRA... INPUTS...` with `stdin_text` on stdin.
Indexed run_index(const std::string& db, const std::vector<std::string>& inputs,
                  const std::vector<std::string>& extra = {}, const std::string& stdin_text = "");

/// The ids of the first 1000 hits of `query` in `db`, sorted.
std::vector<std::string> ids_matching(const std::string& db, const std::string& query);

/// The project's sample articles.
std::string sample_articles();

/// The sample articles indexed once per test program into a temporary database (removed at
/// exit). Tests must only read it.
const std::string& sample_db();

/// The sample file a hit's id stands for: articles with a header block have their URL as id.
std::string sample_file_of(const std::string& id);

} // namespace newsdex::test
