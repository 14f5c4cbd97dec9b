// The documents a query matches, without ranking: what deleting by query removes. Index and search
// both build on this layer; neither needs the other's public class for it.
#pragma once

#include <xapian.h>

#include <vector>

namespace newsdex::detail {

/// Every document of `db` that `query` matches, in document id order. Reads the matches in chunks
/// with boolean weighting, so memory is one id a match.
std::vector<Xapian::docid> matching_documents(const Xapian::Database& db,
                                              const Xapian::Query& query);

} // namespace newsdex::detail
