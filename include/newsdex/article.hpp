/// \file
/// The value every reader produces and the indexer consumes.
#pragma once

#include <string>
#include <vector>

namespace newsdex {

/// One news article. Empty strings mean "unknown".
struct Article {
  std::string id;       ///< unique id; becomes the `Q` term (hashed when too long, see schema.hpp)
  std::string title;    ///< headline
  std::string body;     ///< text, paragraphs separated by blank lines
  std::string date;     ///< `YYYY-MM-DD` (UTC) or empty
  std::string source;   ///< publisher, e.g. "Reuters"
  std::string url;      ///< canonical URL
  std::string language; ///< ISO 639-1 code, e.g. "en"; empty means the analyzer's default
  std::string author;   ///< byline, when known
  std::string place;    ///< dateline place ("BRUSSELS"), when known
  std::vector<std::string> headings; ///< section headings found in the body
};

} // namespace newsdex
