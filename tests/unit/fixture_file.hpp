// The bytes of a file under tests/fixtures, for tests that parse real inputs.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace newsdex::test {

/// `relative` to tests/fixtures; a missing file fails the test and reads as empty.
inline std::string read_fixture(const std::string& relative) {
  std::ifstream in(std::string(NEWSDEX_FIXTURES) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in) << "missing fixture " << relative;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace newsdex::test
