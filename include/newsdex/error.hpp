/// \file
/// The one exception type libnewsdex throws.
#pragma once

#include <newsdex/export.hpp>

#include <cstddef>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

namespace newsdex {

/// Where an error happened: a file (with line and column when known) or a query column.
/// Fields that are unknown are empty or zero.
struct Location {
  std::string file;       ///< input file or database path
  std::size_t line = 0;   ///< 1-based line, 0 if unknown
  std::size_t column = 0; ///< 1-based column (byte) in the line or the query, 0 if unknown
};

/// "file:line:column", "file:line", "file" or "column N"; empty when nothing is known.
NEWSDEX_EXPORT std::string to_string(const Location& where);

/// Every error the library reports. Xapian and ICU failures are translated into one of these
/// at the library boundary; no `Xapian::Error` escapes. `what()` is the message with its
/// location in front ("articles.jsonl:12:5: ..."), the one line the CLI prints.
class NEWSDEX_EXPORT Error : public std::runtime_error {
public:
  /// What kind of failure, which decides what a caller does about it (the CLI's exit code:
  /// usage and query_syntax 2, input 65, io 74, the database codes 3, internal 70).
  enum class Code {
    usage,             ///< invalid option or argument
    query_syntax,      ///< the query could not be parsed (strict mode)
    input,             ///< an input file or record is unusable
    io,                ///< reading or writing a file failed
    database_missing,  ///< the database does not exist
    database_locked,   ///< another writer holds the database lock
    database_corrupt,  ///< the database cannot be read
    database_mismatch, ///< the database was built with an incompatible schema or analyzer
    database,          ///< any other database failure (disk full, permissions, ...)
    internal,          ///< a bug in newsdex
  };

  /// An error of kind `code`; `message` says what failed in words a user can act on, without
  /// the location, which `where` holds (what() joins them).
  Error(Code code, const std::string& message, Location where = {});

  /// The kind of failure.
  Code code() const noexcept { return code_; }
  /// The file, line and column or query column it concerns; empty fields when unknown.
  const Location& where() const noexcept { return where_; }
  /// The message without the location prefix.
  const std::string& message() const noexcept { return message_; }

  /// True for the codes that concern the database (CLI exit code 3).
  bool is_database_error() const noexcept;

private:
  Code code_;
  Location where_;
  std::string message_;
};

/// The name of `code` as newsdex's other interfaces spell it ("usage", "query_syntax", "input",
/// "io", "database_missing", "database_locked", "database_corrupt", "database_mismatch",
/// "database", "internal"): the `code` of the Python binding's NewsdexError and of the error
/// document of `newsdex serve` (docs/JSON.md).
NEWSDEX_EXPORT std::string_view to_string(Error::Code code) noexcept;

/// The Error that the exception `e` stands for, translated as every public function translates
/// what fails inside it (a full disk, a locked or damaged database, a file system error; anything
/// unknown is Code::internal); `where` names the collection when the exception names no place.
/// Never throws. For a program's std::terminate handler, as the newsdex CLI has: Xapian 1.4.22
/// lets an exception escape from inside WritableDatabase::commit when a write fails (a full disk;
/// docs/RELIABILITY.md, "Faults survived"), which ends the process, and the handler can still say
/// what happened as the library would have (`error_from(std::current_exception())`). What was
/// committed before is kept: Xapian's commits survive the process dying.
NEWSDEX_EXPORT Error error_from(std::exception_ptr e, const std::string& where = {}) noexcept;

} // namespace newsdex
