#include "eval/cross_validation.hpp"

#include <cmath>
#include <optional>
#include <random>
#include <stdexcept>

namespace newsdex::eval {

double fold_score(const ScoreTable& scores, std::size_t setting, const Fold& fold) {
  if (fold.sets.empty()) throw std::invalid_argument("fold '" + fold.name + "' has no set");
  double sum = 0;
  for (std::size_t set : fold.sets) sum += scores.at(setting).at(set);
  return sum / static_cast<double>(fold.sets.size());
}

namespace {

double training_mean(const ScoreTable& scores, std::size_t setting, const std::vector<Fold>& folds,
                     const std::vector<std::size_t>& training) {
  double sum = 0;
  for (std::size_t f : training) sum += fold_score(scores, setting, folds.at(f));
  return sum / static_cast<double>(training.size());
}

bool admitted(const Floor& floor, std::size_t setting, const std::vector<Fold>& folds,
              const std::vector<std::size_t>& training) {
  if (floor.scores == nullptr || setting == floor.reference) return true;
  const ScoreTable& at = *floor.scores;
  for (std::size_t f : training)
    for (std::size_t set : folds.at(f).sets)
      if (at.at(setting).at(set) < at.at(floor.reference).at(set)) return false;
  return true;
}

} // namespace

std::size_t best_setting(const ScoreTable& scores, const std::vector<Fold>& folds,
                         const std::vector<std::size_t>& training, const Floor& floor) {
  if (scores.empty()) throw std::invalid_argument("no setting to choose from");
  if (training.empty()) throw std::invalid_argument("no fold to choose on");
  if (floor.scores != nullptr &&
      (floor.scores->size() != scores.size() || floor.reference >= scores.size()))
    throw std::invalid_argument("floor: not a table of the same settings");
  std::optional<std::size_t> best;
  double best_score = 0;
  for (std::size_t s = 0; s < scores.size(); ++s) {
    if (!admitted(floor, s, folds, training)) continue;
    const double score = training_mean(scores, s, folds, training);
    if (!best || score > best_score) {
      best = s;
      best_score = score;
    }
  }
  return *best; // the reference is always admitted
}

std::vector<FoldChoice> leave_one_fold_out(const ScoreTable& scores, const std::vector<Fold>& folds,
                                           const Floor& floor) {
  if (folds.size() < 2) throw std::invalid_argument("cross-validation needs at least two folds");
  std::vector<FoldChoice> choices;
  for (std::size_t held = 0; held < folds.size(); ++held) {
    std::vector<std::size_t> training;
    for (std::size_t f = 0; f < folds.size(); ++f)
      if (f != held) training.push_back(f);
    FoldChoice choice;
    choice.held_out = held;
    choice.setting = best_setting(scores, folds, training, floor);
    choice.training_score = training_mean(scores, choice.setting, folds, training);
    choice.held_out_score = fold_score(scores, choice.setting, folds[held]);
    choices.push_back(choice);
  }
  return choices;
}

double paired_randomization_p(const std::vector<double>& a, const std::vector<double>& b,
                              std::size_t trials, std::uint64_t seed) {
  if (a.size() != b.size())
    throw std::invalid_argument("paired test: " + std::to_string(a.size()) + " against " +
                                std::to_string(b.size()) + " queries");
  std::vector<double> diffs;
  double observed = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diffs.push_back(a[i] - b[i]);
    observed += diffs.back();
  }
  observed = std::fabs(observed);
  // Sums that differ only by rounding must count as equal, or identical runs could score p < 1.
  const double slack = 1e-12 * (1.0 + observed);
  std::mt19937_64 random(seed);
  std::size_t extreme = 0;
  for (std::size_t t = 0; t < trials; ++t) {
    double sum = 0;
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < diffs.size(); ++i) {
      if (i % 64 == 0) bits = random();
      sum += (bits & 1) ? diffs[i] : -diffs[i];
      bits >>= 1;
    }
    if (std::fabs(sum) >= observed - slack) ++extreme;
  }
  return (1.0 + static_cast<double>(extreme)) / (1.0 + static_cast<double>(trials));
}

} // namespace newsdex::eval
