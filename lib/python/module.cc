// The extension module newsdex._newsdex; the package newsdex (newsdex/__init__.py) re-exports it.
#include "bindings.hh"

#include <newsdex/version.hpp>

PYBIND11_MODULE(_newsdex, m) {
  using namespace newsdex::python;
  m.doc() = "newsdex: full-text search for news articles (docs/PYTHON.md).";
  m.attr("__version__") = newsdex::version();
  m.attr("schema_version") = newsdex::schema_version();
  bind_errors(m);
  bind_articles(m);
  bind_analyzer(m);
  bind_entities(m);
  bind_indexer(m);
  bind_searcher(m);
  bind_log(m);
  // The classes are newsdex.Searcher, not newsdex._newsdex.Searcher, in help() and reprs: the
  // package is what users import.
  for (auto item : m.attr("__dict__").cast<py::dict>())
    if (py::isinstance<py::type>(item.second)) item.second.attr("__module__") = "newsdex";
}
