#include <newsdex/error.hpp>

namespace newsdex {
namespace {

std::string with_location(const std::string& message, const Location& where) {
  std::string out = to_string(where);
  if (out.empty()) return message;
  out.append(": ").append(message);
  return out;
}

} // namespace

// Appends rather than chaining operator+: GCC 12 at -O3 warns (-Wrestrict) on `"x" + to_string()`.
std::string to_string(const Location& where) {
  std::string out = where.file;
  if (where.line) out.append(":").append(std::to_string(where.line));
  if (where.column) out.append(out.empty() ? "column " : ":").append(std::to_string(where.column));
  return out;
}

Error::Error(Code code, const std::string& message, Location where)
    : std::runtime_error(with_location(message, where)), code_(code), where_(std::move(where)),
      message_(message) {}

bool Error::is_database_error() const noexcept {
  switch (code_) {
  case Code::database_missing:
  case Code::database_locked:
  case Code::database_corrupt:
  case Code::database_mismatch:
  case Code::database:
    return true;
  default:
    return false;
  }
}

std::string_view to_string(Error::Code code) noexcept {
  switch (code) {
  case Error::Code::usage:
    return "usage";
  case Error::Code::query_syntax:
    return "query_syntax";
  case Error::Code::input:
    return "input";
  case Error::Code::io:
    return "io";
  case Error::Code::database_missing:
    return "database_missing";
  case Error::Code::database_locked:
    return "database_locked";
  case Error::Code::database_corrupt:
    return "database_corrupt";
  case Error::Code::database_mismatch:
    return "database_mismatch";
  case Error::Code::database:
    return "database";
  case Error::Code::internal:
    break;
  }
  return "internal";
}

} // namespace newsdex
