#pragma once
// Small helpers shared by the sim tests: dense copies of influence matrices (Eigen) for
// closed-form oracles, and stepping a model by hand.

#include <Eigen/Dense>

#include <vector>

#include "contagion/sim/influence.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim::test {

/// French weights (the default influence scheme) on a graph.
inline InfluenceMatrix french(const Graph& g) {
  return InfluenceMatrix(g, InfluenceSpec{});
}

inline Eigen::MatrixXd dense(const InfluenceMatrix& w) {
  const auto n = static_cast<Eigen::Index>(w.size());
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
  const auto offsets = w.graph().offsets();
  const auto targets = w.graph().targets();
  for (NodeId i = 0; i < w.size(); ++i) {
    m(i, i) = w.self_weights()[i];
    for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) m(i, targets[e]) += w.arc_weights()[e];
  }
  return m;
}

inline Eigen::VectorXd vec(const std::vector<double>& x) {
  return Eigen::Map<const Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size()));
}

inline Eigen::VectorXd vec(std::span<const double> x) {
  return Eigen::Map<const Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size()));
}

/// Left Perron vector of a row-stochastic primitive W: pi^T W = pi^T, sum pi = 1.
inline Eigen::VectorXd stationary(const Eigen::MatrixXd& w) {
  Eigen::VectorXd pi = Eigen::VectorXd::Constant(w.rows(), 1.0 / static_cast<double>(w.rows()));
  for (int k = 0; k < 20000; ++k) pi = w.transpose() * pi;
  return pi / pi.sum();
}

/// Steps `model` from `initial` `steps` times with `threads` threads.
inline void run_steps(Model& model, const std::vector<double>& initial, int steps, int threads = 1,
                      std::uint64_t seed = 1) {
  model.reset(initial);
  for (int t = 0; t < steps; ++t) model.step(StepContext{static_cast<std::uint64_t>(t), seed, 0, threads});
}

inline std::vector<double> uniform_initial(std::size_t n, std::uint64_t seed) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>((i * 7919 + seed * 104729) % 1000) / 1000.0;
  return x;
}

}  // namespace contagion::sim::test
