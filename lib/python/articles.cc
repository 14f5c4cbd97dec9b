// newsdex.Article: the one value readers produce, the indexer takes and a searcher shows.
#include "bindings.hh"

#include <newsdex/article.hpp>
#include <newsdex/reader.hpp>

#include <pybind11/stl.h>

namespace newsdex::python {
namespace {

py::dict article_dict(const Article& a) {
  py::dict d;
  d["id"] = a.id;
  d["title"] = a.title;
  d["body"] = a.body;
  d["date"] = a.date;
  d["source"] = a.source;
  d["url"] = a.url;
  d["language"] = a.language;
  d["author"] = a.author;
  d["place"] = a.place;
  d["headings"] = a.headings;
  return d;
}

bool same(const Article& a, const Article& b) {
  return a.id == b.id && a.title == b.title && a.body == b.body && a.date == b.date &&
         a.source == b.source && a.url == b.url && a.language == b.language &&
         a.author == b.author && a.place == b.place && a.headings == b.headings;
}

} // namespace

void bind_articles(py::module_& m) {
  py::class_<Article>(m, "Article", R"(One news article. Empty strings mean "unknown".

Article(id="x1", title="Allies agree", body="NATO allies agreed ...", date="2025-02-14",
        source="Reuters", url="", language="", author="", place="", headings=[])

Every field is an attribute; to_dict() gives them as a dict, and Article(**d) reads one back.)")
      .def(py::init([](std::string id, std::string title, std::string body, std::string date,
                       std::string source, std::string url, std::string language,
                       std::string author, std::string place, std::vector<std::string> headings) {
             return Article{std::move(id),       std::move(title),  std::move(body),
                            std::move(date),     std::move(source), std::move(url),
                            std::move(language), std::move(author), std::move(place),
                            std::move(headings)};
           }),
           py::kw_only(), py::arg("id") = "", py::arg("title") = "", py::arg("body") = "",
           py::arg("date") = "", py::arg("source") = "", py::arg("url") = "",
           py::arg("language") = "", py::arg("author") = "", py::arg("place") = "",
           py::arg("headings") = std::vector<std::string>{})
      .def_readwrite("id", &Article::id, "unique id")
      .def_readwrite("title", &Article::title, "headline")
      .def_readwrite("body", &Article::body, "text, paragraphs separated by blank lines")
      .def_readwrite("date", &Article::date, "YYYY-MM-DD (UTC) or ''")
      .def_readwrite("source", &Article::source, "publisher, e.g. 'Reuters'")
      .def_readwrite("url", &Article::url, "canonical URL")
      .def_readwrite("language", &Article::language, "ISO 639-1 code; '': the collection's")
      .def_readwrite("author", &Article::author, "byline, when known")
      .def_readwrite("place", &Article::place, "dateline place ('BRUSSELS'), when known")
      .def_readwrite("headings", &Article::headings, "section headings found in the body")
      .def("to_dict", &article_dict, "Every field, as a dict (Article(**d) reads it back).")
      .def("to_json", &article_to_json,
           "One JSON Lines record holding every field: what `newsdex export` writes and "
           "`newsdex index` (or Indexer.index) reads back.")
      .def("__eq__", [](const Article& a, const Article& b) { return same(a, b); })
      .def("__repr__", [](const Article& a) {
        return "Article(id=" + py::repr(py::str(a.id)).cast<std::string>() +
               ", title=" + py::repr(py::str(a.title)).cast<std::string>() + ")";
      });

  m.def("parse_text", &parse_text_article, py::arg("text"),
        R"(A plain-text article as `newsdex index` reads a .txt file: optional `Key: value`
header block (Title, Date, Source, URL, Author, Language, Id), headline or lead-sentence title,
dateline place, subheadings, trailing "Source:" line. Dates are left as written.)");
}

} // namespace newsdex::python
