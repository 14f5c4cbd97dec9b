// The library never prints: it hands log lines to a sink the application installs.
#pragma once

#include <newsdex/export.hpp>

#include <functional>
#include <string_view>

namespace newsdex {

enum class LogLevel { debug, info, warning, error };

using LogSink = std::function<void(LogLevel, std::string_view message)>;

/// Installs the process-wide sink; an empty function discards everything (the default).
/// Thread-safe; the sink itself may be called from several threads at once.
NEWSDEX_EXPORT void set_log_sink(LogSink sink);

} // namespace newsdex
