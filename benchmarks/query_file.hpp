// The query files the latency benchmarks read (benchmarks/queries/*.txt): one query a line, '#'
// starts a comment line.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace newsdex::bench {

/// The queries of `path`. Throws std::runtime_error when it cannot be read or holds none (a
/// benchmark cycles through them).
inline std::vector<std::string> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.push_back(line);
  if (out.empty()) throw std::runtime_error("no queries in " + path);
  return out;
}

} // namespace newsdex::bench
