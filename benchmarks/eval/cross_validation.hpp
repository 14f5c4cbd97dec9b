// Choosing a setting out of sample: leave-one-fold-out cross-validation over judged sets, and a
// paired randomization test to tell a real difference between two runs from noise. Pure
// arithmetic on per-set and per-query scores, so newsdex-cv and the unit tests share it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace newsdex::eval {

/// Judged sets that must be held out together (sets that share documents are one fold).
struct Fold {
  std::string name;
  std::vector<std::size_t> sets; ///< indexes into the columns of a score table
};

/// scores[setting][set]: one measure (e.g. MAP) of every candidate setting on every set.
using ScoreTable = std::vector<std::vector<double>>;

/// A fold's score under one setting: the mean over its sets (each set weighs the same).
double fold_score(const ScoreTable& scores, std::size_t setting, const Fold& fold);

/// A second measure no choice may lower: a setting is admissible only where, on every set of the
/// training folds, its `scores` are at least those of setting `reference` (e.g. nDCG@10 against
/// no expansion at all: "more MAP without lowering nDCG@10 on any set"). `reference` itself is
/// always admissible, so there is always a choice.
struct Floor {
  const ScoreTable* scores = nullptr;
  std::size_t reference = 0;
};

/// The setting with the best mean fold score over `training` (indexes into `folds`), each fold
/// weighing the same. Ties go to the lower setting index, so a table that lists the current
/// default first keeps it unless another setting is strictly better. Throws
/// std::invalid_argument on an empty table or an empty `training`. With a `floor`, only the
/// settings it admits on `training` are candidates.
std::size_t best_setting(const ScoreTable& scores, const std::vector<Fold>& folds,
                         const std::vector<std::size_t>& training, const Floor& floor = {});

/// What leave_one_fold_out chose for one held-out fold.
struct FoldChoice {
  std::size_t held_out = 0;  ///< index into `folds`
  std::size_t setting = 0;   ///< chosen on every other fold
  double training_score = 0; ///< its mean fold score on those folds
  double held_out_score = 0; ///< its score on the held-out fold (never used to choose)
};

/// For each fold in turn: the best setting on all the other folds, and how it does on the one
/// left out. Needs at least two folds (else std::invalid_argument). With a `floor`, each choice is
/// made among the settings it admits on the other folds: the held-out fold is never read.
std::vector<FoldChoice> leave_one_fold_out(const ScoreTable& scores, const std::vector<Fold>& folds,
                                           const Floor& floor = {});

/// Two-sided p-value of the paired randomization test (Fisher's sign-flip test) for
/// mean(a - b) = 0: each query's difference keeps its size and gets a random sign, `trials`
/// times; p = (1 + trials at least as extreme as observed) / (1 + trials), so never 0. The
/// generator is seeded with `seed`: the same input gives the same p. `a` and `b` hold the same
/// queries in the same order (else std::invalid_argument); all differences 0 gives p = 1.
double paired_randomization_p(const std::vector<double>& a, const std::vector<double>& b,
                              std::size_t trials = 100000, std::uint64_t seed = 17);

} // namespace newsdex::eval
