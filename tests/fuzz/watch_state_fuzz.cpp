// libFuzzer target: see watch_state.hpp.
#include "fuzz/watch_state.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::watch_state(data, size);
}
