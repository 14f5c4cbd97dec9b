// newsdex.Error: every newsdex::Error reaches Python as this one exception class, its code a
// string ("database_missing", "query_syntax", ...), so a script can tell a missing collection from
// a locked one without parsing messages.
#include "bindings.hh"

#include <newsdex/error.hpp>

#include <exception>

namespace newsdex::python {
namespace {

// The class object, created once with the module and kept for the process's life: the translator
// runs long after bind_errors returns, and a static py::object would be released after the
// interpreter is gone.
PyObject* error_class = nullptr;

const char* const error_doc =
    "Every error newsdex reports.\n\n"
    "Attributes: code (one of newsdex.ERROR_CODES, e.g. 'database_missing', 'query_syntax'),\n"
    "message (without the location), file, line, column (where, when known: '' or 0 otherwise).\n"
    "str(error) is the message with its location first.";

} // namespace

void bind_errors(py::module_& m) {
  py::tuple codes =
      py::make_tuple("usage", "query_syntax", "input", "io", "database_missing", "database_locked",
                     "database_corrupt", "database_mismatch", "database", "internal");
  // Class attributes: an Error raised by Python code (newsdex.Error("...")) has them too.
  py::dict defaults;
  defaults["code"] = "internal";
  defaults["message"] = "";
  defaults["file"] = "";
  defaults["line"] = 0;
  defaults["column"] = 0;
  error_class =
      PyErr_NewExceptionWithDoc("newsdex.Error", error_doc, PyExc_Exception, defaults.ptr());
  if (!error_class) throw py::error_already_set();
  m.add_object("Error", py::handle(error_class)); // the module holds its own reference
  m.attr("ERROR_CODES") = codes;

  py::register_exception_translator([](std::exception_ptr failure) {
    try {
      if (failure) std::rethrow_exception(failure);
    } catch (const Error& e) {
      py::object error = py::reinterpret_borrow<py::object>(error_class)(text(e.what()));
      error.attr("code") = std::string(to_string(e.code()));
      error.attr("message") = text(e.message());
      error.attr("file") = text(e.where().file);
      error.attr("line") = e.where().line;
      error.attr("column") = e.where().column;
      PyErr_SetObject(error_class, error.ptr());
    }
  });
}

} // namespace newsdex::python
