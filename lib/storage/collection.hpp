// A collection: one Xapian database, or a stub database file listing shards (local or remote).
// Every part of newsdex opens collections through here, so that one database, many shards and
// remote shards look the same to callers.
//
// On-disk layout of a collection newsdex creates at PATH (see docs/ARCHITECTURE.md):
//
//   PATH            a Xapian stub database file: comment lines, then one `auto DIR` line per shard
//   PATH.d/gN/sK    shard K of generation N (a glass database)
//
// Readers open PATH like any Xapian database (`Xapian::Database(PATH)` follows the stub). A new
// generation (fresh build, compaction) is published by writing a new stub and rename(2)-ing it
// over PATH, so a reader sees the old collection or the new one, never half of each. A stub may
// also hold Xapian's own `remote` lines: a collection of remote shards only (`newsdex init
// --shard`, storage/remote_writer.hpp) is written in place through them; one mixing local and
// remote shards is searched, never written. A plain glass
// directory at PATH (built by Xapian itself) is read and written as a single shard.
#pragma once

#include <newsdex/error.hpp>

#include "storage/partitions.hpp"

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace newsdex::detail {

/// What is at a collection path.
struct CollectionLayout {
  bool exists = false;
  bool stub = false;                ///< PATH is a stub file (else a database directory)
  std::vector<std::string> shards;  ///< local shard paths as opened (stub-relative resolved)
  std::vector<std::string> remotes; ///< `remote` lines, verbatim
  /// Every database line in the stub's order: a local path, or a `remote` line verbatim.
  struct Entry {
    bool remote = false;
    std::string where;
  };
  std::vector<Entry> entries;
  unsigned generation = 0; ///< N of PATH.d/gN, 0 when not a newsdex stub
  /// A time-partitioned collection (partitions.hpp): its scheme, its shards per period, and the
  /// period of each local shard (parallel to `shards`; empty when not partitioned).
  PartitionScheme partition = PartitionScheme::none;
  unsigned shards_per_period = 0;
  std::vector<std::string> periods;
};

/// Reads the layout of `path` (does not open any database). Throws Error(database_corrupt) for
/// an unreadable stub, and for a partitioned one whose shards are not where the scheme puts them.
CollectionLayout read_layout(const std::string& path);

/// PATH.d: where the generations of a stub collection live.
std::string generations_dir(const std::string& path);
/// PATH.d/gN/sK
std::string shard_path(const std::string& path, unsigned generation, unsigned shard);

/// Writes a stub listing `shards` shards of `generation` to PATH.tmp, syncs it and renames it
/// over PATH (atomic for readers).
void publish_stub(const std::string& path, unsigned generation, unsigned shards);

/// Writes `text` to PATH.tmp, syncs it and renames it over PATH (atomic for readers), then syncs
/// the directory. Throws Error(database) when it cannot.
void write_stub(const std::string& path, const std::string& text);

/// The shard a document id goes to: fnv1a64(id) mod `shards` (stable; part of the format).
unsigned shard_of(std::string_view id, unsigned shards);

/// Opens `path` for reading. Throws Error(database_missing) when nothing is there. A stub with
/// `remote` lines is opened by newsdex itself, each remote shard with Xapian::Remote::open and
/// explicit timeouts (remote_timeout_ms()); a shard that does not answer is an Error(database)
/// naming it.
Xapian::Database open_collection(const std::string& path);

/// What open_collection_partial opened.
struct PartialCollection {
  Xapian::Database db;             ///< the shards that answered
  std::vector<std::string> failed; ///< remote shards that did not (RemoteShard::name())
  std::string error;               ///< the message open_collection would have thrown, or empty
};
/// As open_collection, but a remote shard that does not answer is left out and named in
/// `failed` rather than failing the open. Throws when no shard at all answers.
PartialCollection open_collection_partial(const std::string& path);

/// A stub's `remote` line, parsed as Xapian parses it: `remote HOST:PORT` (xapian-tcpsrv) or
/// `remote :PROGRAM ARGS...` (a program speaking the protocol on stdin/stdout, such as
/// `ssh HOST xapian-progsrv DB`).
struct RemoteShard {
  bool program = false;
  std::string host; ///< TCP: the host
  unsigned port = 0;
  std::string command; ///< program: the program
  std::string args;    ///< program: its arguments, space-separated
  /// How messages name the shard: HOST:PORT, or the command line.
  std::string name() const;
};
/// Parses a `remote` line (verbatim, "remote " included). Throws Error(database_corrupt) naming
/// `stub` for a line that names no host and port or program.
RemoteShard parse_remote_line(const std::string& line, const std::string& stub);

/// The remote timeout in milliseconds, for connecting and for each operation on a remote shard:
/// NEWSDEX_REMOTE_TIMEOUT (seconds, a decimal number > 0) or 10 seconds. Throws Error(usage)
/// for a value that is not a positive number.
unsigned remote_timeout_ms();

/// Opens one remote shard with remote_timeout_ms(). Throws Error(database) naming it when it
/// does not answer.
Xapian::Database open_remote(const RemoteShard& shard, const std::string& stub);

/// The error for a remote shard that did not answer within `timeout_ms`, for reading and writing.
Error remote_unanswered(const RemoteShard& shard, const Xapian::NetworkError& e,
                        unsigned timeout_ms, const std::string& stub);

/// The remote shards of the collection at `path` that do not answer now (each tried once, with
/// the timeout): what a NetworkError from a read of the collection is told by.
std::vector<std::string> unanswering_remotes(const std::string& path);

/// Which collection is at a path, told without opening it: the identity of the stub file. A new
/// generation (fresh build, compaction, reindex) is published by renaming a new stub over PATH,
/// so the stub's inode changes whenever one is; a reader compares this before each read to learn
/// that its open database is a generation behind (Xapian's Database::reopen() never re-reads a
/// stub). For a database directory at PATH only the directory's identity counts (its mtime
/// changes on every commit, which reopen() already follows). One stat(2).
struct CollectionVersion {
  bool exists = false;
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t modified_ns = 0;
  bool operator==(const CollectionVersion&) const = default;
};
CollectionVersion collection_version(const std::string& path);

/// Bytes the collection takes on disk (the local shards of its current generation).
std::uint64_t collection_disk_size(const std::string& path);

/// Bytes under a directory (or one file).
std::uint64_t disk_size(const std::string& path);

} // namespace newsdex::detail
