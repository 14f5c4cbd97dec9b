#include "stats_output.hpp"

#include "output_fields.hpp"

namespace newsdex::cli {

nlohmann::ordered_json stats_json(const std::string& db, const CollectionStats& s) {
  nlohmann::ordered_json j;
  j["format_version"] = 1;
  j["database"] = db;
  j["documents"] = s.documents;
  j["terms"] = s.terms;
  j["size_bytes"] = s.size_bytes;
  j["first_date"] = or_null(s.first_date);
  j["last_date"] = or_null(s.last_date);
  j["last_commit"] = or_null(s.last_commit);
  j["schema_version"] = s.schema_version;
  j["analyzer"] = s.analyzer;
  j["shards"] = s.shards;
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  for (const auto& [name, count] : s.fields) fields[name] = count;
  j["fields"] = fields;
  if (s.settings.recorded) {
    j["settings"] = {
        {"language", s.settings.language},           {"stem", s.settings.stem},
        {"fold_variants", s.settings.fold_variants}, {"stopwords", s.settings.stopwords},
        {"variant_files", s.settings.variant_files}, {"stopword_files", s.settings.stopword_files},
        {"entity_files", s.settings.entity_files}};
  } else {
    j["settings"] = nullptr;
  }
  return j;
}

} // namespace newsdex::cli
