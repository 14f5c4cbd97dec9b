// libFuzzer target: see entities.hpp.
#include "fuzz/entities.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::entities(data, size);
}
