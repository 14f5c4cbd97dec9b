// libFuzzer target: see stored_article.hpp.
#include "fuzz/stored_article.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return newsdex::fuzz::stored_article(data, size);
}
