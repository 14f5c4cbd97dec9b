// The public functions promise newsdex::Error and nothing else (error.hpp). The jobs behind them
// call Xapian, std::filesystem and the allocator, and each of those throws its own type; rather
// than trust every call site to translate, each public function of the index and search layers
// runs its job here.
#pragma once

#include <newsdex/error.hpp>

#include "storage/xapian_errors.hpp"

#include <xapian.h>

#include <cerrno>
#include <exception>
#include <filesystem>
#include <new>
#include <string>
#include <system_error>

namespace newsdex::detail {

/// An exception thrown by the caller's own callback (indexing progress, a streamed search's
/// visitor), carried through library code and the translation below, which rethrows it unchanged:
/// it is theirs, not a failure of newsdex.
struct CallerError {
  std::exception_ptr error;
};

/// Runs `f`; whatever it throws reaches the caller as newsdex::Error with the code that says what
/// failed (`path`: the collection, the location when the exception names none). The one
/// exception let through is the caller's own, thrown by its callback (CallerError).
template <class F> auto at_boundary(const std::string& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Error&) {
    throw;
  } catch (const CallerError& e) {
    std::rethrow_exception(e.error);
  } catch (const Xapian::Error& e) {
    rethrow_xapian(e, path);
  } catch (const std::filesystem::filesystem_error& e) {
    const std::string where = e.path1().empty() ? path : e.path1().string();
    // A full disk is a database error wherever it shows (README: exit code 3, "disk full").
    if (e.code() == std::errc::no_space_on_device || e.code().value() == EDQUOT)
      throw Error(Error::Code::database, "disk full while writing the collection", {where, 0, 0});
    throw Error(Error::Code::io, e.code().message(), {where, 0, 0});
  } catch (const std::bad_alloc&) {
    throw Error(Error::Code::internal, "out of memory", {path, 0, 0});
  } catch (const std::exception& e) {
    throw Error(Error::Code::internal, e.what(), {path, 0, 0});
  } catch (...) {
    throw Error(Error::Code::internal, "an unknown exception", {path, 0, 0});
  }
}

} // namespace newsdex::detail
