// libFuzzer target: see charset.hpp.
#include "fuzz/charset.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::charset(data, size);
}
