// Fuzz body: a remote shard as a user names it (`newsdex init --shard SPEC`,
// lib/storage/remote_spec.cpp). SPEC becomes a line of a stub file Xapian parses and, for the ssh
// form, a command line Xapian runs: whatever it is, remote_spec returns or throws newsdex::Error,
// and a line it returns is one line that reads back (parse_remote_line) as the same shard.
#pragma once

#include "fuzz/check.hpp"
#include "storage/collection.hpp"
#include "storage/remote_spec.hpp"

#include <newsdex/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace newsdex::fuzz {

inline int shard_spec(const std::uint8_t* data, std::size_t size) {
  const std::string spec(reinterpret_cast<const char*>(data), size);
  detail::RemoteSpec remote;
  try {
    remote = detail::remote_spec(spec);
  } catch (const Error& e) {
    NEWSDEX_FUZZ_CHECK(e.code() == Error::Code::usage);
    return 0;
  }
  for (char c : remote.line) NEWSDEX_FUZZ_CHECK(c != '\n' && c != '\r' && c != '\0');
  const detail::RemoteShard shard = detail::parse_remote_line(remote.line, "fuzz");
  if (spec.rfind("tcp:", 0) == 0) {
    NEWSDEX_FUZZ_CHECK(!shard.program);
    NEWSDEX_FUZZ_CHECK(shard.port >= 1 && shard.port <= 65535);
    NEWSDEX_FUZZ_CHECK(spec.size() > 4 && spec.compare(4, shard.host.size(), shard.host) == 0);
  } else {
    NEWSDEX_FUZZ_CHECK(shard.program && shard.command == "ssh");
    // The database path is the last argument, whole: no space split it.
    const std::string path = spec.substr(spec.find(':', 4) + 1);
    NEWSDEX_FUZZ_CHECK(shard.args.size() >= path.size() &&
                       shard.args.compare(shard.args.size() - path.size(), path.size(), path) == 0);
  }
  return 0;
}

} // namespace newsdex::fuzz
