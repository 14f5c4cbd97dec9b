// Guards ranking quality on every judged set in ../shared/data — the seven abstract collections
// and the two judged news sets — with the default ranking and with --expand: none may score more
// than 0.005 below the figures recorded here (docs/EVALUATION.md has them with their history).
// When a change improves them, record the new figures here and there in the same commit. Each
// set is indexed once for both configurations. Labelled `heavy` (tests/CMakeLists.txt): the normal
// CI job runs it, the sanitizer jobs do not.
#include "eval/collection_run.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <ostream>
#include <string>

#include <unistd.h>

namespace newsdex::eval {
namespace {

struct Scores {
  double map, ndcg10;
};

struct Recorded {
  const char* collection;
  Scores plain;    ///< the default configuration
  Scores expanded; ///< SearchRequest::expand (`--expand`)
};

void PrintTo(const Recorded& r, std::ostream* os) {
  *os << r.collection;
}

constexpr double tolerance = 0.005;

// A collection's path (PATH and its PATH.d), removed at the end.
class TempPath {
public:
  TempPath()
      : path_(std::filesystem::temp_directory_path() /
              ("newsdex-guard-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {}
  ~TempPath() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
    std::filesystem::remove_all(path_.string() + ".d", ec);
  }
  std::string string() const { return path_.string(); }

private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

void expect_at_least(const char* collection, const char* configuration, const Evaluation& e,
                     const Scores& recorded) {
  EXPECT_GE(e.mean.map, recorded.map - tolerance)
      << collection << " (" << configuration << ") MAP fell from " << recorded.map;
  EXPECT_GE(e.mean.ndcg10, recorded.ndcg10 - tolerance)
      << collection << " (" << configuration << ") nDCG@10 fell from " << recorded.ndcg10;
  // Printed so a better figure can be recorded.
  std::printf("%s %s: MAP %.4f nDCG@10 %.4f\n", collection, configuration, e.mean.map,
              e.mean.ndcg10);
}

class RelevanceGuard : public ::testing::TestWithParam<Recorded> {};

TEST_P(RelevanceGuard, DefaultAndExpandedRankingKeepTheirScores) {
  const Recorded& r = GetParam();
  const std::filesystem::path dir = std::filesystem::path(NEWSDEX_SHARED_DATA) / r.collection;
  if (!std::filesystem::exists(dir / "qrels.txt"))
    GTEST_SKIP() << dir << " is absent: the judged collections live in ../shared/data beside the "
                 << "repository; relevance is not checked without them";
  TempPath db;
  CollectionRun spec;
  spec.collection = dir.string();
  spec.db = db.string();
  RunInfo info;
  const Evaluation plain = evaluate_collection(spec, info);
  EXPECT_EQ(info.failed_documents, 0u);
  expect_at_least(r.collection, "default", plain, r.plain);

  spec.reuse_index = true;
  spec.request.expand = true;
  RunInfo expanded_info;
  const Evaluation expanded = evaluate_collection(spec, expanded_info);
  EXPECT_EQ(expanded_info.failed_queries, 0u);
  expect_at_least(r.collection, "--expand", expanded, r.expanded);
}

INSTANTIATE_TEST_SUITE_P(
    JudgedSets, RelevanceGuard,
    ::testing::Values(Recorded{"adi", {0.4527, 0.5235}, {0.4623, 0.5262}},
                      Recorded{"cacm", {0.3739, 0.5351}, {0.3892, 0.5459}},
                      Recorded{"cisi", {0.2344, 0.4099}, {0.2467, 0.4223}},
                      Recorded{"cranfield", {0.3179, 0.3867}, {0.3532, 0.4125}},
                      Recorded{"lisa", {0.4080, 0.5022}, {0.4116, 0.5051}},
                      Recorded{"med", {0.5323, 0.6966}, {0.5911, 0.7142}},
                      Recorded{"npl", {0.2868, 0.4321}, {0.3098, 0.4515}},
                      Recorded{"reuters-topics", {0.6382, 0.9020}, {0.6810, 0.9019}},
                      Recorded{"reuters-entities-dev", {0.7527, 0.9063}, {0.7882, 0.9071}}),
    [](const ::testing::TestParamInfo<Recorded>& row) {
      std::string name = row.param.collection;
      for (char& c : name)
        if (c == '-') c = '_';
      return name;
    });

} // namespace
} // namespace newsdex::eval
