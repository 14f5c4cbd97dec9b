#include "eval/weighting.hpp"

#include <cstdio>

namespace newsdex::eval {
namespace {

std::string number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", x);
  return buffer;
}

} // namespace

std::string Weighting::name() const {
  switch (scheme) {
  case Scheme::bm25:
    return "bm25 k1=" + number(k1) + " b=" + number(b);
  case Scheme::bm25plus:
    return "bm25+ k1=" + number(k1) + " b=" + number(b);
  case Scheme::dlh:
    return "dlh";
  case Scheme::dph:
    return "dph";
  case Scheme::pl2plus:
    return "pl2+ c=" + number(c);
  case Scheme::lm_dirichlet:
    return "lm mu=" + number(mu);
  }
  return "?";
}

std::unique_ptr<Xapian::Weight> Weighting::make() const {
  switch (scheme) {
  case Scheme::bm25:
    return std::make_unique<Xapian::BM25Weight>(k1, 0, 1, b, 0.5);
  case Scheme::bm25plus:
    return std::make_unique<Xapian::BM25PlusWeight>(k1, 0, 1, b, 0.5, 1.0);
  case Scheme::dlh:
    return std::make_unique<Xapian::DLHWeight>();
  case Scheme::dph:
    return std::make_unique<Xapian::DPHWeight>();
  case Scheme::pl2plus:
    return std::make_unique<Xapian::PL2PlusWeight>(c, 0.8);
  case Scheme::lm_dirichlet:
    return std::make_unique<Xapian::LMWeight>(0.0, Xapian::Weight::DIRICHLET_SMOOTHING, mu);
  }
  return nullptr;
}

Weighting default_weighting(double k1, double b) {
  Weighting w;
  w.scheme = Weighting::Scheme::bm25;
  w.k1 = k1;
  w.b = b;
  return w;
}

std::vector<Weighting> candidate_grid(const Weighting& default_setting) {
  using S = Weighting::Scheme;
  std::vector<Weighting> grid{default_setting};
  auto add = [&](Weighting w) {
    if (w.name() != default_setting.name()) grid.push_back(w);
  };
  for (double k1 : {0.9, 1.2, 1.5, 1.8, 2.1, 2.5, 3.0})
    for (double b : {0.3, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0})
      add({.scheme = S::bm25, .k1 = k1, .b = b});
  for (double k1 : {1.2, 1.8})
    for (double b : {0.5, 0.75}) add({.scheme = S::bm25plus, .k1 = k1, .b = b});
  add({.scheme = S::dlh});
  add({.scheme = S::dph});
  for (double c : {0.5, 1.0, 2.0, 4.0, 8.0}) add({.scheme = S::pl2plus, .c = c});
  for (double mu : {100.0, 300.0, 1000.0, 2000.0}) add({.scheme = S::lm_dirichlet, .mu = mu});
  return grid;
}

} // namespace newsdex::eval
