// "Did you mean": a word of the query that matches nothing is most often misspelt, and the
// spelling data Xapian keeps at index time knows the collection's words. The suggestion is the
// user's own query with only those words replaced, capitals kept, so it can be run again as it
// reads: the rest of the query (operators, fields, phrases) is left byte for byte.
#pragma once

#include "query/query_parser.hpp"

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsdex::detail {

/// `query` with each of `words` (its positive free-text words) that matches nothing in `db`
/// replaced by the spelling data's suggestion, read from `spelling` when given (a remote
/// collection's local copy: remote_writer.hpp) and from `db` otherwise. Empty when every word
/// matches, nothing better is known, or the spelling data cannot be read (a remote shard serves
/// none).
std::string suggest_query(const Xapian::Database& db, const std::string& query,
                          const std::vector<QueryWord>& words,
                          const Xapian::Database* spelling = nullptr);

/// `suggestion` with the capitals of the word it replaces: "Ukrane" -> "Ukraine",
/// "UKRANE" -> "UKRAINE" (the spelling data holds folded words).
std::string recase(std::string_view original, std::string suggestion);

} // namespace newsdex::detail
