// newsdex.set_log_handler: the library's log lines (bad inputs, recoveries, commits) to a Python
// callable, so an application can send them to the logging module (newsdex.log_to).
#include "bindings.hh"

#include <newsdex/log.hpp>

#include <memory>

namespace newsdex::python {
namespace {

const char* level_name(LogLevel level) {
  switch (level) {
  case LogLevel::debug:
    return "debug";
  case LogLevel::info:
    return "info";
  case LogLevel::warning:
    return "warning";
  case LogLevel::error:
    return "error";
  }
  return "error";
}

void set_log_handler(py::object handler) {
  if (handler.is_none()) {
    set_log_sink({});
    return;
  }
  // The library calls the sink from its worker threads, and a worker may hold the last copy
  // after the handler is replaced: the Python object is released under the GIL wherever that is.
  std::shared_ptr<py::object> callable(new py::object(std::move(handler)), [](py::object* o) {
    py::gil_scoped_acquire gil;
    delete o;
  });
  set_log_sink([callable](LogLevel level, std::string_view message) {
    py::gil_scoped_acquire gil;
    try {
      (*callable)(level_name(level), text(message));
    } catch (py::error_already_set& e) {
      // A log line must never fail the operation that logged it: reported as Python reports
      // an exception in a __del__, on stderr.
      e.discard_as_unraisable("newsdex log handler");
    }
  });
}

} // namespace

void bind_log(py::module_& m) {
  m.def("set_log_handler", &set_log_handler, py::arg("handler"),
        "Calls handler(level, message) for every log line of the library, level one of "
        "'debug', 'info', 'warning', 'error', from whichever thread logs (holding the GIL). "
        "None (the default) discards them. newsdex.log_to() sends them to the logging module.");
  // Cleared before the interpreter goes away: a log line after that could not reach Python.
  py::module_::import("atexit").attr("register")(py::cpp_function([] { set_log_sink({}); }));
}

} // namespace newsdex::python
