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

} // namespace newsdex
