// The best passage of a text for a query, with the matched words marked, found with the shared
// analyzer's byte offsets (so what is highlighted is exactly what matched).
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/searcher.hpp>

#include <set>
#include <string>
#include <vector>

namespace newsdex::detail {

struct Snippet {
  std::string text;
  std::vector<Highlight> highlights;
};

/// At most `max_bytes` of `text` (plus "…" marks where cut), around the densest cluster of
/// distinct terms of `terms`; the start of the text when nothing matches.
Snippet make_snippet(std::string_view text, const std::set<std::string>& terms, Analyzer& analyzer,
                     std::size_t max_bytes);

} // namespace newsdex::detail
