// libFuzzer target: see html_reader.hpp.
#include "fuzz/html_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::html_reader(data, size);
}
