// Guards ranking quality: the small judged collections must not score more than 0.005 below the
// figures recorded in docs/EVALUATION.md. When a change improves them, record the new figures
// here and there in the same commit.
#include "eval/collection_run.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace newsdex::eval {
namespace {

struct Recorded {
  const char* collection;
  double map;
  double ndcg10;
};

constexpr double tolerance = 0.005;

class RelevanceGuard : public ::testing::TestWithParam<Recorded> {};

TEST_P(RelevanceGuard, DefaultConfigurationKeepsItsScores) {
  const Recorded& r = GetParam();
  const std::filesystem::path dir = std::filesystem::path(NEWSDEX_SHARED_DATA) / r.collection;
  if (!std::filesystem::exists(dir / "qrels.txt"))
    GTEST_SKIP() << dir << " is absent: the judged collections live in ../shared/data beside the "
                 << "repository; relevance is not checked without them";
  CollectionRun spec;
  spec.collection = dir.string();
  RunInfo info;
  Evaluation e = evaluate_collection(spec, info);
  EXPECT_EQ(info.failed_documents, 0u);
  EXPECT_GE(e.mean.map, r.map - tolerance) << r.collection << " MAP fell from " << r.map;
  EXPECT_GE(e.mean.ndcg10, r.ndcg10 - tolerance)
      << r.collection << " nDCG@10 fell from " << r.ndcg10;
  // Printed so a better figure can be recorded.
  std::printf("%s: MAP %.4f nDCG@10 %.4f\n", r.collection, e.mean.map, e.mean.ndcg10);
}

INSTANTIATE_TEST_SUITE_P(SmallCollections, RelevanceGuard,
                         ::testing::Values(Recorded{"adi", 0.4527, 0.5235},
                                           Recorded{"cranfield", 0.3179, 0.3867},
                                           Recorded{"cisi", 0.2338, 0.4090},
                                           Recorded{"med", 0.5323, 0.6966}),
                         [](const ::testing::TestParamInfo<Recorded>& row) {
                           return std::string(row.param.collection);
                         });

} // namespace
} // namespace newsdex::eval
