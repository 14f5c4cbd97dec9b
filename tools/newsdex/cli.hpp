// What the subcommands share: registration, the database location, exit codes, output helpers.
// The CLI holds no search logic: it parses arguments, calls libnewsdex and formats.
#pragma once

#include <CLI/CLI.hpp>
#include <newsdex/analyzer.hpp>
#include <newsdex/error.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace newsdex::cli {

/// Exit codes, the same for every subcommand (README "Exit codes").
enum Exit : int {
  ok = 0,
  nothing = 1,            ///< search found nothing; index finished but some inputs failed
  usage = 2,              ///< bad arguments or (strict) query syntax
  database = 3,           ///< missing, locked, corrupt database; disk full
  data = 65,              ///< an input the library refused outside a batch (sysexits EX_DATAERR)
  internal = 70,          ///< a bug in newsdex (sysexits EX_SOFTWARE)
  io = 74,                ///< reading or writing a file or standard output failed (EX_IOERR)
  interrupted_int = 130,  ///< index stopped by SIGINT (what was read is committed)
  interrupted_term = 143, ///< index stopped by SIGTERM (what was read is committed)
};

/// Where `run` is stored by the subcommand that was chosen.
using Runner = std::function<int()>;

void add_index_command(CLI::App& app, Runner& run);
void add_search_command(CLI::App& app, Runner& run);
void add_stats_command(CLI::App& app, Runner& run);
void add_delete_command(CLI::App& app, Runner& run);
void add_compact_command(CLI::App& app, Runner& run);
void add_entities_command(CLI::App& app, Runner& run);
void add_show_command(CLI::App& app, Runner& run);
void add_similar_command(CLI::App& app, Runner& run);
void add_init_command(CLI::App& app, Runner& run);
void add_export_command(CLI::App& app, Runner& run);
void add_backup_command(CLI::App& app, Runner& run);
void add_check_command(CLI::App& app, Runner& run);
void add_reindex_command(CLI::App& app, Runner& run);
void add_completion_command(CLI::App& app, Runner& run);
void add_trend_command(CLI::App& app, Runner& run);
void add_watch_command(CLI::App& app, Runner& run);
void add_serve_command(CLI::App& app, Runner& run);

/// Makes every named option of `app` and of all its subcommands take exactly one value per
/// occurrence (repeat it for more: `--facet source --facet year`), so an option never swallows
/// the query, ids or inputs that follow it (`search --facet source NATO`). CLI11 lets a
/// std::vector option eat every following word; this is the one place that stops it, called once
/// after every subcommand is added, so a new option cannot forget it. Positionals keep taking
/// several words.
void one_value_per_option(CLI::App& app);

/// Appends to `words` the query words CLI11 left among `cmd`'s extras (search and entities take
/// words such as `-Russia`, which CLI11 would read as options, that way). A word starting with
/// `--` before the `--` separator is a mistyped or misplaced option, not a query word: it is
/// refused (usage error naming it) rather than silently searched for.
void append_query_words(const CLI::App& cmd, std::vector<std::string>& words);

/// The query words of a command line as one query: joined with single spaces.
std::string join_words(const std::vector<std::string>& words);

/// Adds how a query is read, which search and trend share: `--match any|all`, `--strict` and
/// `--syntax on|off`.
void add_query_language_options(CLI::App& cmd, std::string& match, bool& strict,
                                std::string& syntax);

/// Adds `--db PATH` to a subcommand.
void add_db_option(CLI::App& cmd, std::string& db);

/// The analysis settings of `--language`, `--variants` and `--entities`, which init, index,
/// search and entities share: std::nullopt when none is given (the collection's recorded ones);
/// otherwise the collection's recorded settings with the given ones in their place.
std::optional<AnalyzerOptions> analyzer_options(const std::string& db, const std::string& language,
                                                const std::vector<std::string>& variants,
                                                const std::vector<std::string>& entity_files);

/// `--db`, else $NEWSDEX_DB, else $XDG_DATA_HOME/newsdex/default.db (~/.local/share/...).
std::string resolve_db(const std::string& given);

/// The exit code for a library error.
int exit_code(const Error& e);

bool stdout_is_terminal();
bool stderr_is_terminal();
/// Colour on stdout: a terminal, and NO_COLOR unset.
bool use_colour();

} // namespace newsdex::cli
