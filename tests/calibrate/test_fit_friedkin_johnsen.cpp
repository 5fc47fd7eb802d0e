// Fitting Friedkin–Johnsen to series of the simulator's FJ model: exact recovery of W and the
// susceptibilities without noise (sparse with the graph as support, and dense), stated error
// bounds under noise, and the degenerate cases (Lambda = I is DeGroot).

#include <catch2/catch.hpp>

#include "contagion/calibrate/fit_friedkin_johnsen.hpp"
#include "contagion/core/error.hpp"
#include "contagion/sim/averaging.hpp"
#include "simulated_series.hpp"

using namespace contagion;
using namespace contagion::calibrate;
using namespace contagion::testing;
using Catch::Matchers::Contains;

namespace {

std::vector<Trajectory> fj_series(const Truth& t, const std::vector<double>& lambda, int count, int steps, double noise,
                                  std::uint64_t seed) {
  return simulate([&] { return std::make_unique<sim::FriedkinJohnsen>(t.influence, lambda); }, count, steps, noise,
                  seed);
}

}  // namespace

TEST_CASE("Friedkin-Johnsen fit recovers W and the susceptibilities exactly without noise (sparse)",
          "[calibrate][fj]") {
  const Truth t = sparse_truth(10, 3);
  std::vector<double> lambda = node_values(10, 0.5, 0.95, 4);
  lambda[2] = 1.0;  // one fully susceptible agent
  const auto data = fj_series(t, lambda, 12, 6, 0.0, 5);
  DeGrootFitOptions on_graph;
  on_graph.allowed = t.support;
  const FriedkinJohnsenFit fit = fit_friedkin_johnsen(data, on_graph);
  CHECK(fit.steps == 60);
  CHECK(fit.train_mse < 1e-20);
  CHECK((fit.weights - t.w).cwiseAbs().maxCoeff() < 1e-8);
  for (Eigen::Index i = 0; i < 10; ++i) {
    CHECK(fit.susceptibility(i) == Approx(lambda[static_cast<std::size_t>(i)]).margin(1e-8));
    CHECK(fit.weights.row(i).sum() == Approx(1.0).margin(1e-12));
    for (Eigen::Index j = 0; j < 10; ++j)
      if (!t.support(i, j)) CHECK(fit.weights(i, j) == 0.0);
  }
}

TEST_CASE("Friedkin-Johnsen fit recovers a dense W exactly without noise", "[calibrate][fj]") {
  const Truth t = dense_truth(6, 7);
  const std::vector<double> lambda = node_values(6, 0.4, 0.9, 8);
  const FriedkinJohnsenFit fit = fit_friedkin_johnsen(fj_series(t, lambda, 12, 4, 0.0, 9));
  CHECK((fit.weights - t.w).cwiseAbs().maxCoeff() < 1e-8);
  for (Eigen::Index i = 0; i < 6; ++i)
    CHECK(fit.susceptibility(i) == Approx(lambda[static_cast<std::size_t>(i)]).margin(1e-8));
}

TEST_CASE("Friedkin-Johnsen fit under noise: weights within 0.1, susceptibilities within 0.05", "[calibrate][fj]") {
  const Truth t = sparse_truth(8, 11);
  const std::vector<double> lambda = node_values(8, 0.5, 0.9, 12);
  DeGrootFitOptions on_graph;
  on_graph.allowed = t.support;
  const FriedkinJohnsenFit fit = fit_friedkin_johnsen(fj_series(t, lambda, 40, 6, 0.01, 13), on_graph);
  INFO("max weight error " << (fit.weights - t.w).cwiseAbs().maxCoeff());
  CHECK((fit.weights - t.w).cwiseAbs().maxCoeff() < 0.1);
  for (Eigen::Index i = 0; i < 8; ++i)
    CHECK(fit.susceptibility(i) == Approx(lambda[static_cast<std::size_t>(i)]).margin(0.05));
}

TEST_CASE("Friedkin-Johnsen fit of DeGroot series gives lambda = 1", "[calibrate][fj]") {
  const Truth t = sparse_truth(8, 14);
  const auto data = simulate([&] { return std::make_unique<sim::DeGroot>(t.influence); }, 10, 4, 0.0, 15);
  const FriedkinJohnsenFit fit = fit_friedkin_johnsen(data);
  CHECK((fit.susceptibility.array() - 1.0).abs().maxCoeff() < 1e-8);
  CHECK((fit.weights - t.w).cwiseAbs().maxCoeff() < 1e-6);
  // x(t+1) = x(0) (lambda = 0): the anchor takes all the weight, W's row is not identified.
  std::vector<Trajectory> frozen{Eigen::MatrixXd::Ones(4, 3)};
  frozen[0].row(0) << 0.1, 0.5, 0.9;
  frozen[0].bottomRows(3).rowwise() = frozen[0].row(0);
  const FriedkinJohnsenFit still = fit_friedkin_johnsen(frozen);
  CHECK(still.train_mse < 1e-20);
}

TEST_CASE("Friedkin-Johnsen fit: bad input is an error", "[calibrate][fj]") {
  CHECK_THROWS_WITH(fit_friedkin_johnsen({Eigen::MatrixXd::Ones(3, 2), Eigen::MatrixXd::Ones(3, 3)}),
                    Contains("trajectory 2 has 3 agents"));
  Eigen::MatrixXd gap = Eigen::MatrixXd::Ones(3, 2);
  gap(2, 0) = NAN;
  CHECK_THROWS_WITH(fit_friedkin_johnsen({gap}), Contains("step 3, agent 1"));
  CHECK_THROWS_WITH(fit_friedkin_johnsen({Eigen::MatrixXd::Ones(1, 2)}), Contains("at least one transition"));
  DeGrootFitOptions wrong;
  wrong.allowed = Mask::Constant(3, 3, true);
  CHECK_THROWS_WITH(fit_friedkin_johnsen({Eigen::MatrixXd::Ones(3, 2)}, wrong), Contains("mask is 3 x 3"));
}
