// Writing to remote shards (issue #16): a collection whose stub lists only `remote` lines (made by
// `newsdex init --shard SPEC`), each shard served by `xapian-tcpsrv --writable` or by
// `xapian-progsrv --writable` run over ssh, is written by the Indexer in place, through its
// servers; readers open the same stub as any remote collection (collection.hpp).
#pragma once

#include "storage/collection.hpp"

#include <xapian.h>

#include <optional>
#include <string>

namespace newsdex::detail {

/// Opens one remote shard for writing, with remote_timeout_ms() for connecting and for each
/// operation (Xapian's default for a writable remote is to wait forever). Throws Error(database)
/// naming the shard when it does not answer, Error(database_locked) when another writer holds
/// it, Error(database) when the server is not writable, Error(database_missing) when there is no
/// database (xapian-tcpsrv --writable creates its database when it starts; xapian-progsrv
/// --writable never does).
Xapian::WritableDatabase open_remote_writable(const RemoteShard& shard, const std::string& stub);

/// Where the writer of remote shard `k` keeps a local copy of the shard's spelling data:
/// PATH.d/spelling/sK. Xapian's remote backend stores spelling data on the server but serves no
/// suggestion from it, so the collection keeps its own beside the stub for `search` to suggest
/// from (Searcher), the words counted as the shard's writer counted them.
std::string local_spelling_path(const std::string& stub, unsigned k);

/// The local spelling copies of the remote collection at `stub` that exist, as one database for
/// get_spelling_suggestion; std::nullopt when there are none (nothing indexed from here yet).
std::optional<Xapian::Database> open_local_spelling(const std::string& stub, unsigned shards);

} // namespace newsdex::detail
