/// \file
/// Verifying a collection on disk: every shard's tables (Xapian's own check), the stub that lists
/// the shards, and the manifest each shard records. What `newsdex check` runs.
#pragma once

#include <newsdex/export.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace newsdex {

/// One thing found damaged.
struct CheckProblem {
  std::string path;    ///< the shard directory, or the stub file, that is damaged
  std::string part;    ///< what in it: a table ("postlist", "termlist", "docdata", "position",
                       ///< "spelling", "synonym"), "iamglass" (the version file), "shard" (the
                       ///< whole shard is missing or unreadable), "stub" or "manifest"
  std::string message; ///< what is wrong, as Xapian or newsdex found it
};

/// What was found about one local shard.
struct CheckedShard {
  std::string path;            ///< the shard's directory
  bool ok = true;              ///< no problem found in it (CheckReport::problems holds those found)
  std::uint64_t documents = 0; ///< 0 when the shard cannot be opened
  /// False when Xapian's structure check could not run: it opens the tables read/write, so a
  /// shard this process may not write is read entry by entry instead (every posting, document,
  /// term list, position list, spelling and synonym), which finds damage to what a search reads
  /// but not all that the structure check would (a disordered B-tree, damaged free blocks).
  bool tables_checked = true;
};

/// What check_collection found.
struct CheckReport {
  bool ok = true;                       ///< no problem found
  std::vector<CheckedShard> shards{};   ///< the local shards, in the stub's order
  std::vector<CheckProblem> problems{}; ///< everything found damaged, shards in the stub's order
  unsigned remote_shards = 0;     ///< listed in the stub, not checked (check them on their host)
  bool manifest_recorded = false; ///< the shards record a manifest (how it was built)
};

/// Checks the collection at `path`: the stub file (readable, listing shards that exist, in the
/// order each shard records for itself), every local shard's tables with Xapian's own structure
/// check (every block of every B-tree, not only those a search reads), and the manifest each shard
/// records (readable, the same in every shard). Damage is reported, never thrown; the check
/// only reads, but for an empty `newsdex.pin` it leaves in each shard it may write: a newsdex
/// writer of a shard pauses after its next commit until that shard is checked. Throws
/// Error(database_missing) when nothing is at `path`.
///
/// Xapian's check finds structural damage (truncated files, overwritten or zeroed blocks, broken
/// B-tree items); bytes changed inside an item's data that keep the structure valid (a changed
/// character of a stored article, say) are not detected.
NEWSDEX_EXPORT CheckReport check_collection(const std::string& path);

} // namespace newsdex
