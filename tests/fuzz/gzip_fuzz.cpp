// libFuzzer target: see gzip.hpp.
#include "fuzz/gzip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::gzip(data, size);
}
