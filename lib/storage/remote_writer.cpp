#include "storage/remote_writer.hpp"

#include <newsdex/error.hpp>

#include <filesystem>

namespace newsdex::detail {

Xapian::WritableDatabase open_remote_writable(const RemoteShard& shard, const std::string& stub) {
  const unsigned timeout = remote_timeout_ms();
  const Location where{stub, 0, 0};
  try {
    if (shard.program) return Xapian::Remote::open_writable(shard.command, shard.args, timeout);
    return Xapian::Remote::open_writable(shard.host, shard.port, timeout, timeout);
  } catch (const Xapian::NetworkError& e) { // NetworkTimeoutError too
    throw remote_unanswered(shard, e, timeout, stub);
  } catch (const Xapian::DatabaseNotFoundError& e) { // xapian-progsrv creates no database
    throw Error(Error::Code::database_missing,
                "remote shard " + shard.name() + " has no database (" + e.get_msg() +
                    "): create it on the shard's host first (xapian-metadata set DIR "
                    "newsdex.shard K/N, docs/SCALE.md)",
                where);
  } catch (const Xapian::DatabaseLockError&) {
    throw Error(Error::Code::database_locked,
                "remote shard " + shard.name() + " is locked by another writer", where);
  } catch (const Xapian::InvalidOperationError& e) { // "Server is read-only"
    throw Error(Error::Code::database,
                "remote shard " + shard.name() + " cannot be written (" + e.get_msg() +
                    "): serve it with xapian-tcpsrv --writable",
                where);
  } catch (const Xapian::Error& e) {
    throw Error(Error::Code::database,
                "remote shard " + shard.name() + ": " + e.get_type() + ": " + e.get_msg(), where);
  }
}

std::string local_spelling_path(const std::string& stub, unsigned k) {
  return generations_dir(stub) + "/spelling/s" + std::to_string(k);
}

std::optional<Xapian::Database> open_local_spelling(const std::string& stub, unsigned shards) {
  std::optional<Xapian::Database> all;
  for (unsigned k = 0; k < shards; ++k) {
    std::error_code ec;
    const std::string dir = local_spelling_path(stub, k);
    if (!std::filesystem::is_directory(dir, ec)) continue;
    if (!all) all.emplace();
    all->add_database(Xapian::Database(dir));
  }
  return all;
}

} // namespace newsdex::detail
