// The baseline every judged set is tested against: plain Xapian by the book (TermGenerator and
// QueryParser with the English stemmer, title then body, Xapian's default BM25), as issue 8's
// peer table ran it.
#pragma once

#include "eval/collection_run.hpp"
#include "eval/trec_scorer.hpp"

#include <string>
#include <vector>

namespace newsdex::eval {

/// Indexes `docs_jsonl` (fields id, title, body) into a new Xapian database at `db_path`,
/// replacing what is there. Throws std::runtime_error naming the file and line on bad JSON.
void build_plain_xapian(const std::string& docs_jsonl, const std::string& db_path);

/// Runs every query through QueryParser (default flags, stemming STEM_SOME, OR) and BM25Weight()
/// and returns the top `depth` of each.
Run run_plain_xapian(const std::string& db_path, const std::vector<JudgedQuery>& queries,
                     std::size_t depth = default_depth);

} // namespace newsdex::eval
