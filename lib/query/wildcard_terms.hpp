// What a wildcard (`shipyar*`) stands for when newsdex expands it itself: inside NEAR, ADJ and
// phrases, whose Xapian operators take no OP_WILDCARD, and alone, so that remote shards score it
// as a local collection does.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

namespace newsdex::detail {

/// The `keep` most frequent indexed terms that `start` begins, as OP_WILDCARD's
/// WILDCARD_LIMIT_MOST_FREQUENT chooses them (ties: the alphabetically first), most frequent
/// first. Read from `db` whole, so every shard, local or remote, expands alike. Memory is bounded
/// by `keep`, not by the terms `start` begins (`a*` begins most of the lexicon).
std::vector<std::string> most_frequent_terms(const Xapian::Database& db, const std::string& start,
                                             std::size_t keep);

} // namespace newsdex::detail
