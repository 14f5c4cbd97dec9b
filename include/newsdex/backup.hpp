/// \file
/// A consistent copy of a collection, taken while a writer may be running.
#pragma once

#include <newsdex/export.hpp>

#include <cstdint>
#include <string>

namespace newsdex {

/// What backup() copied.
struct BackupSummary {
  unsigned shards = 0;         ///< shards copied (every shard of the collection: all are local)
  std::uint64_t documents = 0; ///< articles in the copy, all shards together
  std::uint64_t bytes = 0;     ///< on disk, the copy
};

/// Writes a copy of `collection` to `destination`, which must not exist (Error(usage)): a
/// collection of its own (a stub and destination.d/g1/sK), with the same settings (manifest).
/// Each shard is compacted from a reader, so a writer may keep running: each shard of the copy
/// is one committed revision (the one current when its copy began). A newsdex writer of that
/// shard pauses after its next commit until the shard's copy is done (the pause is arranged
/// through an empty `newsdex.pin` left in each source shard's directory); another writer's
/// commits that overtake the copy restart it. Remote shards are not copied (Error(usage)). Throws
/// Error(database_missing) when nothing is at `collection`, Error(io) when the copy cannot be
/// written.
NEWSDEX_EXPORT BackupSummary backup(const std::string& collection, const std::string& destination);

} // namespace newsdex
