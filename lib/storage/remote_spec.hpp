// The remote shards a user names (`newsdex init --shard SPEC`), turned into the `remote` lines of
// a Xapian stub file, and the stub of a collection of remote shards. A SPEC is untrusted text
// that ends up in a file Xapian parses and, for the ssh form, in a command line Xapian runs: it
// is checked here, in one place, and fuzzed (tests/fuzz/shard_spec.hpp).
#pragma once

#include <string>
#include <vector>

namespace newsdex::detail {

/// A `--shard` SPEC as a stub's `remote` line.
struct RemoteSpec {
  std::string line; ///< "remote HOST:PORT" or "remote :ssh ... xapian-progsrv --writable PATH"
  /// A tcp shard on another machine: xapian-tcpsrv has no authentication and no encryption.
  bool unauthenticated = false;
};

/// Parses SPEC:
///   tcp:HOST:PORT          -> `remote HOST:PORT`, a xapian-tcpsrv --writable
///   ssh:[USER@]HOST:/PATH  -> `remote :ssh -o BatchMode=yes [USER@]HOST xapian-progsrv
///                             --writable /PATH` (ssh authenticates and encrypts)
/// Throws Error(usage) naming SPEC and the expected forms for anything else: spaces or control
/// characters (Xapian splits a program's arguments at spaces; a newline would start another stub
/// line), a port outside 1..65535, a host ssh would read as an option, a relative path.
RemoteSpec remote_spec(const std::string& spec);

/// Writes the stub of a collection of the remote shards `lines` (shard K is line K: the order
/// routing by id hash uses) to PATH.tmp and renames it over `path`. Throws Error(io).
void write_remote_stub(const std::string& path, const std::vector<std::string>& lines);

} // namespace newsdex::detail
