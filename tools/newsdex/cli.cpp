#include "cli.hpp"

#include <newsdex/stats.hpp>

#include <cstdlib>
#include <unistd.h>

namespace newsdex::cli {

std::optional<AnalyzerOptions> analyzer_options(const std::string& db, const std::string& language,
                                                const std::vector<std::string>& variants,
                                                const std::vector<std::string>& entity_files) {
  if (language.empty() && variants.empty() && entity_files.empty()) return std::nullopt;
  AnalyzerOptions options = recorded_analyzer_options(db).value_or(AnalyzerOptions{});
  if (!language.empty()) options.language = language;
  if (!variants.empty()) options.variant_files = variants;
  if (!entity_files.empty()) options.entity_files = entity_files;
  return options;
}

void one_value_per_option(CLI::App& app) {
  for (CLI::Option* option : app.get_options())
    if (option->nonpositional()) option->allow_extra_args(false);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    one_value_per_option(*sub);
}

void append_query_words(const CLI::App& cmd, std::vector<std::string>& words) {
  bool after_separator = false;
  for (const auto& extra : cmd.remaining()) {
    if (extra == "--" && !after_separator) {
      after_separator = true; // CLI11 hands the separator back too: it is not a word
      continue;
    }
    if (!after_separator && extra.size() > 2 && extra.starts_with("--"))
      throw CLI::ValidationError(extra, "unknown option (a query word that starts with -- goes "
                                        "after a -- separator: newsdex " +
                                            cmd.get_name() + " -- " + extra + ")");
    words.push_back(extra);
  }
}

void add_db_option(CLI::App& cmd, std::string& db) {
  cmd.add_option("--db", db,
                 "Database path (default: $NEWSDEX_DB, else the per-user data directory)");
}

std::string resolve_db(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("NEWSDEX_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::string(xdg) + "/newsdex/default.db";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.local/share/newsdex/default.db";
  return "newsdex.db";
}

void add_query_language_options(CLI::App& cmd, std::string& match, bool& strict,
                                std::string& syntax) {
  cmd.add_option("--match", match, "How bare words combine")->check(CLI::IsMember({"any", "all"}));
  cmd.add_flag("--strict", strict, "Fail on a malformed query instead of recovering");
  cmd.add_option("--syntax", syntax,
                 "on (default) or off: every character is text, words simply ranked")
      ->check(CLI::IsMember({"on", "off"}));
}

std::string join_words(const std::vector<std::string>& words) {
  std::string q;
  for (const auto& w : words) {
    if (!q.empty()) q += ' ';
    q += w;
  }
  return q;
}

int exit_code(const Error& e) {
  if (e.is_database_error()) return database;
  switch (e.code()) {
  case Error::Code::usage:
  case Error::Code::query_syntax:
    return usage;
  case Error::Code::input:
    return data;
  case Error::Code::io:
    return io;
  default:
    return internal; // 1 means "nothing found": an error must never look like it
  }
}

bool stdout_is_terminal() {
  return isatty(STDOUT_FILENO) != 0;
}
bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) != 0;
}

bool use_colour() {
  const char* no_colour = std::getenv("NO_COLOR");
  return stdout_is_terminal() && !(no_colour && *no_colour);
}

} // namespace newsdex::cli
