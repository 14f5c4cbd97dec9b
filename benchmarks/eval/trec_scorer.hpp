// Relevance evaluation the way trec_eval does it: TREC qrels and runs in, MAP, nDCG@10, P@10,
// Recall@100 and Recall@1000 out, per query and averaged over the judged queries.
//
// Semantics (those of trec_eval 9.x run as `trec_eval -c -M 1000`, with these measures):
//   - A run's own rank column is ignored: each query's lines are re-sorted by score, descending,
//     ties broken by docid descending (byte-wise string compare, as trec_eval's strcmp).
//   - Only the first `depth` documents of that order count (default 1000).
//   - A document is relevant when its qrels value is > 0; unjudged documents are not relevant.
//   - nDCG uses the qrels value as gain (linear), discount log2(rank + 1), and the ideal ranking
//     of every judged document of the query, best value first.
//   - Queries with no relevant document in the qrels are skipped (neither scored nor averaged).
//   - A judged query missing from the run scores 0 on every measure and counts in the mean.
//   - Run queries absent from the qrels are ignored.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace newsdex::eval {

/// Documents per query that count, as trec_eval's `-M 1000`.
inline constexpr std::size_t default_depth = 1000;

/// Judgments: qid -> docid -> relevance value (> 0 relevant; 0 or less judged not relevant).
using Qrels = std::map<std::string, std::map<std::string, long>>;

/// One retrieved document of a run.
struct RunEntry {
  std::string docid;
  double score = 0;
};

/// A run: qid -> retrieved documents, in file order (the scorer sorts them).
using Run = std::map<std::string, std::vector<RunEntry>>;

/// The five measures, for one query or averaged.
struct Measures {
  double map = 0;        ///< average precision (its mean is MAP)
  double ndcg10 = 0;     ///< nDCG@10
  double p10 = 0;        ///< precision at 10 (always out of 10)
  double recall100 = 0;  ///< relevant in the first 100 / relevant
  double recall1000 = 0; ///< relevant in the first 1000 / relevant
};

/// The measures of one judged query, with the counts behind them.
struct QueryScores {
  std::string qid;
  Measures measures;
  std::size_t relevant = 0;           ///< documents with a qrels value > 0
  std::size_t retrieved = 0;          ///< run documents considered (at most `depth`)
  std::size_t relevant_retrieved = 0; ///< of those, relevant
  bool in_run = false;                ///< false: the query was absent from the run (scored 0)
};

/// A whole evaluation.
struct Evaluation {
  std::vector<QueryScores> queries;   ///< every judged query, in qid order (string order)
  Measures mean;                      ///< arithmetic mean over `queries`; all 0 when there are none
  std::size_t relevant = 0;           ///< sum over `queries`
  std::size_t retrieved = 0;          ///< sum over `queries`
  std::size_t relevant_retrieved = 0; ///< sum over `queries`
  std::size_t missing = 0;            ///< judged queries absent from the run
};

/// Parses qrels lines `qid iter docid rel` (whitespace-separated; blank lines are skipped).
/// Throws std::runtime_error naming `name` and the line on a malformed line or a docid judged
/// twice for one query.
Qrels parse_qrels(std::istream& in, const std::string& name = "qrels");
Qrels read_qrels(const std::string& path);

/// Parses run lines `qid Q0 docid rank score tag` (whitespace-separated; fields after the tag,
/// blank lines and lines starting with '#' are ignored). Throws std::runtime_error naming `name`
/// and the line on a malformed line, a score that is not a number, or a docid retrieved twice for
/// one query (trec_eval refuses those too).
Run parse_run(std::istream& in, const std::string& name = "run");
Run read_run(const std::string& path);

/// Writes one run line: `qid Q0 docid rank score tag`, score with enough digits to round-trip.
void write_run_line(std::ostream& out, const std::string& qid, const std::string& docid,
                    std::size_t rank, double score, const std::string& tag);

/// `entries` in trec_eval's order: score descending, then docid descending.
void sort_run_entries(std::vector<RunEntry>& entries);

/// Scores one query's retrieved documents against its judgments (docid -> value). `entries`
/// need not be sorted. A query without relevant documents scores 0 everywhere. Throws
/// std::invalid_argument when a docid occurs twice among the first `depth` entries.
QueryScores score_query(const std::string& qid, std::vector<RunEntry> entries,
                        const std::map<std::string, long>& judgments,
                        std::size_t depth = default_depth);

/// Scores every judged query of `qrels` (those with at least one relevant document) against
/// `run`, and the means over them.
Evaluation evaluate(const Qrels& qrels, const Run& run, std::size_t depth = default_depth);

} // namespace newsdex::eval
