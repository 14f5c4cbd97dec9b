// Fuzz body: the HTML reader (declared charset, conversion and repair, gumbo, the article
// extraction of lib/ingest/html_parser.cpp), through parse_record as the index pipeline calls it.
#pragma once

#include "fuzz/article_checks.hpp"

#include <newsdex/reader.hpp>

#include <cstddef>
#include <cstdint>

namespace newsdex::fuzz {

inline int html_reader(const std::uint8_t* data, std::size_t size) {
  RawRecord record;
  record.format = InputFormat::html;
  record.bytes.assign(reinterpret_cast<const char*>(data), size);
  record.where = {"fuzz.html", 0, 0};
  record.default_id = "fuzz.html";
  parse_and_check(record);
  return 0;
}

} // namespace newsdex::fuzz
