// What a fuzz body does when a property of the code under test fails: abort with a line that
// says which, so libFuzzer (and the regression test, as a death) reports it as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace newsdex::fuzz {

[[noreturn]] inline void property_failed(const char* what, const char* file, int line) {
  std::fprintf(stderr, "fuzz property failed at %s:%d: %s\n", file, line, what);
  std::abort();
}

} // namespace newsdex::fuzz

// Unlike assert(), never compiled out (the fuzz build is an optimised one).
#define NEWSDEX_FUZZ_CHECK(condition)                                                              \
  do {                                                                                             \
    if (!(condition)) ::newsdex::fuzz::property_failed(#condition, __FILE__, __LINE__);            \
  } while (false)
