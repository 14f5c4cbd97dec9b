// The data tables behind the analyzer: stopwords and spelling variants per language. Shipped tables
// are embedded in the library (lib/data/); users add files of their own through AnalyzerOptions.
#pragma once

#include "common/string_hash.hpp"

#include <newsdex/analyzer.hpp>

#include <memory>
#include <string>
#include <vector>

namespace newsdex::detail {

struct LanguageTables {
  std::string language;      ///< ISO 639-1 code, or the Snowball name where there is none
  std::string data_language; ///< whose shipped tables apply ("de" for german2)
  std::string snowball;      ///< Xapian::Stem name, empty for none
  StringSet stopwords;       ///< folded forms
  StringMap variants;        ///< folded variant -> folded canonical spelling
  StringSet elisions;      ///< elided articles and pronouns ("l" of "l'armée"), removed from words
  std::string fingerprint; ///< hash of the rules version and every table's content
};

/// Tables for `options` (language and extra files), built once and shared. Throws Error(usage)
/// for an unknown language or an unreadable file.
std::shared_ptr<const LanguageTables> language_tables(const AnalyzerOptions& options);

/// The fingerprint of the entity tables for AnalyzerOptions::entity_files, which the analyzer
/// fingerprint includes: the XE terms depend on those tables, and a database records one
/// fingerprint. Declared here, where it is needed, and defined by the entities layer above
/// (lib/entities/tables.cpp), so analysis includes nothing of entities.
std::string entity_fingerprint(const std::vector<std::string>& entity_files);

} // namespace newsdex::detail
