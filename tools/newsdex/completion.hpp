// Shell completion scripts generated from the CLI's own definition (the CLI11 App that parses the
// command line), so they cannot drift from --help: `newsdex completion bash|zsh|fish`, run at build
// time to produce the installed scripts (tools/CMakeLists.txt).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace newsdex::cli::completion {

/// What the value of an option or a positional completes to.
enum class ValueKind { nothing, choices, files };

struct Value {
  ValueKind kind = ValueKind::nothing;
  std::vector<std::string> choices; ///< when kind is choices
};

struct Option {
  std::vector<std::string> names; ///< "-n", "--limit": as typed
  std::string description;
  bool takes_value = false;
  bool repeatable = false; ///< may be given more than once (`--facet source --facet year`)
  Value value;
};

struct Positional {
  std::string name; ///< "query", "inputs"
  std::string description;
  bool many = false; ///< takes every remaining word
  Value value;
};

struct Command {
  std::string name; ///< "search"; "newsdex" for the top level
  std::string description;
  std::vector<Option> options;
  std::vector<Positional> positionals;
};

struct Model {
  Command top;
  std::vector<Command> subcommands; ///< the visible ones, in --help's order
};

/// Reads `app` and its visible subcommands (a subcommand or option in no group is hidden, as in
/// --help). Values: a CLI::IsMember check gives choices; CLI::ExistingFile, a database or a
/// query file and the inputs of `index` give files; `--language` gives `languages`.
Model describe(const CLI::App& app);

/// The languages `--language` offers: the ISO 639-1 codes the analyzer accepts, and "none". A
/// test (tests/cli/completion_cli_test.cpp) checks this list against the analyzer.
const std::vector<std::string>& languages();

/// `s` single-quoted for bash and zsh.
std::string sh_quoted(const std::string& s);
/// The shell function that completes subcommand `c` (bash and zsh): `_newsdex_` + its name.
std::string function_name(const Command& c);

/// The bash script: defines `_newsdex` and registers it with `complete -F`.
std::string bash_script(const Model& model);
/// The zsh script (`#compdef newsdex`), for a directory of $fpath or `source`.
std::string zsh_script(const Model& model);
/// The fish script, for fish's vendor_completions.d or `source`.
std::string fish_script(const Model& model);

} // namespace newsdex::cli::completion
