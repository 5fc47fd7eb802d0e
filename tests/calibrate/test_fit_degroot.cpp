// Fitting DeGroot weights to trajectories: the simplex projection, exact recovery of the
// influence matrix the simulator used (with and without the graph as support), held-out
// prediction against persistence, and bootstrap intervals under noise.

#include <catch2/catch.hpp>

#include <cmath>

#include "contagion/calibrate/fit_degroot.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/sim/averaging.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/influence.hpp"

using namespace contagion;
using namespace contagion::calibrate;
using Catch::Matchers::Contains;

namespace {

/// French weights of a small world, dense, and its support.
struct Truth {
  Eigen::MatrixXd w;
  Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic> support;
  sim::InfluenceMatrix influence;
};

Truth truth(std::uint32_t n) {
  const sim::Graph g = sim::watts_strogatz(n, 4, 0.2, 3);
  sim::InfluenceMatrix m(g, sim::InfluenceSpec{});
  Truth t{Eigen::MatrixXd::Zero(n, n), Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>::Constant(n, n, false), m};
  for (sim::NodeId i = 0; i < n; ++i) {
    t.w(i, i) = m.self_weights()[i];
    t.support(i, i) = true;
    for (sim::EdgeId e = g.offsets()[i]; e < g.offsets()[i + 1]; ++e) {
      t.w(i, g.targets()[e]) += m.arc_weights()[e];
      t.support(i, g.targets()[e]) = true;
    }
  }
  return t;
}

/// Trajectories of the simulator's DeGroot model from random starts, plus optional noise.
std::vector<Trajectory> trajectories(const Truth& t, int count, int steps, double noise, std::uint64_t seed) {
  const auto n = static_cast<Eigen::Index>(t.w.rows());
  std::vector<Trajectory> out;
  for (int k = 0; k < count; ++k) {
    sim::DeGroot model(t.influence);
    std::vector<double> x0(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i)
      x0[static_cast<std::size_t>(i)] = RandomStream({seed, StreamPurpose::initial_state, static_cast<std::uint64_t>(k),
                                                      0, static_cast<std::uint64_t>(i)})
                                            .uniform();
    model.reset(x0);
    Trajectory traj(steps, n);
    for (int s = 0; s < steps; ++s) {
      const auto state = model.state();
      for (Eigen::Index i = 0; i < n; ++i)
        traj(s, i) = state[static_cast<std::size_t>(i)] +
                     noise * RandomStream({seed, StreamPurpose::dynamics, static_cast<std::uint64_t>(k),
                                           static_cast<std::uint64_t>(s), static_cast<std::uint64_t>(i)})
                                 .normal();
      model.step({static_cast<std::uint64_t>(s), seed, 0, 1});
    }
    out.push_back(traj);
  }
  return out;
}

}  // namespace

TEST_CASE("projection onto the probability simplex", "[calibrate][degroot]") {
  const std::vector<bool> all(3, true);
  Eigen::VectorXd v(3);
  v << 0.2, 0.3, 0.5;
  CHECK((project_to_simplex(v, all) - v).norm() < 1e-15);  // already on it
  v << 2.0, 0.0, 0.0;
  CHECK(project_to_simplex(v, all)(0) == Approx(1.0));
  v << 0.0, 0.0, 0.0;
  CHECK(project_to_simplex(v, all).isApprox(Eigen::VectorXd::Constant(3, 1.0 / 3.0)));
  v << 1.0, 0.5, -1.0;
  const Eigen::VectorXd p = project_to_simplex(v, all);
  CHECK(p(0) == Approx(0.75));
  CHECK(p(1) == Approx(0.25));
  CHECK(p(2) == 0.0);
  CHECK(project_to_simplex(v, {false, true, true})(1) == Approx(1.0));
}

TEST_CASE("DeGroot fit recovers the simulator's influence matrix exactly without noise", "[calibrate][degroot]") {
  const Truth t = truth(12);
  // Many short trajectories from random starts: DeGroot contracts towards consensus, so the
  // first steps carry the information (30 transitions for 12 agents).
  const auto data = trajectories(t, 15, 3, 0.0, 1);
  const DeGrootFit free = fit_degroot(data);
  CHECK(free.steps == 30);
  CHECK((free.weights - t.w).cwiseAbs().maxCoeff() < 1e-5);
  CHECK(free.train_mse < 1e-12);
  for (Eigen::Index i = 0; i < 12; ++i) CHECK(free.weights.row(i).sum() == Approx(1.0).margin(1e-12));
  // With the graph as support, even two trajectories suffice.
  DeGrootFitOptions known;
  known.allowed = t.support;
  const DeGrootFit on_graph = fit_degroot(trajectories(t, 2, 5, 0.0, 2), known);
  CHECK((on_graph.weights - t.w).cwiseAbs().maxCoeff() < 1e-5);
  for (Eigen::Index i = 0; i < 12; ++i)
    for (Eigen::Index j = 0; j < 12; ++j)
      if (!t.support(i, j)) CHECK(on_graph.weights(i, j) == 0.0);
}

TEST_CASE("held-out prediction beats persistence, and the bootstrap covers the truth under noise",
          "[calibrate][degroot]") {
  const Truth t = truth(8);
  const auto train = trajectories(t, 10, 8, 0.01, 3), held_out = trajectories(t, 3, 8, 0.01, 4);
  const DeGrootFit fit = fit_degroot(train);
  const Prediction p = predict_degroot(fit.weights, held_out);
  CHECK(p.model_mse < p.persistence_mse);
  CHECK(p.r2_vs_persistence > 0.5);
  const WeightIntervals ci = bootstrap_degroot(train, 200, 0.95, 9);
  int covered = 0;
  for (Eigen::Index i = 0; i < 8; ++i)
    for (Eigen::Index j = 0; j < 8; ++j) {
      CHECK(ci.low(i, j) <= ci.high(i, j));
      covered += ci.low(i, j) - 1e-9 <= t.w(i, j) && t.w(i, j) <= ci.high(i, j) + 1e-9;
    }
  INFO(covered << " of 64 true weights inside their 95 % bootstrap interval");
  CHECK(covered >= 54);
  CHECK(bootstrap_degroot(train, 20, 0.9, 9).low == bootstrap_degroot(train, 20, 0.9, 9).low);  // seeded
}

TEST_CASE("DeGroot fit: inconsistent or too short data are errors", "[calibrate][degroot]") {
  CHECK_THROWS_WITH(fit_degroot({Eigen::MatrixXd::Ones(3, 2), Eigen::MatrixXd::Ones(3, 3)}),
                    Contains("trajectory 2 has 3 agents"));
  CHECK_THROWS_WITH(fit_degroot({Eigen::MatrixXd::Ones(1, 2)}), Contains("at least one transition"));
  Eigen::MatrixXd gap = Eigen::MatrixXd::Ones(3, 2);
  gap(1, 1) = NAN;
  CHECK_THROWS_WITH(fit_degroot({gap}), Contains("missing or infinite"));
  DeGrootFitOptions wrong;
  wrong.allowed = Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>::Constant(3, 3, true);
  CHECK_THROWS_WITH(fit_degroot({Eigen::MatrixXd::Ones(3, 2)}, wrong), Contains("mask is 3 x 3"));
}
