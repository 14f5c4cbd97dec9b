// libFuzzer target: see jsonl_reader.hpp.
#include "fuzz/jsonl_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::jsonl_reader(data, size);
}
