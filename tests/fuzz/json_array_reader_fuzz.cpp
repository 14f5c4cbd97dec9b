// libFuzzer target: see json_array_reader.hpp.
#include "fuzz/json_array_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::json_array_reader(data, size);
}
