// The TREC scorer against hand-computed examples; the arithmetic is in the comments.
#include <eval/trec_scorer.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using newsdex::eval::evaluate;
using newsdex::eval::Evaluation;
using newsdex::eval::parse_qrels;
using newsdex::eval::parse_run;
using newsdex::eval::Qrels;
using newsdex::eval::QueryScores;
namespace ev = newsdex::eval;

constexpr double tolerance = 1e-12;

Qrels qrels_from(const std::string& text) {
  std::istringstream in(text);
  return parse_qrels(in);
}

ev::Run run_from(const std::string& text) {
  std::istringstream in(text);
  return parse_run(in);
}

// "d" + n zero-padded to `width` digits, e.g. padded("d", 7, 4) == "d0007".
std::string padded(const std::string& prefix, int n, std::size_t width) {
  std::string digits = std::to_string(n);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return prefix + digits;
}

// The scores of one query (a copy: callers pass temporaries).
QueryScores query(const Evaluation& evaluation, const std::string& qid) {
  for (const auto& scores : evaluation.queries) {
    if (scores.qid == qid) return scores;
  }
  throw std::runtime_error("query " + qid + " not evaluated");
}

TEST(TrecScorer, AveragePrecisionRelevantAtRanksOneAndThree) {
  const Qrels qrels = qrels_from("1 0 d1 1\n"
                                 "1 0 d3 1\n"
                                 "1 0 d2 0\n");
  const ev::Run run = run_from("1 Q0 d1 1 3.0 t\n"
                               "1 Q0 d2 2 2.0 t\n"
                               "1 Q0 d3 3 1.0 t\n");
  const Evaluation evaluation = evaluate(qrels, run);
  ASSERT_EQ(evaluation.queries.size(), 1u);
  const auto& q = evaluation.queries[0];
  EXPECT_EQ(q.relevant, 2u);
  EXPECT_EQ(q.retrieved, 3u);
  EXPECT_EQ(q.relevant_retrieved, 2u);
  // Relevant at ranks 1 and 3: precisions 1/1 and 2/3; AP = (1 + 2/3) / 2 = 5/6.
  EXPECT_NEAR(q.measures.map, (1.0 + 2.0 / 3.0) / 2.0, tolerance);
  EXPECT_NEAR(q.measures.map, 0.833333333333, 1e-9);
  // P@10 divides by 10 even with 3 retrieved: 2/10.
  EXPECT_NEAR(q.measures.p10, 0.2, tolerance);
  // DCG@10 = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5; ideal = 1/log2(2) + 1/log2(3) = 1.6309298;
  // nDCG@10 = 1.5 / 1.6309298 = 0.9197208.
  EXPECT_NEAR(q.measures.ndcg10, 1.5 / (1.0 + 1.0 / std::log2(3.0)), tolerance);
  EXPECT_NEAR(q.measures.ndcg10, 0.9197208, 1e-7);
  EXPECT_NEAR(q.measures.recall100, 1.0, tolerance);
  EXPECT_NEAR(q.measures.recall1000, 1.0, tolerance);
  // One query: the mean is that query.
  EXPECT_NEAR(evaluation.mean.map, q.measures.map, tolerance);
}

TEST(TrecScorer, AveragePrecisionDividesByAllRelevantIncludingUnretrieved) {
  // Three relevant; d2 and d4 retrieved at ranks 2 and 4, d9 never.
  const Qrels qrels = qrels_from("7 0 d2 1\n7 0 d4 1\n7 0 d9 1\n");
  const ev::Run run = run_from("7 Q0 d1 1 4 t\n7 Q0 d2 2 3 t\n7 Q0 d3 3 2 t\n7 Q0 d4 4 1 t\n");
  const QueryScores q = query(evaluate(qrels, run), "7");
  // AP = (1/2 + 2/4) / 3 = 1/3.
  EXPECT_NEAR(q.measures.map, 1.0 / 3.0, tolerance);
  // Recall = 2/3 at both cutoffs.
  EXPECT_NEAR(q.measures.recall100, 2.0 / 3.0, tolerance);
  EXPECT_NEAR(q.measures.recall1000, 2.0 / 3.0, tolerance);
}

TEST(TrecScorer, RankColumnIsIgnoredAndScoreDecides) {
  // The file claims d3 is first, but its score is the lowest: order is d1 (9.5), d2 (1e1 = 10 is
  // higher: numeric, not string compare) ... so d2, d1, d3.
  const Qrels qrels = qrels_from("q 0 d2 1\n");
  const ev::Run run = run_from("q Q0 d3 1 0.5 t\n"
                               "q Q0 d1 2 9.5 t\n"
                               "q Q0 d2 3 1e1 t\n");
  const QueryScores q = query(evaluate(qrels, run), "q");
  // d2 at rank 1: AP = 1/1.
  EXPECT_NEAR(q.measures.map, 1.0, tolerance);
}

TEST(TrecScorer, TiesBrokenByDocidDescending) {
  // Equal scores: trec_eval orders by strcmp(docid) descending, so c, b, a, whatever the file
  // order and rank column say. Relevant: a only, which lands at rank 3.
  const Qrels qrels = qrels_from("1 0 a 1\n");
  const ev::Run run = run_from("1 Q0 a 1 5 t\n"
                               "1 Q0 b 2 5 t\n"
                               "1 Q0 c 3 5 t\n");
  const QueryScores q = query(evaluate(qrels, run), "1");
  // AP = (1/3) / 1 = 1/3.
  EXPECT_NEAR(q.measures.map, 1.0 / 3.0, tolerance);
  // nDCG@10 = (1/log2(4)) / (1/log2(2)) = 0.5.
  EXPECT_NEAR(q.measures.ndcg10, 0.5, tolerance);
}

TEST(TrecScorer, TieBreakIsStringCompareNotNumeric) {
  // "9" > "10" as strings ('9' > '1'), so with equal scores "9" comes first and "10" second.
  const Qrels qrels = qrels_from("1 0 10 1\n");
  const ev::Run run = run_from("1 Q0 10 1 2.5 t\n"
                               "1 Q0 9 2 2.5 t\n");
  const QueryScores q = query(evaluate(qrels, run), "1");
  // "10" at rank 2: AP = 1/2.
  EXPECT_NEAR(q.measures.map, 0.5, tolerance);
}

TEST(TrecScorer, GradedNdcgUsesLinearGain) {
  // Judgments: d1 = 3, d2 = 2, d3 = 1, d4 = 0. Run order (by score): d3, d4, d1, d2.
  const Qrels qrels = qrels_from("5 0 d1 3\n5 0 d2 2\n5 0 d3 1\n5 0 d4 0\n");
  const ev::Run run = run_from("5 Q0 d3 1 4 t\n5 Q0 d4 2 3 t\n5 Q0 d1 3 2 t\n5 Q0 d2 4 1 t\n");
  const QueryScores q = query(evaluate(qrels, run), "5");
  // DCG = 1/log2(2) + 0/log2(3) + 3/log2(4) + 2/log2(5) = 1 + 0 + 1.5 + 0.8613531 = 3.3613531
  // Ideal order d1, d2, d3: 3/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 1.2618595 + 0.5 = 4.7618595
  // nDCG@10 = 3.3613531 / 4.7618595 = 0.7058909
  const double dcg = 1.0 + 3.0 / 2.0 + 2.0 / std::log2(5.0);
  const double ideal = 3.0 + 2.0 / std::log2(3.0) + 1.0 / 2.0;
  EXPECT_NEAR(q.measures.ndcg10, dcg / ideal, tolerance);
  EXPECT_NEAR(q.measures.ndcg10, 0.7058909, 1e-7);
  // Binary measures count any rel > 0: relevant at ranks 1, 3, 4 of 3 relevant.
  // AP = (1/1 + 2/3 + 3/4) / 3 = 0.8055556.
  EXPECT_NEAR(q.measures.map, (1.0 + 2.0 / 3.0 + 3.0 / 4.0) / 3.0, tolerance);
  EXPECT_EQ(q.relevant, 3u);
}

TEST(TrecScorer, NdcgStopsAtTenAndIdealKeepsTheTenBest) {
  // Twelve relevant documents r01..r12, all value 1, plus one of value 2 (g). The run retrieves
  // g at rank 11 and r01 at rank 1, with nonrelevant n02..n10 between.
  std::string qrels_text = "1 0 g 2\n";
  for (int i = 1; i <= 12; ++i) {
    qrels_text += "1 0 " + padded("r", i, 2) + " 1\n";
  }
  std::string run_text = "1 Q0 r01 1 100 t\n";
  for (int i = 2; i <= 10; ++i) {
    run_text += "1 Q0 " + padded("n", i, 2) + " 0 " + std::to_string(100 - i) + " t\n";
  }
  run_text += "1 Q0 g 11 1 t\n";
  const QueryScores q = query(evaluate(qrels_from(qrels_text), run_from(run_text)), "1");
  // DCG@10 = 1/log2(2) = 1 (g at rank 11 is past the cutoff).
  // Ideal@10 = 2/log2(2) + sum_{rank=2..10} 1/log2(rank+1).
  double ideal = 2.0;
  for (int rank = 2; rank <= 10; ++rank) ideal += 1.0 / std::log2(rank + 1.0);
  EXPECT_NEAR(q.measures.ndcg10, 1.0 / ideal, tolerance);
  // P@10 = 1/10; AP = (1/1 + 2/11) / 13.
  EXPECT_NEAR(q.measures.p10, 0.1, tolerance);
  EXPECT_NEAR(q.measures.map, (1.0 + 2.0 / 11.0) / 13.0, tolerance);
}

TEST(TrecScorer, MissingJudgedQueryScoresZeroAndCountsInMean) {
  // Queries 1 and 2 are judged; the run answers only query 1, perfectly.
  const Qrels qrels = qrels_from("1 0 a 1\n2 0 b 1\n");
  const ev::Run run = run_from("1 Q0 a 1 1 t\n");
  const Evaluation evaluation = evaluate(qrels, run);
  ASSERT_EQ(evaluation.queries.size(), 2u);
  EXPECT_EQ(evaluation.missing, 1u);
  const QueryScores missing = query(evaluation, "2");
  EXPECT_FALSE(missing.in_run);
  EXPECT_EQ(missing.relevant, 1u);
  EXPECT_EQ(missing.retrieved, 0u);
  EXPECT_EQ(missing.measures.map, 0.0);
  EXPECT_EQ(missing.measures.ndcg10, 0.0);
  EXPECT_EQ(missing.measures.p10, 0.0);
  EXPECT_EQ(missing.measures.recall100, 0.0);
  EXPECT_EQ(missing.measures.recall1000, 0.0);
  EXPECT_TRUE(query(evaluation, "1").in_run);
  // Query 1: AP 1, nDCG 1, P@10 1/10, recall 1. Means over 2 queries:
  // MAP = (1 + 0)/2 = 0.5, nDCG = 0.5, P@10 = (0.1 + 0)/2 = 0.05, recall = 0.5.
  EXPECT_NEAR(evaluation.mean.map, 0.5, tolerance);
  EXPECT_NEAR(evaluation.mean.ndcg10, 0.5, tolerance);
  EXPECT_NEAR(evaluation.mean.p10, 0.05, tolerance);
  EXPECT_NEAR(evaluation.mean.recall100, 0.5, tolerance);
  EXPECT_NEAR(evaluation.mean.recall1000, 0.5, tolerance);
}

TEST(TrecScorer, QueryWithoutRelevantIsSkipped) {
  // Query 3 is judged only "not relevant"; query 4 is in the run but not in the qrels at all.
  // Neither is evaluated, so the mean is query 1's own: AP 1/2 (relevant at rank 2).
  const Qrels qrels = qrels_from("1 0 a 1\n"
                                 "3 0 x 0\n"
                                 "3 0 y 0\n");
  const ev::Run run = run_from("1 Q0 z 1 2 t\n"
                               "1 Q0 a 2 1 t\n"
                               "3 Q0 x 1 1 t\n"
                               "4 Q0 a 1 1 t\n");
  const Evaluation evaluation = evaluate(qrels, run);
  ASSERT_EQ(evaluation.queries.size(), 1u);
  EXPECT_EQ(evaluation.queries[0].qid, "1");
  EXPECT_EQ(evaluation.missing, 0u);
  EXPECT_NEAR(evaluation.mean.map, 0.5, tolerance);
}

TEST(TrecScorer, NoJudgedQueriesMeansZero) {
  const Evaluation evaluation = evaluate(qrels_from("1 0 a 0\n"), run_from("1 Q0 a 1 1 t\n"));
  EXPECT_TRUE(evaluation.queries.empty());
  EXPECT_EQ(evaluation.mean.map, 0.0);
}

TEST(TrecScorer, RecallCutoffsAndDepthLimit) {
  // 1200 retrieved, d0001 first (scores strictly descending). Four relevant, at ranks 50, 150,
  // 1000 and 1001. Only the first 1000 count.
  std::string run_text;
  for (int rank = 1; rank <= 1200; ++rank) {
    run_text += "1 Q0 " + padded("d", rank, 4) + " " + std::to_string(rank) + " " +
                std::to_string(2000 - rank) + " t\n";
  }
  const Qrels qrels = qrels_from("1 0 d0050 1\n1 0 d0150 1\n1 0 d1000 1\n1 0 d1001 1\n");
  const QueryScores q = query(evaluate(qrels, run_from(run_text)), "1");
  EXPECT_EQ(q.retrieved, 1000u);
  EXPECT_EQ(q.relevant, 4u);
  EXPECT_EQ(q.relevant_retrieved, 3u);
  // Recall@100 = 1/4 (rank 50); Recall@1000 = 3/4 (ranks 50, 150, 1000; 1001 is cut off).
  EXPECT_NEAR(q.measures.recall100, 0.25, tolerance);
  EXPECT_NEAR(q.measures.recall1000, 0.75, tolerance);
  // AP = (1/50 + 2/150 + 3/1000) / 4 = (0.02 + 0.0133333 + 0.003) / 4 = 0.0090833.
  EXPECT_NEAR(q.measures.map, (1.0 / 50 + 2.0 / 150 + 3.0 / 1000) / 4.0, tolerance);
  EXPECT_EQ(q.measures.p10, 0.0);
  EXPECT_EQ(q.measures.ndcg10, 0.0);
}

TEST(TrecScorer, DepthTruncatesAfterSorting) {
  // The file lists the best document last; sorted by score it is first, so a depth of 1 keeps it.
  const Qrels qrels = qrels_from("1 0 best 1\n");
  const ev::Run run = run_from("1 Q0 low 1 1 t\n1 Q0 best 2 9 t\n");
  const Evaluation evaluation = evaluate(qrels, run, 1);
  EXPECT_NEAR(query(evaluation, "1").measures.map, 1.0, tolerance);
  EXPECT_EQ(query(evaluation, "1").retrieved, 1u);
}

TEST(TrecScorer, ParsesRunLeniencyAndRejectsMalformed) {
  // Blank lines, '#' comments, tabs and extra trailing fields are accepted.
  const ev::Run run = run_from("# a comment\n\n1\tQ0\ta\t1\t0.5\tt\textra\n");
  ASSERT_EQ(run.at("1").size(), 1u);
  EXPECT_EQ(run.at("1")[0].docid, "a");
  EXPECT_EQ(run.at("1")[0].score, 0.5);
  EXPECT_THROW(run_from("1 Q0 a 1 0.5\n"), std::runtime_error);    // no tag
  EXPECT_THROW(run_from("1 Q0 a 1 high t\n"), std::runtime_error); // score not a number
  EXPECT_THROW(run_from("1 Q0 a 1 nan t\n"), std::runtime_error);  // NaN cannot be ranked
  EXPECT_THROW(run_from("1 Q0 a 1 1 t\n1 Q0 a 2 0 t\n"), std::runtime_error); // duplicate
  // The same docid under two queries is fine.
  EXPECT_NO_THROW(run_from("1 Q0 a 1 1 t\n2 Q0 a 1 1 t\n"));
}

TEST(TrecScorer, ParsesQrelsAndRejectsMalformed) {
  const Qrels qrels = qrels_from("1 0 a 2\n\n1 0 b -1\n");
  EXPECT_EQ(qrels.at("1").at("a"), 2);
  EXPECT_EQ(qrels.at("1").at("b"), -1);
  EXPECT_THROW(qrels_from("1 0 a\n"), std::runtime_error);
  EXPECT_THROW(qrels_from("1 0 a x\n"), std::runtime_error);
  EXPECT_THROW(qrels_from("1 0 a 1\n1 0 a 0\n"), std::runtime_error);
}

TEST(TrecScorer, ScoreQueryRejectsDuplicates) {
  const std::map<std::string, long> judgments{{"a", 1}};
  EXPECT_THROW(newsdex::eval::score_query("1", {{"a", 1.0}, {"a", 0.5}}, judgments),
               std::invalid_argument);
}

TEST(TrecScorer, WrittenRunReadsBack) {
  std::ostringstream out;
  newsdex::eval::write_run_line(out, "12", "doc-7", 1, 13.250000000000002, "newsdex");
  newsdex::eval::write_run_line(out, "12", "doc-8", 2, 0.1, "newsdex");
  EXPECT_EQ(out.str(), "12 Q0 doc-7 1 13.250000000000002 newsdex\n"
                       "12 Q0 doc-8 2 0.1 newsdex\n");
  const ev::Run run = run_from(out.str());
  ASSERT_EQ(run.at("12").size(), 2u);
  EXPECT_EQ(run.at("12")[0].score, 13.250000000000002);
  EXPECT_EQ(run.at("12")[1].docid, "doc-8");
}

} // namespace
