// newsdex.Analyzer: the analyzer the index and the query parser share, for looking at the terms a
// text becomes. Offsets are Python string indexes, so text[token.begin:token.end] is the token.
#include "bindings.hh"

#include <newsdex/analyzer.hpp>
#include <newsdex/stats.hpp>

#include <pybind11/stl.h>

namespace newsdex::python {
namespace {

/// A token with its terms copied and its offsets in code points.
struct PyToken {
  std::string term, word;
  std::uint32_t position = 0;
  std::size_t begin = 0, end = 0;
  std::string kind;
  bool stopword = false;
};

const char* kind_name(TokenKind kind) {
  switch (kind) {
  case TokenKind::word:
    return "word";
  case TokenKind::number:
    return "number";
  case TokenKind::acronym:
    return "acronym";
  case TokenKind::joined:
    return "joined";
  }
  return "word";
}

py::dict options_dict(const AnalyzerOptions& o) {
  py::dict d;
  d["language"] = o.language;
  d["stem"] = o.stem;
  d["fold_variants"] = o.fold_variants;
  d["stopwords"] = o.stopwords;
  d["variant_files"] = o.variant_files;
  d["stopword_files"] = o.stopword_files;
  d["entity_files"] = o.entity_files;
  return d;
}

std::vector<PyToken> analyze(Analyzer& analyzer, const std::string& text) {
  CharOffsets chars(text);
  std::vector<PyToken> out;
  analyzer.analyze(text, [&](const Token& t) {
    out.push_back({std::string(t.term), std::string(t.word), t.position, chars(t.begin),
                   chars(t.end), kind_name(t.kind), t.stopword});
  });
  return out;
}

} // namespace

const char* const analyzer_keyword_list = "analyzer, language, stem, fold_variants, stopwords, "
                                          "variant_files, stopword_files, entity_files";

std::optional<AnalyzerOptions> analyzer_keywords(const std::function<AnalyzerOptions()>& base,
                                                 py::kwargs& kwargs) {
  std::optional<AnalyzerOptions> out;
  auto take = [&](const char* name) -> py::object {
    if (!kwargs.contains(name)) return py::none();
    py::object value = kwargs[name];
    if (PyDict_DelItemString(kwargs.ptr(), name) != 0) throw py::error_already_set();
    if (!out && !value.is_none() && std::string_view(name) != "analyzer") out = base();
    return value;
  };
  try {
    if (auto v = take("analyzer"); !v.is_none()) out = v.cast<const Analyzer&>().options();
    if (auto v = take("language"); !v.is_none()) out->language = v.cast<std::string>();
    if (auto v = take("stem"); !v.is_none()) out->stem = v.cast<bool>();
    if (auto v = take("fold_variants"); !v.is_none()) out->fold_variants = v.cast<bool>();
    if (auto v = take("stopwords"); !v.is_none()) out->stopwords = v.cast<bool>();
    if (auto v = take("variant_files"); !v.is_none()) out->variant_files = paths_argument(v);
    if (auto v = take("stopword_files"); !v.is_none()) out->stopword_files = paths_argument(v);
    if (auto v = take("entity_files"); !v.is_none()) out->entity_files = paths_argument(v);
  } catch (const py::cast_error&) {
    throw py::type_error("analyzer options: language is a str, stem, fold_variants and "
                         "stopwords are bool, the *_files are paths, analyzer an Analyzer");
  }
  return out;
}

void bind_analyzer(py::module_& m) {
  py::class_<PyToken>(m, "Token", "One term of an analyzed text.")
      .def_readonly("term", &PyToken::term, "the indexed term (folded, stemmed)")
      .def_readonly("word", &PyToken::word, "the folded word before variants and stemming")
      .def_readonly("position", &PyToken::position, "word position")
      .def_readonly("begin", &PyToken::begin, "index of its first character in the text")
      .def_readonly("end", &PyToken::end, "index one past its last character")
      .def_readonly("kind", &PyToken::kind, "'word', 'number', 'acronym' or 'joined'")
      .def_readonly("stopword", &PyToken::stopword, "not indexed; its position still counts")
      .def("to_dict",
           [](const PyToken& t) {
             py::dict d;
             d["term"] = t.term;
             d["word"] = t.word;
             d["position"] = t.position;
             d["begin"] = t.begin;
             d["end"] = t.end;
             d["kind"] = t.kind;
             d["stopword"] = t.stopword;
             return d;
           })
      .def("__repr__", [](const PyToken& t) {
        return "Token(" + py::repr(py::str(t.term)).cast<std::string>() +
               ", position=" + std::to_string(t.position) + ", " + std::to_string(t.begin) + ":" +
               std::to_string(t.end) + ")";
      });

  py::class_<Analyzer>(m, "Analyzer", R"(The analyzer newsdex indexes and parses queries with.

Analyzer(language="en", stem=True, fold_variants=True, stopwords=True, variant_files=[],
         stopword_files=[], entity_files=[])
Analyzer.for_collection(path): the one a collection records (its manifest).

Not thread-safe: give each thread its own (copies are cheap).)")
      .def(py::init([](py::kwargs kwargs) {
        auto options = analyzer_keywords([] { return AnalyzerOptions{}; }, kwargs);
        if (!kwargs.empty())
          throw py::type_error("Analyzer() got an unexpected keyword argument '" +
                               py::str(kwargs.begin()->first).cast<std::string>() + "'");
        return Analyzer(options.value_or(AnalyzerOptions{}));
      }))
      .def_static(
          "for_collection",
          [](py::handle path) {
            auto options = recorded_analyzer_options(path_argument(path));
            return Analyzer(options.value_or(AnalyzerOptions{}));
          },
          py::arg("path"),
          "The analyzer the collection at `path` records; the defaults when it records none.")
      .def("analyze", &analyze, py::arg("text"), "The tokens of `text`, stopwords included.")
      .def(
          "terms",
          [](Analyzer& a, const std::string& text) {
            std::vector<std::string> out;
            a.analyze(text, [&](const Token& t) {
              if (!t.stopword) out.emplace_back(t.term);
            });
            return out;
          },
          py::arg("text"), "The indexed terms of `text`, in order (stopwords left out).")
      .def_property_readonly("language", &Analyzer::language, "canonical language code, e.g. 'en'")
      .def_property_readonly("fingerprint", &Analyzer::fingerprint,
                             "identifies the rules and tables; a collection records it")
      .def_property_readonly(
          "options", [](const Analyzer& a) { return options_dict(a.options()); },
          "the options, as keyword arguments for Analyzer(**options)")
      .def("__copy__", [](const Analyzer& a) { return Analyzer(a); })
      .def("__repr__",
           [](const Analyzer& a) { return "Analyzer(language='" + a.language() + "')"; });
}

} // namespace newsdex::python
