// The query tree `--explain` prints: a Xapian::Query as an indented outline.
#pragma once

#include <xapian.h>

#include <string>

namespace newsdex::detail {

/// The query as an indented tree, one node a line ("OR", "  AND", "    ukrain" ...). A scaled
/// subquery shows its factor ("SCALE_WEIGHT 0.25").
std::string describe_query(const Xapian::Query& query);

} // namespace newsdex::detail
