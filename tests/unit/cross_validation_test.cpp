// Choosing out of sample (leave one fold out) and the paired randomization test of newsdex-cv,
// on score tables small enough to check by hand.
#include <eval/cross_validation.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace {

using newsdex::eval::best_setting;
using newsdex::eval::Floor;
using newsdex::eval::Fold;
using newsdex::eval::leave_one_fold_out;
using newsdex::eval::paired_randomization_p;
using newsdex::eval::ScoreTable;

// Three sets; sets 1 and 2 share documents and form one fold.
const std::vector<Fold> folds = {{"a", {0}}, {"news", {1, 2}}};

TEST(CrossValidation, FoldScoreIsTheMeanOfItsSets) {
  const ScoreTable scores = {{0.2, 0.4, 0.8}};
  EXPECT_DOUBLE_EQ(newsdex::eval::fold_score(scores, 0, folds[1]), 0.6);
}

TEST(CrossValidation, EachFoldWeighsTheSameWhateverItsSets) {
  // Setting 1 wins the two news sets but loses the single fold "a" by more than the news mean
  // gains: pooled over sets it would win (0.5 > 0.4667), over folds it loses (0.45 < 0.5).
  const ScoreTable scores = {{0.6, 0.4, 0.4}, {0.3, 0.6, 0.6}};
  EXPECT_EQ(best_setting(scores, folds, {0, 1}), 0u);
}

TEST(CrossValidation, TiesKeepTheFirstSetting) {
  const ScoreTable scores = {{0.5, 0.5, 0.5}, {0.5, 0.5, 0.5}};
  EXPECT_EQ(best_setting(scores, folds, {0, 1}), 0u);
}

TEST(CrossValidation, TheHeldOutFoldNeverChooses) {
  // Four folds. Setting 1 is best on fold 0 alone, by far; setting 2 is best on every other.
  const std::vector<Fold> four = {{"w", {0}}, {"x", {1}}, {"y", {2}}, {"z", {3}}};
  const ScoreTable scores = {
      {0.50, 0.50, 0.50, 0.50},
      {0.99, 0.40, 0.40, 0.40},
      {0.45, 0.60, 0.60, 0.60},
  };
  const auto choices = leave_one_fold_out(scores, four);
  ASSERT_EQ(choices.size(), 4u);
  // Held out w: chosen on x, y, z, where setting 2 is best; scored on w with 0.45.
  EXPECT_EQ(choices[0].setting, 2u);
  EXPECT_DOUBLE_EQ(choices[0].held_out_score, 0.45);
  EXPECT_DOUBLE_EQ(choices[0].training_score, 0.60);
  // Held out x: with w among the training folds, setting 1's mean (0.99 + 0.4 + 0.4) / 3 = 0.5967
  // beats setting 2's (0.45 + 0.6 + 0.6) / 3 = 0.55, so setting 1 is chosen and scores 0.40.
  EXPECT_EQ(choices[1].setting, 1u);
  EXPECT_DOUBLE_EQ(choices[1].held_out_score, 0.40);
}

// Setting 0 is the reference (say, no expansion); setting 1 has the best MAP but lowers nDCG@10
// on set 1 (of the news fold); setting 2 has less MAP and lowers nothing.
const ScoreTable floor_map = {{0.3, 0.3, 0.3}, {0.5, 0.5, 0.5}, {0.4, 0.4, 0.4}};
const ScoreTable floor_ndcg = {{0.5, 0.5, 0.5}, {0.6, 0.49, 0.6}, {0.5, 0.5, 0.55}};

TEST(CrossValidation, AFloorExcludesASettingThatLowersTheOtherMeasureOnATrainingSet) {
  EXPECT_EQ(best_setting(floor_map, folds, {0, 1}), 1u);
  EXPECT_EQ(best_setting(floor_map, folds, {0, 1}, Floor{&floor_ndcg, 0}), 2u);
  // Trained on fold "a" alone, set 1 is not looked at: setting 1 is admitted.
  EXPECT_EQ(best_setting(floor_map, folds, {0}, Floor{&floor_ndcg, 0}), 1u);
}

TEST(CrossValidation, AFloorNeverReadsTheHeldOutFold) {
  const auto choices = leave_one_fold_out(floor_map, folds, Floor{&floor_ndcg, 0});
  ASSERT_EQ(choices.size(), 2u);
  EXPECT_EQ(choices[0].setting, 2u); // "a" held out: chosen on news, where setting 1 lowers set 1
  EXPECT_EQ(choices[1].setting, 1u); // news held out: chosen on "a", where it lowers nothing
  EXPECT_DOUBLE_EQ(choices[1].held_out_score, 0.5);
}

TEST(CrossValidation, TheFloorsReferenceIsAlwaysAdmitted) {
  // Every other setting lowers the second measure somewhere: the reference is chosen, though it
  // has the lowest MAP and is listed last.
  const ScoreTable map = {{0.5, 0.5, 0.5}, {0.1, 0.1, 0.1}};
  const ScoreTable ndcg = {{0.4, 0.6, 0.6}, {0.5, 0.5, 0.5}};
  EXPECT_EQ(best_setting(map, folds, {0, 1}, Floor{&ndcg, 1}), 1u);
  EXPECT_THROW(best_setting(map, folds, {0, 1}, Floor{&ndcg, 2}), std::invalid_argument);
  EXPECT_THROW(best_setting(map, folds, {0, 1}, Floor{&floor_ndcg, 0}), std::invalid_argument);
}

TEST(CrossValidation, RefusesTooFewFoldsOrSettings) {
  EXPECT_THROW(leave_one_fold_out({{0.5}}, {{"only", {0}}}), std::invalid_argument);
  EXPECT_THROW(best_setting({}, folds, {0}), std::invalid_argument);
  EXPECT_THROW(best_setting({{0.1, 0.2, 0.3}}, folds, {}), std::invalid_argument);
}

TEST(RandomizationTest, IdenticalRunsAreNoDifference) {
  const std::vector<double> a = {0.1, 0.5, 0.9, 0.3};
  EXPECT_DOUBLE_EQ(paired_randomization_p(a, a, 1000), 1.0);
}

TEST(RandomizationTest, AConsistentGainIsSignificant) {
  // Twenty queries, every one better by 0.1: only the two all-same-sign assignments of 2^20 are
  // as extreme, so p is about 2e-6, resolved to 1 / (1 + trials).
  std::vector<double> a(20, 0.6), b(20, 0.5);
  const double p = paired_randomization_p(a, b, 10000);
  EXPECT_LT(p, 0.001);
  EXPECT_GT(p, 0.0);
}

TEST(RandomizationTest, OneLuckyQueryIsNoise) {
  // One query gains 0.5, nine lose 0.05: mean difference 0.005, driven by one sign.
  std::vector<double> a(10, 0.45), b(10, 0.5);
  a[0] = 1.0;
  const double p = paired_randomization_p(a, b, 20000);
  EXPECT_GT(p, 0.5);
}

TEST(RandomizationTest, MatchesTheExactTestOnASmallCase) {
  // Differences {1, -2, 3}, observed sum 2. The 8 sign assignments of {1, 2, 3} sum to
  // ±6, ±4, ±2 and 0 (twice); |sum| >= 2 in 6 of 8, so the exact p is 0.75.
  const double p = paired_randomization_p({1, 0, 3}, {0, 2, 0}, 200000);
  EXPECT_NEAR(p, 0.75, 0.01);
}

TEST(RandomizationTest, SameSeedSameAnswer) {
  const std::vector<double> a = {0.2, 0.7, 0.1, 0.9, 0.4}, b = {0.3, 0.5, 0.2, 0.6, 0.4};
  EXPECT_EQ(paired_randomization_p(a, b, 5000, 3), paired_randomization_p(a, b, 5000, 3));
  EXPECT_THROW(paired_randomization_p(a, {0.1}, 10), std::invalid_argument);
}

} // namespace
