// libFuzzer target: see serve_request.hpp.
#include "fuzz/serve_request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::serve_request(data, size);
}
