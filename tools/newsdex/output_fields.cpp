#include "output_fields.hpp"

namespace newsdex::cli {

std::string json_text(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

void put_problem(nlohmann::ordered_json& j, const InputProblem& p) {
  auto unless_zero = [](std::size_t n) {
    return n ? nlohmann::ordered_json(n) : nlohmann::ordered_json(nullptr);
  };
  j["severity"] = severity_name(p.severity);
  j["file"] = p.where.file;
  j["line"] = unless_zero(p.where.line);
  j["column"] = unless_zero(p.where.column);
  j["message"] = p.message;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

} // namespace newsdex::cli
