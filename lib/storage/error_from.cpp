// error_from (error.hpp): the boundaries' own translation, offered for an exception caught
// outside them (a terminate handler's).
#include <newsdex/error.hpp>

#include "storage/boundary.hpp"

#include <cstdlib>

namespace newsdex {

Error error_from(std::exception_ptr e, const std::string& where) noexcept {
  if (!e) return Error(Error::Code::internal, "no exception", {where, 0, 0});
  try {
    try {
      detail::at_boundary(where, [&] { std::rethrow_exception(e); });
    } catch (const Error& translated) {
      return translated;
    }
  } catch (...) {
    // What at_boundary lets through (a caller's own exception), or a failure to copy: neither
    // is a library error with a better name.
  }
  try {
    return Error(Error::Code::internal, "an unknown exception", {where, 0, 0});
  } catch (...) {
    std::abort(); // no memory for one short message (not terminate: a terminate handler calls this)
  }
}

} // namespace newsdex
