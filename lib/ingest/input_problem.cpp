#include <newsdex/reader.hpp>

namespace newsdex {

const char* severity_name(InputProblem::Severity severity) {
  switch (severity) {
  case InputProblem::Severity::warning:
    return "warning";
  case InputProblem::Severity::skipped:
    return "skipped";
  case InputProblem::Severity::failed:
    return "failed";
  }
  return "failed";
}

} // namespace newsdex
