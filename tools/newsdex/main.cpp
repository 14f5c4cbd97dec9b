// newsdex: index news articles and search them. One file per subcommand (cmd_*.cpp).
#include "cli.hpp"
#include "help_format.hpp"

#include <newsdex/error.hpp>
#include <newsdex/log.hpp>
#include <newsdex/version.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <thread>

namespace {

void setup_logging(int verbose, bool quiet) {
  auto logger = spdlog::stderr_color_mt("newsdex");
  logger->set_pattern("newsdex: %^%l%$: %v");
  spdlog::level::level_enum level = spdlog::level::warn;
  if (const char* env = std::getenv("NEWSDEX_LOG_LEVEL"); env && *env)
    level = spdlog::level::from_str(env);
  if (verbose == 1) level = spdlog::level::info;
  if (verbose >= 2) level = spdlog::level::debug;
  if (quiet) level = spdlog::level::err;
  logger->set_level(level);
  spdlog::set_default_logger(logger);
  newsdex::set_log_sink([](newsdex::LogLevel l, std::string_view message) {
    switch (l) {
    case newsdex::LogLevel::debug:
      spdlog::debug("{}", message);
      break;
    case newsdex::LogLevel::info:
      spdlog::info("{}", message);
      break;
    case newsdex::LogLevel::warning:
      spdlog::warn("{}", message);
      break;
    case newsdex::LogLevel::error:
      spdlog::error("{}", message);
      break;
    }
  });
}

// Standard output is where results go: if it cannot take them (a full disk behind a redirect), the
// command failed even though the search worked.
int finish_output(int code) {
  errno = 0;
  std::cout.flush();
  if (std::cout) return code;
  std::cerr << "newsdex: writing standard output failed";
  if (errno) std::cerr << ": " << std::strerror(errno); // known only when the last write failed
  std::cerr << '\n';
  return newsdex::cli::io;
}

// Xapian 1.4.22 lets a DatabaseError escape from inside WritableDatabase::commit when a write
// fails at some points (a full disk), and the C++ runtime then ends the process here. What was
// committed is kept (a commit survives the process dying), so the command ends as if the library
// had reported it: its message and its exit code (3 and "disk full" for a full disk), not an
// abort with "terminate called after throwing". At other points of the same commit the error
// meets a function that may not throw, and the runtime ends the process with no exception in
// flight to report: there errno, still the failed write's in the thread that ends the process, is
// what says the disk was full. Anything else still aborts, for a core dump.
[[noreturn]] void on_terminate() {
  const int last_error = errno; // before anything here can change it
  // Two writer threads can fail at once: one reports and ends the process, the other waits for it.
  static std::atomic<bool> ending{false};
  if (ending.exchange(true))
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
  if (!std::current_exception() && (last_error == ENOSPC || last_error == EDQUOT)) {
    std::cerr << "newsdex: disk full (" << std::strerror(last_error)
              << ") while writing the database: what was committed before is kept; free space "
                 "and run the same command again"
              << std::endl;
    std::_Exit(newsdex::cli::database);
  }
  if (std::exception_ptr in_flight = std::current_exception()) {
    const newsdex::Error e = newsdex::error_from(in_flight);
    if (e.code() != newsdex::Error::Code::internal) {
      std::cerr << "newsdex: " << e.what() << std::endl;
      std::_Exit(newsdex::cli::exit_code(e));
    }
    std::cerr << "newsdex: internal error, aborting: " << e.what() << std::endl;
  }
  std::abort();
}

} // namespace

int main(int argc, char** argv) {
  std::set_terminate(on_terminate);
  CLI::App app{"newsdex: full-text search for news articles"};
  newsdex::cli::wrap_help(app); // first: the subcommands inherit it
  app.set_version_flag("--version", std::string("newsdex ") + newsdex::version());
  app.require_subcommand(1);
  int verbose = 0;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbose, "More log output on stderr (-vv for debug)");
  app.add_flag("-q,--quiet", quiet, "Only errors on stderr");

  newsdex::cli::Runner run;
  newsdex::cli::add_index_command(app, run);
  newsdex::cli::add_search_command(app, run);
  newsdex::cli::add_stats_command(app, run);
  newsdex::cli::add_delete_command(app, run);
  newsdex::cli::add_compact_command(app, run);
  newsdex::cli::add_entities_command(app, run);
  newsdex::cli::add_show_command(app, run);
  newsdex::cli::add_similar_command(app, run);
  newsdex::cli::add_init_command(app, run);
  newsdex::cli::add_reindex_command(app, run);
  newsdex::cli::add_export_command(app, run);
  newsdex::cli::add_backup_command(app, run);
  newsdex::cli::add_check_command(app, run);
  newsdex::cli::add_trend_command(app, run);
  newsdex::cli::add_watch_command(app, run);
  newsdex::cli::add_serve_command(app, run);
  newsdex::cli::add_completion_command(app, run);
  newsdex::cli::one_value_per_option(app); // README "Conventions": --facet source NATO

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return newsdex::cli::usage;
  }
  setup_logging(verbose, quiet);
  // `newsdex search ... | head -1`: when the reader goes away, end at once and quietly, as every
  // Unix filter does, even if whoever started us ignored SIGPIPE (Python does, for itself).
  std::signal(SIGPIPE, SIG_DFL);
  try {
    return finish_output(run ? run() : newsdex::cli::usage);
  } catch (const newsdex::Error& e) {
    std::cerr << "newsdex: " << e.what() << '\n';
    return newsdex::cli::exit_code(e);
  } catch (const std::exception& e) {
    // The library promises only newsdex::Error; anything else is a bug, reported, never an abort.
    std::cerr << "newsdex: internal error: " << e.what() << '\n';
    return newsdex::cli::internal;
  } catch (...) {
    std::cerr << "newsdex: internal error: an unknown exception\n";
    return newsdex::cli::internal;
  }
}
