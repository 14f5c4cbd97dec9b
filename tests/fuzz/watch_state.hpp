// Fuzz body: the state file `newsdex watch` reads at every start (lib/index/watch_state.cpp),
// from any bytes: a crash, a full disk or a user's editor may have left anything there. Reading
// returns or throws newsdex::Error; what it read, written back and read again, is the same state;
// a field escapes and unescapes to itself.
#pragma once

#include "fuzz/check.hpp"
#include "fuzz/scratch_file.hpp"
#include "index/watch_state.hpp"

#include <newsdex/error.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace newsdex::fuzz {

inline int watch_state(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  NEWSDEX_FUZZ_CHECK(detail::unescape_state_field(detail::escape_state_field(text)) == text);
  try {
    const std::string file = scratch().write("watch-state", text);
    std::map<std::string, detail::WatchedFile> read;
    {
      detail::WatchState state(file);
      read = state.files();
      if (read.empty()) return 0; // most inputs: nothing to write back (and no fsync to pay)
      for (const auto& [path, f] : read) state.record(path, f);
      state.flush();
    }
    NEWSDEX_FUZZ_CHECK(detail::WatchState(file).files() == read);
  } catch (const Error&) {
  }
  return 0;
}

} // namespace newsdex::fuzz
