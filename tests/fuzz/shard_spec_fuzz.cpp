// libFuzzer target: see shard_spec.hpp.
#include "fuzz/shard_spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::shard_spec(data, size);
}
