// Xapian's exceptions become newsdex::Error here, with messages a user can act on.
#pragma once

#include <newsdex/error.hpp>

#include <string>

namespace Xapian {
class Error;
}

namespace newsdex::detail {

[[noreturn]] void rethrow_xapian(const Xapian::Error& e, const std::string& path);

/// Runs `f`, translating any Xapian::Error.
template <class F> auto translate_xapian(const std::string& path, F&& f) -> decltype(f());

} // namespace newsdex::detail

#include <xapian.h>

namespace newsdex::detail {
template <class F> auto translate_xapian(const std::string& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Xapian::Error& e) {
    rethrow_xapian(e, path);
  }
}
} // namespace newsdex::detail
