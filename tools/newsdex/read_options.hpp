// The command-line options that say how inputs are read (shared by commands that read articles).
#pragma once

#include <CLI/CLI.hpp>
#include <newsdex/reader.hpp>

#include <string>
#include <vector>

namespace newsdex::cli {

struct ReadArgs {
  std::string id_prefix;
  std::string stdin_format = "text";
  std::vector<std::string> fields;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::size_t max_file_mb = 64;
};

void add_read_options(CLI::App& cmd, ReadArgs& args);

/// Throws Error(usage) for a malformed option value.
ReadOptions to_read_options(const ReadArgs& args);

} // namespace newsdex::cli
