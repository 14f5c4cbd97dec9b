// Fuzz body: what a collection reads of itself before opening any shard: the manifest's JSON
// (lib/storage/manifest.cpp) and the stub file listing the shards (read_layout in
// lib/storage/collection.cpp, and parse_remote_line for its `remote` lines), both from the same
// bytes. Each returns or throws newsdex::Error;
// a manifest that reads writes back into one that analyzes alike.
#pragma once

#include "fuzz/check.hpp"
#include "fuzz/scratch_file.hpp"
#include "storage/collection.hpp"
#include "storage/manifest.hpp"

#include <newsdex/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace newsdex::fuzz {

inline int manifest(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const detail::Manifest m = detail::manifest_from_json(text, "fuzz");
    const detail::Manifest back = detail::manifest_from_json(detail::to_json(m), "fuzz");
    NEWSDEX_FUZZ_CHECK(back.same_analysis(m));
    NEWSDEX_FUZZ_CHECK(back.format == m.format && back.schema_version == m.schema_version &&
                       back.fingerprint == m.fingerprint);
    (void)detail::differing_option(m, back);
  } catch (const Error&) {
  }
  try {
    const detail::CollectionLayout layout = detail::read_layout(scratch().write("stub", text));
    NEWSDEX_FUZZ_CHECK(layout.exists && layout.stub);
    // Each remote line as newsdex opens it (host and port, or a program and its arguments).
    for (const std::string& line : layout.remotes) {
      try {
        (void)detail::parse_remote_line(line, "fuzz");
      } catch (const Error&) {
      }
    }
  } catch (const Error&) {
  }
  return 0;
}

} // namespace newsdex::fuzz
