// Fuzz body: JSON Lines files (lib/ingest/input_walker.cpp's line stream,
// lib/ingest/json_article.cpp's simdjson reader, UTF-8 repair of a record).
#pragma once

#include "fuzz/json_files.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace newsdex::fuzz {

inline int jsonl_reader(const std::uint8_t* data, std::size_t size) {
  read_json_file("input.jsonl", std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

} // namespace newsdex::fuzz
