// LLVM's FuzzedDataProvider, for the fuzz bodies that draw options from the input's bytes. clang
// finds it in its resource directory; g++ (which builds the normal suite, where
// tests/unit/fuzz_regressions_test.cpp replays saved inputs through the same bodies) finds the
// same header where Debian's clang-14 installs it, so both builds decode an input alike.
#pragma once

#if __has_include(<fuzzer/FuzzedDataProvider.h>)
#include <fuzzer/FuzzedDataProvider.h>
#else
#include <clang/14/include/fuzzer/FuzzedDataProvider.h>
#endif
