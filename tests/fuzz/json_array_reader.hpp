// Fuzz body: `.json` files: a JSON array split into elements, JSON Lines, or pretty-printed
// objects one after another (InputWalker's splitting and json_value_end), each value read.
#pragma once

#include "fuzz/json_files.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace newsdex::fuzz {

inline int json_array_reader(const std::uint8_t* data, std::size_t size) {
  read_json_file("input.json", std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

} // namespace newsdex::fuzz
