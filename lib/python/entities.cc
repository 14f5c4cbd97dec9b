// Named entities: recognition in a text, and entity statistics over a collection.
#include "bindings.hh"

#include <newsdex/entities.hpp>

#include <pybind11/stl.h>

namespace newsdex::python {
namespace {

/// A mention with its offsets in code points of the text it was found in.
struct PyMention {
  std::size_t begin = 0, end = 0;
  std::string type, name;
};

std::string type_name(EntityType type) {
  return std::string(entity_type_name(type));
}

py::dict count_dict(const EntityCount& c) {
  py::dict d;
  d["name"] = c.name;
  d["type"] = type_name(c.type);
  d["articles"] = c.articles;
  return d;
}

py::dict related_dict(const RelatedEntity& r) {
  py::dict d;
  d["name"] = r.name;
  d["type"] = type_name(r.type);
  d["together"] = r.together;
  d["articles"] = r.articles;
  d["score"] = r.score;
  return d;
}

} // namespace

void bind_entities(py::module_& m) {
  py::class_<PyMention>(m, "EntityMention", "A name found in a text.")
      .def_readonly("begin", &PyMention::begin, "index of its first character in the text")
      .def_readonly("end", &PyMention::end, "index one past its last (a possessive 's left out)")
      .def_readonly("type", &PyMention::type,
                    "'person', 'organization', 'place', 'other', 'unknown'")
      .def_readonly("name", &PyMention::name, "canonical name ('United States' for 'U.S.')")
      .def("to_dict",
           [](const PyMention& e) {
             py::dict d;
             d["begin"] = e.begin;
             d["end"] = e.end;
             d["type"] = e.type;
             d["name"] = e.name;
             return d;
           })
      .def("__repr__", [](const PyMention& e) {
        return "EntityMention(" + py::repr(py::str(e.name)).cast<std::string>() + ", " + e.type +
               ", " + std::to_string(e.begin) + ":" + std::to_string(e.end) + ")";
      });

  m.def(
      "find_entities",
      [](const std::string& text, py::handle alias_files) {
        auto files =
            alias_files.is_none() ? std::vector<std::string>{} : paths_argument(alias_files);
        CharOffsets chars(text);
        std::vector<PyMention> out;
        for (auto& e : find_entities(text, 0, files))
          out.push_back({chars(e.begin), chars(e.end), type_name(e.type), std::move(e.name)});
        return out;
      },
      py::arg("text"), py::kw_only(), py::arg("alias_files") = py::none(),
      "The names the indexer's recognizer finds in `text`; `alias_files` add to the shipped "
      "alias table (docs/ENTITIES.md).");

  py::class_<EntityCount>(m, "EntityCount", "An entity and the number of articles naming it.")
      .def_readonly("name", &EntityCount::name)
      .def_property_readonly("type", [](const EntityCount& c) { return type_name(c.type); })
      .def_readonly("articles", &EntityCount::articles)
      .def("to_dict", &count_dict)
      .def("__repr__", [](const EntityCount& c) {
        return "EntityCount(" + py::repr(py::str(c.name)).cast<std::string>() + ", " +
               std::to_string(c.articles) + ")";
      });
  py::class_<EntityStats>(m, "EntityStats", "Top entities over a collection or a query's matches.")
      .def_readonly("articles", &EntityStats::articles, "articles counted over")
      .def_readonly("entities", &EntityStats::entities, "most articles first")
      .def("to_dict", [](const EntityStats& s) {
        py::dict d;
        d["articles"] = s.articles;
        py::list entities;
        for (const auto& c : s.entities) entities.append(count_dict(c));
        d["entities"] = entities;
        return d;
      });
  py::class_<RelatedEntity>(m, "RelatedEntity", "An entity named together with another.")
      .def_readonly("name", &RelatedEntity::name)
      .def_property_readonly("type", [](const RelatedEntity& r) { return type_name(r.type); })
      .def_readonly("together", &RelatedEntity::together, "articles naming both")
      .def_readonly("articles", &RelatedEntity::articles, "articles naming this entity")
      .def_readonly("score", &RelatedEntity::score, "log-likelihood ratio G²")
      .def("to_dict", &related_dict)
      .def("__repr__", [](const RelatedEntity& r) {
        return "RelatedEntity(" + py::repr(py::str(r.name)).cast<std::string>() + ", " +
               std::to_string(r.together) + ")";
      });
  py::class_<RelatedEntities>(m, "RelatedEntities", "Entities associated with one entity.")
      .def_readonly("entity", &RelatedEntities::entity, "canonical name of the entity asked for")
      .def_readonly("articles", &RelatedEntities::articles, "articles counted over")
      .def_readonly("with_entity", &RelatedEntities::with_entity, "of those, naming the entity")
      .def_readonly("related", &RelatedEntities::related, "highest score first")
      .def("to_dict", [](const RelatedEntities& r) {
        py::dict d;
        d["entity"] = r.entity;
        d["articles"] = r.articles;
        d["with_entity"] = r.with_entity;
        py::list related;
        for (const auto& e : r.related) related.append(related_dict(e));
        d["related"] = related;
        return d;
      });
}

} // namespace newsdex::python
