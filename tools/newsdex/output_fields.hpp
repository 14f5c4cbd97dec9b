// Pieces every machine-readable output of the CLI spells the same way (docs/JSON.md): an empty
// string or an unknown line as JSON null, an input problem's fields, a CSV field.
#pragma once

#include <newsdex/reader.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace newsdex::cli {

/// `j` as text (`indent` -1: one line). Bytes that are not UTF-8 (a query typed in another
/// encoding, a file name) become U+FFFD: JSON is UTF-8, and nlohmann's dump would throw.
std::string json_text(const nlohmann::ordered_json& j, int indent = -1);

/// `s`, or null when it is empty.
nlohmann::ordered_json or_null(const std::string& s);

/// Adds an input problem's `severity`, `file`, `line`, `column` (null when unknown) and `message`.
void put_problem(nlohmann::ordered_json& j, const InputProblem& p);

/// One CSV field: quoted, its quotes doubled, when it holds a comma, a quote or a line break
/// (RFC 4180); as it is otherwise.
std::string csv_field(const std::string& s);

} // namespace newsdex::cli
