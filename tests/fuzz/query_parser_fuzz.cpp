// libFuzzer target: see query_parser.hpp.
#include "fuzz/query_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::query_parser(data, size);
}
