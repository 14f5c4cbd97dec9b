// libFuzzer target: see text_reader.hpp.
#include "fuzz/text_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::text_reader(data, size);
}
