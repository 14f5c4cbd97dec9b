// What a database records about how it was built, and the check that index and query side agree.
#pragma once

#include <newsdex/error.hpp>

#include <optional>
#include <string>

namespace Xapian {
class Database;
class WritableDatabase;
} // namespace Xapian

namespace newsdex::detail {

/// Throws Error(database_mismatch) when `db` was built with another schema version or analyzer
/// fingerprint than `fingerprint`. A database with no record (new, empty) passes.
void check_compatible(const Xapian::Database& db, const std::string& fingerprint,
                      const std::string& path);

/// Throws Error(database_mismatch) when `db` is not a newsdex database or has a schema version
/// this newsdex does not read; false for a database with no record that holds nothing yet (new,
/// empty: nothing to check), true otherwise.
bool check_schema(const Xapian::Database& db, const std::string& path);

/// The Error(database_mismatch) for a database built with another analyzer fingerprint than
/// `fingerprint` (a collection `newsdex reindex` rebuilds); std::nullopt when they agree.
std::optional<Error> analyzer_mismatch(const Xapian::Database& db, const std::string& fingerprint,
                                       const std::string& path);

/// Records the schema version and analyzer fingerprint (before the first commit).
void record_build(Xapian::WritableDatabase& db, const std::string& fingerprint);

/// True when `db` (its first shard, for a multi-database) was created by a newsdex of schema
/// version `version` or later (schema::meta_created), so that every document in it was written
/// in that layout or a later one.
bool created_at_least(const Xapian::Database& db, int version);

/// The schema version whose documents carry the expression terms (schema::expression_prefix).
inline constexpr int expression_terms_version = 4;

/// Records the time of a commit (ISO 8601 UTC), for `stats`.
void record_commit_time(Xapian::WritableDatabase& db);

} // namespace newsdex::detail
