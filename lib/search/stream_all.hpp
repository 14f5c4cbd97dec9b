// Every match of a query, in pages of a fixed size, so that memory does not grow with the number
// of matches: Xapian's MSet holds every item up to offset + limit, so `get_mset(0, doccount)` (or
// paging by offset) holds them all. Instead each page asks for the first matches *after* the
// last docid delivered, through a posting source that starts at that docid: a page costs what
// its own matches cost, and the pages never overlap or skip, even while a writer commits.
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstddef>
#include <functional>

namespace newsdex::detail {

/// Matches per page. A knob for tests (a small page makes a small collection span many pages).
inline std::atomic<std::size_t> stream_page_size{1000};

/// Calls `visit` for every document of `db` that `query` matches, in docid order, each once, a
/// page of stream_page_size at a time (weights are not computed: BoolWeight). `db` must be one
/// local database (docids of a multi-database interleave; a posting source of newsdex's does not
/// run on a remote one). Reopens `db` when a writer's commits invalidate it, resuming after the
/// last docid delivered. Returns false when `visit` returned false.
bool each_match(Xapian::Database& db, const Xapian::Query& query,
                const std::function<bool(const Xapian::MSetIterator&)>& visit);

} // namespace newsdex::detail
