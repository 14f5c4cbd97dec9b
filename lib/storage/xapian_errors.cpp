#include "storage/xapian_errors.hpp"

#include "storage/collection.hpp"

#include <xapian.h>

#include <filesystem>

namespace newsdex::detail {
namespace {

bool mentions(const std::string& text, std::string_view what) {
  return text.find(what) != std::string::npos;
}

// The system error behind a Xapian error, as strerror spells it: Xapian keeps errno apart from
// the message for some errors (DatabaseError("Error writing block", errno)) and folds it into the
// message for others (DatabaseLockError's "Couldn't open lockfile: Permission denied").
std::string system_error_of(const Xapian::Error& e) {
  const char* s = e.get_error_string();
  return (s ? std::string(s) : std::string()) + " " + e.get_msg();
}

// A full disk or a write that is not allowed: the two faults a user fixes outside newsdex, so the
// message says which, whatever Xapian class reported it. Returns normally for anything else.
void throw_if_environment(const Xapian::Error& e, const Location& where) {
  const std::string sys = system_error_of(e);
  for (std::string_view full : {"No space left on device", "Disk quota exceeded"})
    if (mentions(sys, full))
      throw Error(Error::Code::database,
                  "disk full (" + std::string(full) +
                      ") while writing the database: what was committed before is kept; free "
                      "space and run the same command again",
                  where);
  // Many shards (time partitions) can run out of file descriptors; Xapian then reports the shard
  // it could not open as if it were not there.
  if (mentions(sys, "Too many open files"))
    throw Error(Error::Code::database,
                "too many open files while opening the database's shards (" + e.get_msg() +
                    "): raise the limit (`ulimit -n`) or search fewer shards",
                where);
  if (mentions(sys, "Permission denied") || mentions(sys, "Read-only file system") ||
      mentions(sys, "Operation not permitted"))
    throw Error(Error::Code::database,
                "permission denied: cannot write the database (" + e.get_msg() +
                    (e.get_error_string() ? std::string(": ") + e.get_error_string() : "") + ")",
                where);
}

} // namespace

void rethrow_xapian(const Xapian::Error& e, const std::string& path) {
  using Code = Error::Code;
  const Location where{path, 0, 0};
  // Xapian::Error is not polymorphic: its subclasses are told apart by name.
  const std::string type = e.get_type();
  const std::string msg = e.get_msg();
  if (type == "DatabaseModifiedError")
    throw Error(Code::database, "database changed while reading; retry", where);
  throw_if_environment(e, where);
  if (type == "DatabaseLockError")
    throw Error(Code::database_locked, "database is locked by another writer", where);
  // A collection that is there but whose shard is not: a damaged collection, not a missing one.
  std::error_code ec;
  const bool exists = !path.empty() && std::filesystem::exists(path, ec);
  if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError") {
    if (mentions(msg, "Bad line"))
      throw Error(
          Code::database_corrupt,
          "database is corrupt: the collection's stub file has a line Xapian cannot read (" + msg +
              "): run `newsdex check`",
          where);
    if (exists)
      throw Error(Code::database_corrupt,
                  "database is damaged: a shard is missing or is not a Xapian database (" + msg +
                      "): run `newsdex check`",
                  where);
    if (type == "DatabaseNotFoundError")
      throw Error(Code::database_missing, "no database here (run `newsdex index` first)", where);
    throw Error(Code::database_missing, "cannot open database: " + msg, where);
  }
  if (type == "DatabaseCorruptError")
    throw Error(Code::database_corrupt, "database is corrupt: " + msg + " (run `newsdex check`)",
                where);
  if (type == "DatabaseVersionError")
    throw Error(Code::database_mismatch, "database format is not supported: " + msg, where);
  if (type == "DatabaseError" || type == "DatabaseCreateError") {
    // A truncated table file, or a B-tree item that runs out of its block: damage, which Xapian
    // reports as a plain DatabaseError.
    if (mentions(msg, "EOF reading block") || mentions(msg, "Couldn't read enough") ||
        mentions(msg, "outside block"))
      throw Error(Code::database_corrupt, "database is corrupt: " + msg + " (run `newsdex check`)",
                  where);
    const char* sys = e.get_error_string();
    throw Error(Code::database,
                "database error: " + msg + (sys ? std::string(" (") + sys + ")" : ""), where);
  }
  if (type == "NetworkError" || type == "NetworkTimeoutError") {
    // Xapian does not say which shard of a multi-database failed: each remote one is tried.
    std::string named;
    for (const std::string& shard : unanswering_remotes(path))
      named.append(named.empty() ? "" : ", ").append(shard);
    throw Error(Code::database,
                (named.empty() ? std::string("a remote shard failed")
                               : "remote shard " + named + " does not answer") +
                    " (" + msg + "; timeout " + std::to_string(remote_timeout_ms()) +
                    " ms, NEWSDEX_REMOTE_TIMEOUT)",
                where);
  }
  throw Error(Code::internal, e.get_description(), where);
}

} // namespace newsdex::detail
