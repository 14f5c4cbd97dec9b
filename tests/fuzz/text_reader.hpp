// Fuzz body: the plain-text reader (charset detection, UTF-8 repair, lib/ingest/text_parser.cpp,
// date normalization), through parse_record as the index pipeline calls it.
#pragma once

#include "fuzz/article_checks.hpp"

#include <newsdex/reader.hpp>

#include <cstddef>
#include <cstdint>

namespace newsdex::fuzz {

inline int text_reader(const std::uint8_t* data, std::size_t size) {
  RawRecord record;
  record.format = InputFormat::text;
  record.bytes.assign(reinterpret_cast<const char*>(data), size);
  record.where = {"fuzz.txt", 0, 0};
  record.default_id = "fuzz.txt";
  parse_and_check(record);
  return 0;
}

} // namespace newsdex::fuzz
