// The ranking settings newsdex-cv compares: Xapian 1.4's built-in weighting schemes with their
// parameters, each named in one short string ("bm25 k1=1.8 b=0.5", "dph", "lm mu=1000").
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace newsdex::eval {

struct Weighting {
  enum class Scheme { bm25, bm25plus, dlh, dph, pl2plus, lm_dirichlet };
  Scheme scheme = Scheme::bm25;
  double k1 = 0; ///< bm25, bm25plus
  double b = 0;  ///< bm25, bm25plus
  double c = 0;  ///< pl2plus: its length normalisation parameter
  double mu = 0; ///< lm_dirichlet: the Dirichlet prior

  /// "bm25 k1=1.8 b=0.5", "bm25+ k1=1.2 b=0.75", "dlh", "dph", "pl2+ c=1", "lm mu=1000".
  std::string name() const;
  /// The Xapian weighting object, as newsdex's Searcher would set it (BM25 with k2 0, k3 1,
  /// min_normlen 0.5; BM25+ with delta 1; PL2+ with delta 0.8; LM with Dirichlet smoothing).
  std::unique_ptr<Xapian::Weight> make() const;
  bool is_bm25() const { return scheme == Scheme::bm25; }
};

/// BM25 with newsdex's default parameters (SearchRequest{}.k1 and .b).
Weighting default_weighting(double k1, double b);

/// The candidates: the default first (ties keep it), then a BM25 k1 x b grid, then BM25+,
/// DLH, DPH, PL2+ and LM with Dirichlet smoothing over their usual parameter ranges.
std::vector<Weighting> candidate_grid(const Weighting& default_setting);

} // namespace newsdex::eval
