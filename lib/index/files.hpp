// File-system steps shared by the fresh build, compaction and the opening of a
// collection: a generation is made durable before its stub is published, and
// leftovers of a dead or replaced build are removed without failing the run.
#pragma once

#include <string>

namespace newsdex::detail {

/// fsyncs every file under `dir`, then `dir` itself (errors ignored: a file
/// that cannot be opened is not one the generation needs).
void fsync_tree(const std::string& dir);

/// Removes `path` recursively; a failure leaves a leftover, never an error.
void remove_quietly(const std::string& path);

} // namespace newsdex::detail
