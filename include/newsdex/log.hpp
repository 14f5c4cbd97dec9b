/// \file
/// The library never prints: it hands log lines to a sink the application installs.
#pragma once

#include <newsdex/export.hpp>

#include <functional>
#include <string_view>

namespace newsdex {

/// How much a log line matters; a sink filters by it (the CLI shows warning and error unless
/// asked for more).
enum class LogLevel {
  debug,   ///< detail for diagnosing newsdex itself
  info,    ///< what a long job is doing
  warning, ///< something was wrong and the work went on (an input repaired or skipped)
  error    ///< a failure no exception reports (an unreadable input in a batch, a destructor's
           ///< last commit)
};

/// Receives each log line: its level and the message (no trailing newline; the view is valid
/// only during the call). Called from whichever library thread logs, an index job's worker
/// threads among them, possibly several at once: it must be thread-safe, and must not throw.
using LogSink = std::function<void(LogLevel, std::string_view message)>;

/// Installs the process-wide sink; an empty function discards everything (the default).
/// Thread-safe; the sink itself may be called from several threads at once.
NEWSDEX_EXPORT void set_log_sink(LogSink sink);

} // namespace newsdex
