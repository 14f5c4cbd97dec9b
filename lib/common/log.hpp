// Internal logging: formats only when someone listens.
#pragma once

#include <newsdex/log.hpp>

#include <string>

namespace newsdex::detail {

bool log_enabled();
void log(LogLevel level, const std::string& message);

inline void warn(const std::string& message) {
  log(LogLevel::warning, message);
}
inline void info(const std::string& message) {
  log(LogLevel::info, message);
}
inline void debug(const std::string& message) {
  if (log_enabled()) log(LogLevel::debug, message);
}

} // namespace newsdex::detail
