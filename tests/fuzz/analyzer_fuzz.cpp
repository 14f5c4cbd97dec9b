// libFuzzer target: see analyzer.hpp.
#include "fuzz/analyzer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::analyzer(data, size);
}
