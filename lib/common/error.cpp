#include <newsdex/error.hpp>

namespace newsdex {
namespace {

std::string with_location(const std::string& message, const Location& where) {
  if (where.file.empty() && where.column == 0) return message;
  std::string out = where.file;
  if (where.line) out += ':' + std::to_string(where.line);
  if (where.column) out += (out.empty() ? "column " : ":") + std::to_string(where.column);
  return out + ": " + message;
}

} // namespace

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
