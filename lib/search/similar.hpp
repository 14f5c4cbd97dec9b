// The query behind "articles like this one" (Searcher::similar): relevance feedback with the
// article as the whole relevant set. Xapian's ESet picks the terms that best tell the article apart
// from the collection, and those terms, ORed, are an ordinary ranked query; so the rest of a search
// (facets, snippets, hits) applies to it unchanged.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <set>
#include <string>

namespace newsdex::detail {

struct SimilarQuery {
  Xapian::Query query;             ///< the terms ORed, the article itself excluded
  std::set<std::string> highlight; ///< the terms, for snippets
  std::string described;           ///< the terms, space-separated, best first
};

/// The query for articles like the one with id `id`, from its `terms` best expansion terms; text
/// terms only (a field or filter term says nothing of what the article is about). Throws
/// Error(usage) when no article has `id`.
SimilarQuery similar_query(const Xapian::Database& db, const std::string& id, std::size_t terms);

} // namespace newsdex::detail
