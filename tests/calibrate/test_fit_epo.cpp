// Fitting the reduced EPO model to the expressed opinions of the simulator's expressed–private
// model: the reduced form and the structural parameters exactly without noise (with and
// without stubbornness, sparse and dense), the two-fold ambiguity of (phi, lambda), bounds
// under noise, and bad input.

#include <catch2/catch.hpp>

#include "contagion/calibrate/fit_epo.hpp"
#include "contagion/core/error.hpp"
#include "contagion/sim/expressed_private.hpp"
#include "simulated_series.hpp"

using namespace contagion;
using namespace contagion::calibrate;
using namespace contagion::testing;
using Catch::Matchers::Contains;

namespace {

std::vector<Trajectory> expressed_series(const Truth& t, const std::vector<double>& phi,
                                         const std::vector<double>& lambda, int count, int steps, double noise,
                                         std::uint64_t seed) {
  return simulate([&] { return std::make_unique<sim::ExpressedPrivate>(t.influence, phi, lambda); }, count, steps,
                  noise, seed,
                  [](const sim::Model& m) {
                    const auto e = static_cast<const sim::ExpressedPrivate&>(m).expressed();
                    return std::vector<double>(e.begin(), e.end());
                  });
}

Eigen::VectorXd vec(const std::vector<double>& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

}  // namespace

TEST_CASE("reduced EPO fit without stubbornness matches MODELS.md's A1, A2 and recovers W and phi",
          "[calibrate][epo]") {
  // Dense random W: two agents with identical rows of W (as French weights give two agents
  // who see everyone) would make the expressed series collinear.
  const Truth t = dense_truth(6, 31);
  const std::vector<double> phi = node_values(6, 0.3, 0.9, 32), lambda(6, 1.0);
  EpoFitOptions no_constant;
  no_constant.intercept = false;
  const EpoFit fit = fit_epo(expressed_series(t, phi, lambda, 6, 8, 0.0, 33), no_constant);
  const Eigen::MatrixXd d = t.w.diagonal().asDiagonal(), off = t.w - d, p = vec(phi).asDiagonal();
  const Eigen::MatrixXd id = Eigen::MatrixXd::Identity(6, 6);
  CHECK((fit.a1 - (d + p * off + (id - p) * t.w)).cwiseAbs().maxCoeff() < 1e-8);
  CHECK((fit.a2 + d * (id - p) * t.w).cwiseAbs().maxCoeff() < 1e-8);
  CHECK(fit.train_mse < 1e-20);
  CHECK((fit.weights - t.w).cwiseAbs().maxCoeff() < 1e-8);
  CHECK((fit.resilience - vec(phi)).cwiseAbs().maxCoeff() < 1e-6);
  CHECK((fit.susceptibility.array() - 1.0).abs().maxCoeff() < 1e-6);
  // The observationally equivalent root (1 - lambda, 1 - phi) = (0, 1 - phi).
  CHECK(fit.alternative_resilience.cwiseAbs().maxCoeff() < 1e-6);
  CHECK((fit.alternative_susceptibility - (Eigen::VectorXd::Ones(6) - vec(phi))).cwiseAbs().maxCoeff() < 1e-6);
}

TEST_CASE("reduced EPO fit with stubborn agents recovers W, phi and lambda on a dense W", "[calibrate][epo]") {
  const Truth t = dense_truth(5, 34);
  const std::vector<double> phi = node_values(5, 0.6, 0.9, 35), lambda = node_values(5, 0.7, 0.95, 36);
  const auto data = expressed_series(t, phi, lambda, 8, 10, 0.0, 37);
  const EpoFit fit = fit_epo(data);
  CHECK(fit.train_mse < 1e-20);
  CHECK(fit.constant.cols() == 8);
  CHECK(fit.parameters == 5 * (10 + 8));
  CHECK((fit.weights - t.w).cwiseAbs().maxCoeff() < 1e-7);
  CHECK((fit.resilience - vec(phi)).cwiseAbs().maxCoeff() < 1e-6);
  CHECK((fit.susceptibility - vec(lambda)).cwiseAbs().maxCoeff() < 1e-6);
  // One step of the reduced form reproduces the expressed series.
  CHECK((epo_step(fit, data[3].topRows(5), 3) - data[3].row(5).transpose()).norm() < 1e-9);
}

TEST_CASE("reduced EPO fit with stubborn agents on a sparse W", "[calibrate][epo]") {
  const Truth t = sparse_truth(8, 51);
  const std::vector<double> phi = node_values(8, 0.5, 0.8, 38), lambda = node_values(8, 0.6, 0.9, 39);
  const EpoFit fit = fit_epo(expressed_series(t, phi, lambda, 12, 12, 0.0, 40));
  CHECK((fit.weights - t.w).cwiseAbs().maxCoeff() < 1e-7);
  CHECK((fit.resilience - vec(phi)).cwiseAbs().maxCoeff() < 1e-6);
  CHECK((fit.susceptibility - vec(lambda)).cwiseAbs().maxCoeff() < 1e-6);
}

TEST_CASE("reduced EPO fit of Friedkin-Johnsen series (Phi = I) is exact: EPO nests FJ", "[calibrate][epo]") {
  // Then x̂(t) is a linear function of x̂(t-1) and the constant, so A1 and A2 are not unique;
  // the predictions are.
  const Truth t = sparse_truth(8, 51);
  const std::vector<double> phi(8, 1.0), lambda = node_values(8, 0.6, 0.9, 39);
  const auto data = expressed_series(t, phi, lambda, 6, 10, 0.0, 40);
  const EpoFit fit = fit_epo(data);
  CHECK(fit.train_mse < 1e-20);
  CHECK((epo_step(fit, data[2].topRows(6), 2) - data[2].row(6).transpose()).norm() < 1e-9);
}

TEST_CASE("reduced EPO fit under noise: lambda within 0.1, residuals at the noise level", "[calibrate][epo]") {
  // x̂(t) and x̂(t-1) are nearly collinear, so noise spreads between A1 and A2 and W and phi
  // are poorly determined; the row sums (hence lambda) and the predictions are robust.
  const Truth t = dense_truth(4, 41);
  const std::vector<double> phi = node_values(4, 0.3, 0.6, 42), lambda = node_values(4, 0.8, 0.95, 43);
  const double noise = 1e-4;
  const EpoFit fit = fit_epo(expressed_series(t, phi, lambda, 40, 10, noise, 44));
  INFO("W error " << (fit.weights - t.w).cwiseAbs().maxCoeff() << ", phi error "
                  << (fit.resilience - vec(phi)).cwiseAbs().maxCoeff() << ", lambda error "
                  << (fit.susceptibility - vec(lambda)).cwiseAbs().maxCoeff() << ", train MSE / noise^2 "
                  << fit.train_mse / (noise * noise));
  CHECK((fit.susceptibility - vec(lambda)).cwiseAbs().maxCoeff() < 0.1);
  CHECK(fit.train_mse < 5.0 * noise * noise);
}

TEST_CASE("reduced EPO fit: bad input is an error", "[calibrate][epo]") {
  CHECK_THROWS_WITH(fit_epo({Eigen::MatrixXd::Ones(6, 3)}), Contains("at least 7 transitions"));
  CHECK_THROWS_WITH(fit_epo({Eigen::MatrixXd::Ones(9, 2), Eigen::MatrixXd::Ones(9, 3)}),
                    Contains("trajectory 2 has 3 agents"));
  Eigen::MatrixXd gap = Eigen::MatrixXd::Ones(9, 2);
  gap(4, 1) = INFINITY;
  CHECK_THROWS_WITH(fit_epo({gap}), Contains("step 5, agent 2"));
  EpoFitOptions no_constant;
  no_constant.intercept = false;
  const EpoFit fit = fit_epo({Eigen::MatrixXd::Random(12, 2)}, no_constant);
  CHECK_THROWS_WITH(epo_step(fit, Eigen::MatrixXd::Ones(1, 2), 0), Contains("two past states"));
}
