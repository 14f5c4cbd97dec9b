// The data tables behind the analyzer: stopwords and spelling variants per language. Shipped tables
// are embedded in the library (lib/data/); users add files of their own through AnalyzerOptions.
#pragma once

#include <newsdex/analyzer.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace newsdex::detail {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
using StringMap = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;

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

/// The data file embedded from lib/data/, empty when there is none.
std::string_view embedded_file(std::string_view name);

} // namespace newsdex::detail
