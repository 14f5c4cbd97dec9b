// The JSON readers as `newsdex index` meets them: the bytes as a file of the given name, walked
// by InputWalker (line splitting, array splitting, the binary-file probe), each record through
// parse_record.
#pragma once

#include "fuzz/article_checks.hpp"
#include "fuzz/scratch_file.hpp"

#include <newsdex/reader.hpp>

#include <string>
#include <string_view>

namespace newsdex::fuzz {

inline void read_json_file(const std::string& name, std::string_view bytes) {
  const std::string path = scratch().write(name, bytes);
  InputWalker walker({path}, ReadOptions{});
  RawRecord record;
  while (walker.next(record, [](const InputProblem&) {})) parse_and_check(record);
}

} // namespace newsdex::fuzz
