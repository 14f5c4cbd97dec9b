#include "storage/database_meta.hpp"

#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include <xapian.h>

#include <charconv>
#include <chrono>
#include <ctime>

namespace newsdex::detail {

bool check_schema(const Xapian::Database& db, const std::string& path) {
  const std::string schema = db.get_metadata(std::string(schema::meta_schema));
  if (schema.empty() && db.get_metadata(std::string(schema::meta_analyzer)).empty()) {
    if (db.get_doccount() == 0) return false;
    throw Error(Error::Code::database_mismatch,
                "not a newsdex database (no schema record); index into a new path", {path, 0, 0});
  }
  int version = 0;
  auto [end, err] = std::from_chars(schema.data(), schema.data() + schema.size(), version);
  if (err != std::errc() || end != schema.data() + schema.size() ||
      version < schema::oldest_readable_version || version > schema::version)
    throw Error(Error::Code::database_mismatch,
                "database has schema version " + schema + ", this newsdex reads versions " +
                    std::to_string(schema::oldest_readable_version) + " to " +
                    std::to_string(schema::version) + "; re-index into a new database",
                {path, 0, 0});
  return true;
}

std::optional<Error> analyzer_mismatch(const Xapian::Database& db, const std::string& fingerprint,
                                       const std::string& path) {
  const std::string analyzer = db.get_metadata(std::string(schema::meta_analyzer));
  if (analyzer == fingerprint) return std::nullopt;
  return Error(Error::Code::database_mismatch,
               "database was built with analyzer " + analyzer + " but this search uses " +
                   fingerprint +
                   " (a different language, newsdex version or data file such as --variants), "
                   "and results would silently differ: use the options it was built with, or "
                   "rebuild it from its stored articles with `newsdex reindex`",
               {path, 0, 0});
}

void check_compatible(const Xapian::Database& db, const std::string& fingerprint,
                      const std::string& path) {
  if (!check_schema(db, path)) return;
  if (std::optional<Error> mismatch = analyzer_mismatch(db, fingerprint, path)) throw *mismatch;
}

void record_build(Xapian::WritableDatabase& db, const std::string& fingerprint) {
  db.set_metadata(std::string(schema::meta_schema), std::to_string(schema::version));
  db.set_metadata(std::string(schema::meta_analyzer), fingerprint);
}

bool created_at_least(const Xapian::Database& db, int version) {
  const std::string created = db.get_metadata(std::string(schema::meta_created));
  int recorded = 0;
  auto [end, err] = std::from_chars(created.data(), created.data() + created.size(), recorded);
  return err == std::errc() && end == created.data() + created.size() && recorded >= version;
}

void record_commit_time(Xapian::WritableDatabase& db) {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  db.set_metadata(std::string(schema::meta_last_commit), buf);
}

} // namespace newsdex::detail
