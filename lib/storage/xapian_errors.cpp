#include "storage/xapian_errors.hpp"

#include <xapian.h>

namespace newsdex::detail {

void rethrow_xapian(const Xapian::Error& e, const std::string& path) {
  using Code = Error::Code;
  const Location where{path, 0, 0};
  // Xapian::Error is not polymorphic: its subclasses are told apart by name.
  const std::string type = e.get_type();
  if (type == "DatabaseLockError")
    throw Error(Code::database_locked, "database is locked by another writer", where);
  if (type == "DatabaseNotFoundError")
    throw Error(Code::database_missing, "no database here (run `newsdex index` first)", where);
  if (type == "DatabaseCorruptError")
    throw Error(Code::database_corrupt, "database is corrupt: " + e.get_msg(), where);
  if (type == "DatabaseVersionError")
    throw Error(Code::database_mismatch, "database format is not supported: " + e.get_msg(), where);
  if (type == "DatabaseModifiedError")
    throw Error(Code::database, "database changed while reading; retry", where);
  if (type == "DatabaseOpeningError")
    throw Error(Code::database_missing, "cannot open database: " + e.get_msg(), where);
  if (type == "DatabaseError" || type == "DatabaseCreateError") {
    std::string msg = e.get_msg();
    if (msg.find("No space left") != std::string::npos)
      throw Error(Code::database, "disk full while writing the database", where);
    throw Error(Code::database, "database error: " + msg, where);
  }
  if (type == "NetworkError")
    throw Error(Code::database, "remote shard unreachable: " + e.get_msg(), where);
  throw Error(Code::internal, e.get_description(), where);
}

} // namespace newsdex::detail
