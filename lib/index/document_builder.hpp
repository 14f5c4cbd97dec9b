// An Article becomes a Xapian::Document here, and only here (see schema.hpp for the mapping).
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/article.hpp>

#include "query/expression_terms.hpp"

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace newsdex::detail {

/// Weight (wdf) of a title word, where a body word has 1. A weight written at index time costs
/// queries nothing, unlike a second posting list for title terms. 4 by evaluation: mean MAP 0.3592
/// at 1, 0.3680 at 2, 0.3707 at 3, 0.3712 at 4, 0.3712 at 5 (docs/EVALUATION.md).
inline constexpr Xapian::termcount title_wdf = 4;

/// Positions between the title and the body, so phrases never span the two.
inline constexpr std::uint32_t field_gap = 100;

struct EntityTables;

/// Analyzers by language for one thread: the article's language picks one, the default is used
/// for articles with none. Also holds the entity tables of the analyzers' alias files, fetched
/// once by the owner (an Indexer, a run) rather than once an article: the alias files are read
/// when the tables are fetched, so one set sees one version of them.
class AnalyzerSet {
public:
  AnalyzerSet(const Analyzer& default_analyzer, std::shared_ptr<const EntityTables> entities)
      : default_(default_analyzer), entities_(std::move(entities)) {}
  Analyzer& get(const std::string& language);
  const EntityTables& entities() const { return *entities_; }
  /// The matcher of the phrase table's expressions for `analyzer` (one of get()'s), made on first
  /// use: the expressions analyzed as that analyzer reads them.
  ExpressionMatcher& expressions(Analyzer& analyzer);

private:
  Analyzer default_;
  std::map<std::string, Analyzer> others_;
  std::shared_ptr<const EntityTables> entities_;
  std::map<const Analyzer*, std::unique_ptr<ExpressionMatcher>> expressions_;
};

struct BuiltDocument {
  Xapian::Document document;
  std::string id; ///< the article's id (shard routing hashes it)
  std::string id_term;
  std::string content_hash; ///< hex, also stored in schema::hash_slot
  std::vector<std::string>
      spelling;           ///< distinct folded words, for "did you mean" (the writer adds them)
  std::size_t memory = 0; ///< estimate of the writer's memory for this document (batch sizing)
};

/// Throws Error(input) when the article has no id.
BuiltDocument build_document(const Article& article, AnalyzerSet& analyzers);

/// Hash of everything stored for an article: equal hashes mean re-indexing changes nothing.
std::string content_hash(const std::string& stored_data);

} // namespace newsdex::detail
