// libFuzzer target: see manifest.hpp.
#include "fuzz/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::manifest(data, size);
}
