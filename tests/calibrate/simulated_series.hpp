#pragma once
// Series simulated by sim/'s averaging models with a known influence matrix, for the
// calibration tests: the truth, and trajectories from random starts plus optional noise.

#include <functional>
#include <memory>
#include <vector>

#include <Eigen/Core>

#include "contagion/calibrate/fit_degroot.hpp"
#include "contagion/core/random.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/influence.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::testing {

using Mask = Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>;

struct Truth {
  Eigen::MatrixXd w;
  Mask support;
  sim::InfluenceMatrix influence;
};

inline Truth truth_from(const sim::InfluenceMatrix& m) {
  const sim::Graph& g = m.graph();
  const auto n = static_cast<Eigen::Index>(g.num_nodes());
  Truth t{Eigen::MatrixXd::Zero(n, n), Mask::Constant(n, n, false), m};
  for (sim::NodeId i = 0; i < g.num_nodes(); ++i) {
    t.w(i, i) = m.self_weights()[i];
    t.support(i, i) = true;
    for (sim::EdgeId e = g.offsets()[i]; e < g.offsets()[i + 1]; ++e) {
      t.w(i, g.targets()[e]) += m.arc_weights()[e];
      t.support(i, g.targets()[e]) = true;
    }
  }
  return t;
}

/// French weights on a Watts–Strogatz small world: sparse.
inline Truth sparse_truth(std::uint32_t n, std::uint64_t seed) {
  const sim::Graph g = sim::watts_strogatz(n, 4, 0.2, seed);
  return truth_from(sim::InfluenceMatrix(g, sim::InfluenceSpec{}));
}

/// Random positive weights on the complete graph: dense.
inline Truth dense_truth(std::uint32_t n, std::uint64_t seed) {
  const sim::Graph g = sim::complete_graph(n);
  std::vector<double> self(n), offdiag(g.num_arcs());
  for (sim::NodeId i = 0; i < n; ++i) {
    const auto draw = [&](std::uint64_t k) {
      return 0.2 + RandomStream({seed, StreamPurpose::attributes, 0, i, k}).uniform();
    };
    double total = self[i] = draw(n);
    for (sim::EdgeId e = g.offsets()[i]; e < g.offsets()[i + 1]; ++e) total += offdiag[e] = draw(e);
    self[i] /= total;
    for (sim::EdgeId e = g.offsets()[i]; e < g.offsets()[i + 1]; ++e) offdiag[e] /= total;
  }
  return truth_from(sim::InfluenceMatrix(g, self, offdiag));
}

/// One value per node, uniform on [low, high], from (seed, k).
inline std::vector<double> node_values(std::uint32_t n, double low, double high, std::uint64_t seed) {
  std::vector<double> v(n);
  for (std::uint32_t i = 0; i < n; ++i)
    v[i] = low + (high - low) * RandomStream({seed, StreamPurpose::attributes, 1, 0, i}).uniform();
  return v;
}

/// `count` trajectories of `steps` states from uniform random starts; `observe` reads the
/// observed state (default: the model's state), plus N(0, noise^2) per value.
inline std::vector<calibrate::Trajectory> simulate(
    const std::function<std::unique_ptr<sim::Model>()>& make, int count, int steps, double noise, std::uint64_t seed,
    const std::function<std::vector<double>(const sim::Model&)>& observe = {}) {
  std::vector<calibrate::Trajectory> out;
  for (int k = 0; k < count; ++k) {
    auto model = make();
    const auto n = static_cast<Eigen::Index>(model->num_nodes());
    std::vector<double> x0(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i)
      x0[static_cast<std::size_t>(i)] = RandomStream({seed, StreamPurpose::initial_state, static_cast<std::uint64_t>(k),
                                                      0, static_cast<std::uint64_t>(i)})
                                            .uniform();
    model->reset(x0);
    calibrate::Trajectory traj(steps, n);
    for (int s = 0; s < steps; ++s) {
      const std::vector<double> state =
          observe ? observe(*model) : std::vector<double>(model->state().begin(), model->state().end());
      for (Eigen::Index i = 0; i < n; ++i)
        traj(s, i) = state[static_cast<std::size_t>(i)] +
                     noise * RandomStream({seed, StreamPurpose::dynamics, static_cast<std::uint64_t>(k),
                                           static_cast<std::uint64_t>(s), static_cast<std::uint64_t>(i)})
                                 .normal();
      model->step({static_cast<std::uint64_t>(s), seed, 0, 1});
    }
    out.push_back(traj);
  }
  return out;
}

}  // namespace contagion::testing
