// What entity_stats, related_entities and entity_graph share: the collection opened with its
// analyzer and entity tables, the articles in scope, entity terms counted over them, a term's
// display name, and the association measure. Counts are articles, read from the `XE` terms.
#pragma once

#include <newsdex/analyzer.hpp>

#include "entities/recognizer.hpp"

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsdex::detail {

/// Entity term (`XE` + lower-cased name) -> articles naming it.
using EntityTermCounts = std::unordered_map<std::string, std::uint64_t>;

/// A collection opened for entity counting, checked against the analyzer it is read with.
struct EntityCollection {
  Xapian::Database db;
  Analyzer analyzer;
  std::shared_ptr<const EntityTables> tables;
};

/// Opens `path` (database_missing before any settings problem) and checks `given` (or the
/// recorded settings) against the collection's record, as Searcher does. Xapian's exceptions
/// pass through untranslated: callers run under at_boundary, which translates them after
/// retry_while_modified has had its chance.
EntityCollection open_entity_collection(const std::string& path,
                                        const std::optional<AnalyzerOptions>& given);

/// The documents matching `query` (newsdex's query language, lenient), ascending.
std::vector<Xapian::docid> matching_documents(EntityCollection& c, const std::string& query);

/// Entity term -> articles, over the given documents (their termlists).
EntityTermCounts count_entity_terms(const Xapian::Database& db,
                                    const std::vector<Xapian::docid>& ids);

/// Entity term -> articles, over the whole collection (term frequencies: no document read).
EntityTermCounts count_all_entity_terms(const Xapian::Database& db);

/// The entity terms by articles, most first, ties by term: the order `newsdex entities` lists.
std::vector<std::pair<std::string, std::uint64_t>> by_articles(const EntityTermCounts& counts);

/// The name as the recognizer wrote it (terms are lower-cased), read from the entities value of
/// one document holding `term`; the lower-cased name when none spells it.
std::string entity_display_name(const Xapian::Database& db, const std::string& term);

/// Dunning's log-likelihood ratio G² of a 2×2 contingency table of articles: k11 name both,
/// k12 the first only, k21 the second only, k22 neither.
double log_likelihood_g2(double k11, double k12, double k21, double k22);

} // namespace newsdex::detail
