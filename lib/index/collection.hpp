// A collection: one Xapian database, or a stub database file listing shards (local or remote).
// Every part of newsdex opens collections through here, so that one database, many shards and
// remote shards look the same to callers.
#pragma once

#include <xapian.h>

#include <string>

namespace newsdex::detail {

/// Opens `path` for reading. Throws Error(database_missing) when nothing is there.
Xapian::Database open_collection(const std::string& path);

/// Bytes the collection takes on disk (all local shards).
std::uint64_t collection_disk_size(const std::string& path);

} // namespace newsdex::detail
