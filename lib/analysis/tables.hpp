// The data tables behind the analyzer: stopwords and spelling variants per language. Shipped tables
// are embedded in the library (lib/data/); users add files of their own through AnalyzerOptions.
#pragma once

#include "common/string_hash.hpp"

#include <newsdex/analyzer.hpp>

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace newsdex::detail {

/// The tables built from data files, shared by every analyzer (and recognizer) of the same
/// files, keyed by what decides their content: the options and the files' *contents*, never
/// their paths, so a file edited in a long-running process yields new tables and a new
/// fingerprint. Bounded: the least recently used entry goes once `capacity` are held, so a
/// process that keeps editing its files keeps a few tables, not one per version. Thread-safe;
/// `build` runs under the lock (tables are built rarely, and two threads asking for the same
/// tables then build them once).
template <class Tables> class TableCache {
public:
  explicit TableCache(std::size_t capacity) : capacity_(capacity) {}

  template <class Build> std::shared_ptr<const Tables> get(const std::string& key, Build&& build) {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->first != key) continue;
      entries_.splice(entries_.begin(), entries_, it); // most recently used first
      return it->second;
    }
    std::shared_ptr<const Tables> built = build();
    entries_.emplace_front(key, built);
    if (entries_.size() > capacity_) entries_.pop_back();
    return built;
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }

private:
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<std::pair<std::string, std::shared_ptr<const Tables>>> entries_;
};

/// Tables a process keeps at most in each table cache (language tables, entity tables).
inline constexpr std::size_t table_cache_capacity = 16;

/// How many language tables are cached now (at most table_cache_capacity); for tests.
std::size_t language_tables_cached();

struct LanguageTables {
  std::string language;      ///< ISO 639-1 code, or the Snowball name where there is none
  std::string data_language; ///< whose shipped tables apply ("de" for german2)
  std::string snowball;      ///< Xapian::Stem name, empty for none
  StringSet stopwords;       ///< folded forms
  StringMap variants;        ///< folded variant -> folded canonical spelling
  StringSet elisions;      ///< elided articles and pronouns ("l" of "l'armée"), removed from words
  std::string fingerprint; ///< hash of the rules version and every table's content
};

/// Tables for `options` (language and extra files), built once per content of those files and
/// shared (TableCache). Reads the user's files on every call. Throws Error(usage) for an unknown
/// language or an unreadable file.
std::shared_ptr<const LanguageTables> language_tables(const AnalyzerOptions& options);

/// The fingerprint of the entity tables for AnalyzerOptions::entity_files, which the analyzer
/// fingerprint includes: the XE terms depend on those tables, and a database records one
/// fingerprint. Declared here, where it is needed, and defined by the entities layer above
/// (lib/entities/tables.cpp), so analysis includes nothing of entities. Reads the files (their
/// contents key the entity tables' cache).
std::string entity_fingerprint(const std::vector<std::string>& entity_files);

} // namespace newsdex::detail
