// --help that fits a terminal: CLI11 (2.1) never wraps a description, so a long one runs past 80
// columns. This formatter wraps them under the description column.
#pragma once

#include <CLI/CLI.hpp>

namespace newsdex::cli {

/// Gives `app` a formatter that wraps option and subcommand descriptions to fit $COLUMNS (80 when
/// unset, as when piped or read by help2man). Call before adding subcommands: CLI11 copies the
/// formatter into each subcommand when it is added.
void wrap_help(CLI::App& app);

} // namespace newsdex::cli
