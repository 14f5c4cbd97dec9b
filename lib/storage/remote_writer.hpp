// Writing to remote shards (issue #16): a collection whose stub lists only `remote` lines (made by
// `newsdex init --shard SPEC`), each shard served by `xapian-tcpsrv --writable` or by
// `xapian-progsrv --writable` run over ssh, is written by the Indexer in place, through its
// servers; readers open the same stub as any remote collection (collection.hpp).
#pragma once

#include "storage/collection.hpp"

#include <xapian.h>

#include <string>

namespace newsdex::detail {

/// Opens one remote shard for writing, with remote_timeout_ms() for connecting and for each
/// operation (Xapian's default for a writable remote is to wait forever). Throws Error(database)
/// naming the shard when it does not answer, Error(database_locked) when another writer holds
/// it, Error(database) when the server is not writable, Error(database_missing) when there is no
/// database (xapian-tcpsrv --writable creates its database when it starts; xapian-progsrv
/// --writable never does).
Xapian::WritableDatabase open_remote_writable(const RemoteShard& shard, const std::string& stub);

} // namespace newsdex::detail
