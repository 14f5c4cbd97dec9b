// The documents a query matches, without ranking: what deleting by query removes. Index and search
// both build on this layer; neither needs the other's public class for it.
#pragma once

#include <xapian.h>

#include <vector>

namespace newsdex::detail {

/// `query` for a match without weights (BoolWeight), in the form Xapian 1.4.22 runs right: its
/// unweighted match of a term that every document holds fails with "Unexpected end of posting
/// list" (DatabaseCorruptError, on a sound database) once any document has been deleted, unless
/// the query is the filter of MatchAll. Every BoolWeight match goes through this.
Xapian::Query unweighted(const Xapian::Query& query);

/// Every document of `db` that `query` matches, in document id order. Reads the matches in chunks
/// with boolean weighting, so memory is one id a match.
std::vector<Xapian::docid> matching_documents(const Xapian::Database& db,
                                              const Xapian::Query& query);

} // namespace newsdex::detail
