// libFuzzer target: see date_parser.hpp.
#include "fuzz/date_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::date_parser(data, size);
}
