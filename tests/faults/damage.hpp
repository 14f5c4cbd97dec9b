// Ways to damage a glass shard on disk, for the corruption tests: each the kind of damage a disk,
// a filesystem or a stray program leaves (a short file, a lost file, a block of zeros, garbage).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

namespace newsdex::test {

/// Where a table's B-tree lives in its file, as Xapian's check reports it.
struct TableShape {
  unsigned block_size = 8192;
  unsigned root = 0;         ///< the root block: every lookup in the table reads it
  unsigned first_unused = 0; ///< blocks [0, first_unused) may hold the tree
};

inline TableShape table_shape(const std::string& shard, const std::string& table) {
  std::ostringstream out;
  Xapian::Database::check(shard + "/" + table + ".glass", Xapian::DBCHECK_SHOW_STATS, &out);
  // "blocksize=8K items=661 firstunused=9 revision=1 levels=1 root=2"
  const std::string text = out.str();
  auto number = [&](const std::string& key) {
    auto at = text.find(key + "=");
    if (at == std::string::npos) throw std::runtime_error("no " + key + " in: " + text);
    return static_cast<unsigned>(std::stoul(text.substr(at + key.size() + 1)));
  };
  TableShape shape;
  shape.block_size = number("blocksize") * 1024;
  shape.root = number("root");
  shape.first_unused = number("firstunused");
  return shape;
}

inline void overwrite(const std::string& file, std::uint64_t offset, const std::string& bytes) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  if (!f) throw std::runtime_error("cannot open " + file);
  f.seekp(static_cast<std::streamoff>(offset));
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!f) throw std::runtime_error("cannot write " + file);
}

inline void zero_block(const std::string& file, unsigned block, unsigned block_size) {
  overwrite(file, std::uint64_t{block} * block_size, std::string(block_size, '\0'));
}

/// `length` bytes from a fixed-seed generator (std::mt19937's output is fixed by the standard, so
/// the same seed damages alike everywhere).
inline std::string random_bytes(std::uint32_t seed, std::size_t length) {
  std::mt19937 rng(seed);
  std::string s(length, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

inline void truncate_file(const std::string& file, std::uintmax_t size) {
  std::filesystem::resize_file(file, size);
}

} // namespace newsdex::test
