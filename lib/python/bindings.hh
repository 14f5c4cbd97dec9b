// What the parts of the Python module share. The module is an application of the public API
// (include/newsdex), like the CLI: it includes no header from lib/.
#pragma once

#include <newsdex/analyzer.hpp>

#include <pybind11/pybind11.h>

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::python {

namespace py = pybind11;

// One function per part, each adding its classes and functions to the module. Order matters
// only where a part names another's class in a signature: errors and articles come first.
void bind_errors(py::module_& m);
void bind_articles(py::module_& m);
void bind_analyzer(py::module_& m);
void bind_entities(py::module_& m);
void bind_indexer(py::module_& m);
void bind_searcher(py::module_& m);
void bind_log(py::module_& m);

/// Keyword arguments applied to a request struct by name: every name a caller may give, with
/// what it sets. Unknown names raise TypeError listing the known ones, as Python does for a
/// function's parameters; a value of the wrong type raises TypeError naming the keyword. The
/// struct's own defaults stay the defaults, so they are written once, in the C++ header.
template <class Request> class Keywords {
public:
  using Setter = std::function<void(Request&, py::handle)>;

  Keywords(std::string function) : function_(std::move(function)) {}

  /// A keyword whose Python value converts to the member's type.
  template <class T> Keywords& field(const char* name, T Request::*member) {
    setters_[name] = [member](Request& r, py::handle value) { r.*member = value.cast<T>(); };
    return *this;
  }
  /// A keyword with its own conversion.
  Keywords& custom(const char* name, Setter setter) {
    setters_[name] = std::move(setter);
    return *this;
  }

  void apply(Request& request, const py::kwargs& kwargs) const {
    for (const auto& item : kwargs) {
      py::handle value = item.second;
      auto name = py::cast<std::string>(item.first);
      auto setter = setters_.find(name);
      if (setter == setters_.end())
        throw py::type_error(function_ + "() got an unexpected keyword argument '" + name +
                             "' (known: " + known() + ")");
      try {
        setter->second(request, value);
      } catch (const py::cast_error&) {
        throw py::type_error(
            function_ + "(): " + name + " cannot be " +
            py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>());
      }
    }
  }

  std::string known() const {
    std::string out;
    for (const auto& [name, setter] : setters_) out += (out.empty() ? "" : ", ") + name;
    return out;
  }

private:
  std::string function_;
  std::map<std::string, Setter, std::less<>> setters_;
};

/// UTF-8 from the library as a Python str; a byte that is not UTF-8 (a file name can hold one)
/// becomes U+FFFD instead of failing the whole call.
py::str text(std::string_view utf8);

/// A str, os.PathLike, or an iterable of them, as paths (os.fspath of each).
std::vector<std::string> paths_argument(py::handle value);
/// A str, or an iterable of str.
std::vector<std::string> strings_argument(py::handle value);
/// One str or os.PathLike as a path.
std::string path_argument(py::handle value);

/// Python indexes into `text` (code points) for UTF-8 byte offsets, so `text[begin:end]` is what
/// the library's byte range `[begin, end)` covers. Built once per text: O(size).
class CharOffsets {
public:
  explicit CharOffsets(std::string_view utf8);
  std::size_t operator()(std::size_t byte) const;

private:
  std::vector<std::size_t> chars_before_; // index: byte offset
};

/// Analyzer options from keyword arguments, taken out of `kwargs`: `analyzer` (an Analyzer, whose
/// options replace the base), then language, stem, fold_variants, stopwords, variant_files,
/// stopword_files, entity_files on top. std::nullopt when none is given. `base` is called only
/// then: for a collection it reads the recorded options, so giving one setting keeps the others.
std::optional<AnalyzerOptions> analyzer_keywords(const std::function<AnalyzerOptions()>& base,
                                                 py::kwargs& kwargs);
/// Those keyword names, for error messages and docstrings.
extern const char* const analyzer_keyword_list;

/// Cast an enum-like string keyword against its known names, raising ValueError otherwise.
template <class Enum>
Enum choice(std::string_view keyword, py::handle value,
            std::initializer_list<std::pair<std::string_view, Enum>> names) {
  auto text = value.cast<std::string>();
  std::string known;
  for (const auto& [name, e] : names) {
    if (name == text) return e;
    known += (known.empty() ? "" : ", ") + std::string(name);
  }
  throw py::value_error(std::string(keyword) + ": '" + text + "' is not one of " + known);
}

} // namespace newsdex::python
