// Conversions between Python values and the library's: paths, text, character offsets.
#include "bindings.hh"

namespace newsdex::python {

py::str text(std::string_view utf8) {
  PyObject* s = PyUnicode_DecodeUTF8(utf8.data(), static_cast<Py_ssize_t>(utf8.size()), "replace");
  if (!s) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

std::string path_argument(py::handle value) {
  // os.fsencode accepts str, bytes and os.PathLike (anything else: TypeError) and gives the
  // file system's bytes, so a name that is not UTF-8 (read by Python as surrogates) round-trips.
  return py::module_::import("os").attr("fsencode")(value).cast<std::string>();
}

std::vector<std::string> paths_argument(py::handle value) {
  if (py::isinstance<py::str>(value) || py::isinstance<py::bytes>(value) ||
      py::hasattr(value, "__fspath__"))
    return {path_argument(value)};
  std::vector<std::string> out;
  for (py::handle item : py::iter(value)) out.push_back(path_argument(item));
  return out;
}

std::vector<std::string> strings_argument(py::handle value) {
  if (py::isinstance<py::str>(value)) return {value.cast<std::string>()};
  std::vector<std::string> out;
  for (py::handle item : py::iter(value)) out.push_back(item.cast<std::string>());
  return out;
}

CharOffsets::CharOffsets(std::string_view utf8) : chars_before_(utf8.size() + 1) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    chars_before_[i] = chars;
    // A code point starts at every byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) ++chars;
  }
  chars_before_[utf8.size()] = chars;
}

std::size_t CharOffsets::operator()(std::size_t byte) const {
  return chars_before_[std::min(byte, chars_before_.size() - 1)];
}

} // namespace newsdex::python
