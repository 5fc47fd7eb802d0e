// MODELS.md §A3.2 oracles for the expressed–private opinion model.

#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/averaging.hpp"
#include "contagion/sim/expressed_private.hpp"
#include "contagion/sim/generators.hpp"
#include "helpers.hpp"

using namespace contagion::sim;
using namespace contagion::sim::test;

namespace {
std::vector<double> spread_values(NodeId n, double lo, double hi, double phase) {
  std::vector<double> v(n);
  for (NodeId i = 0; i < n; ++i) v[i] = lo + (hi - lo) * std::sin(phase + i) * std::sin(phase + i);
  return v;
}
}  // namespace

TEST_CASE("Phi = I: expressed equals private and the model is Friedkin–Johnsen", "[sim][epo]") {
  const Graph g = barabasi_albert(80, 2, 1);
  const auto x0 = uniform_initial(80, 1);
  const auto lambda = spread_values(80, 0.3, 0.95, 0.5);
  ExpressedPrivate epo(french(g), 1.0, NodeParameter(lambda));
  FriedkinJohnsen fj(french(g), NodeParameter(lambda));
  run_steps(epo, x0, 40);
  run_steps(fj, x0, 40);
  for (NodeId i = 0; i < 80; ++i) {
    REQUIRE(epo.state()[i] == fj.state()[i]);  // the same arithmetic, bit for bit
    REQUIRE(epo.expressed()[i] == epo.state()[i]);
  }
}

TEST_CASE("the iteration reaches the closed-form fixed point (x*, M x*)", "[sim][epo]") {
  const NodeId n = 40;
  const auto w = french(erdos_renyi_gnp(n, 0.15, 2));
  const auto phi = spread_values(n, 0.2, 0.9, 1.0), lambda = spread_values(n, 0.4, 0.9, 2.0);
  ExpressedPrivate model(w, NodeParameter(phi), NodeParameter(lambda));
  const auto x0 = uniform_initial(n, 2);
  run_steps(model, x0, 3000);

  const Eigen::MatrixXd W = dense(w), I = Eigen::MatrixXd::Identity(n, n);
  const Eigen::MatrixXd D = W.diagonal().asDiagonal(), Wt = W - D;
  const Eigen::MatrixXd Phi = vec(phi).asDiagonal(), L = vec(lambda).asDiagonal();
  const Eigen::MatrixXd M = (I - (I - Phi) * W).lu().solve(Phi);
  const Eigen::VectorXd x_star = (I - L * D - L * Wt * M).lu().solve((I - L) * vec(x0));
  CHECK((vec(model.state()) - x_star).cwiseAbs().maxCoeff() < 1e-13);
  CHECK((vec(model.expressed()) - M * x_star).cwiseAbs().maxCoeff() < 1e-13);
  CHECK((vec(model.state()) - vec(model.expressed())).cwiseAbs().minCoeff() > 1e-6);  // everyone has a gap
}

TEST_CASE("without stubbornness private and expressed opinions reach one consensus", "[sim][epo]") {
  ExpressedPrivate model(french(watts_strogatz(60, 4, 0.2, 3)), NodeParameter(spread_values(60, 0.1, 1.0, 3.0)), 1.0);
  run_steps(model, uniform_initial(60, 3), 5000);
  const double c = model.state()[0];
  for (NodeId i = 0; i < 60; ++i) {
    REQUIRE(model.state()[i] == Approx(c).margin(1e-10));
    REQUIRE(model.expressed()[i] == Approx(c).margin(1e-10));
  }
}

TEST_CASE("reduced form: x̂(t+1) = A1 x̂(t) + A2 x̂(t-1) with rows of A1 + A2 summing to 1", "[sim][epo]") {
  const NodeId n = 30;
  const auto w = french(barabasi_albert(n, 2, 4));
  const auto phi = spread_values(n, 0.2, 0.9, 4.0);
  const Eigen::MatrixXd W = dense(w), I = Eigen::MatrixXd::Identity(n, n);
  const Eigen::MatrixXd D = W.diagonal().asDiagonal(), Phi = vec(phi).asDiagonal();
  const Eigen::MatrixXd A1 = D + Phi * (W - D) + (I - Phi) * W, A2 = -D * (I - Phi) * W;
  CHECK(((A1 + A2).rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-14);
  CHECK(A2.maxCoeff() <= 0.0);

  ExpressedPrivate model(w, NodeParameter(phi), 1.0);
  model.reset(uniform_initial(n, 4));
  std::vector<Eigen::VectorXd> expressed{vec(model.expressed())};
  for (int t = 0; t < 10; ++t) {
    model.step({static_cast<std::uint64_t>(t), 0, 0, 1});
    expressed.push_back(vec(model.expressed()));
  }
  for (std::size_t t = 1; t + 1 < expressed.size(); ++t)
    CHECK((expressed[t + 1] - A1 * expressed[t] - A2 * expressed[t - 1]).cwiseAbs().maxCoeff() < 1e-14);
}

TEST_CASE("the EPO model observes the expressed opinions too", "[sim][epo]") {
  ExpressedPrivate model(french(path_graph(3)), 0.5, 0.9);
  REQUIRE(model.extra_states().size() == 1);
  CHECK(model.extra_states()[0].name == "expressed");
  CHECK_THROWS_AS(ExpressedPrivate(french(path_graph(3)), 1.5, 0.9), contagion::ParameterError);
}
