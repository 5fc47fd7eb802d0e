// MODELS.md §A2 oracles for the Friedkin–Johnsen model.

#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/averaging.hpp"
#include "contagion/sim/generators.hpp"
#include "helpers.hpp"

#include <Eigen/Eigenvalues>

using namespace contagion::sim;
using namespace contagion::sim::test;

TEST_CASE("lambda = 1 is DeGroot, and lambda = 0 keeps the prejudice", "[sim][fj]") {
  const Graph g = barabasi_albert(100, 2, 1);
  const auto x0 = uniform_initial(100, 1);
  FriedkinJohnsen open(french(g), 1.0);
  DeGroot degroot(french(g));
  run_steps(open, x0, 25);
  run_steps(degroot, x0, 25);
  CHECK(std::equal(open.state().begin(), open.state().end(), degroot.state().begin()));
  FriedkinJohnsen closed(french(g), 0.0);
  run_steps(closed, x0, 25);
  CHECK(std::equal(closed.state().begin(), closed.state().end(), x0.begin()));
}

TEST_CASE("the iteration converges to V u with V = (I - Lambda W)^-1 (I - Lambda) row-stochastic", "[sim][fj]") {
  const NodeId n = 60;
  const Graph g = erdos_renyi_gnp(n, 0.1, 2);
  std::vector<double> lambda(n);
  for (NodeId i = 0; i < n; ++i) lambda[i] = 0.5 + 0.49 * std::sin(1.0 + i) * std::sin(1.0 + i);
  const auto w = french(g);
  FriedkinJohnsen model(w, NodeParameter(lambda));
  const auto u = uniform_initial(n, 2);
  run_steps(model, u, 3000);
  const Eigen::MatrixXd L = vec(lambda).asDiagonal();
  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(n, n);
  const Eigen::MatrixXd V = (I - L * dense(w)).lu().solve(I - L);
  CHECK((V.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-13);
  CHECK((vec(model.state()) - V * vec(u)).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("complete graph, uniform lambda: x_i* = (1 - lambda) u_i + lambda mean(u)", "[sim][fj]") {
  const double lambda = 0.7;
  FriedkinJohnsen model(french(complete_graph(40)), lambda);
  const auto u = uniform_initial(40, 3);
  const double mean = std::accumulate(u.begin(), u.end(), 0.0) / 40.0;
  run_steps(model, u, 200);
  for (NodeId i = 0; i < 40; ++i)
    REQUIRE(model.state()[i] == Approx((1 - lambda) * u[i] + lambda * mean).margin(1e-14));
}

TEST_CASE("with uniform lambda, rho(Lambda W) = lambda bounds the convergence rate", "[sim][fj]") {
  const double lambda = 0.6;
  const NodeId n = 200;
  const auto w = french(watts_strogatz(n, 4, 0.3, 4));
  const Eigen::MatrixXd LW = lambda * dense(w);
  CHECK(Eigen::EigenSolver<Eigen::MatrixXd>(LW, false).eigenvalues().cwiseAbs().maxCoeff() ==
        Approx(lambda).epsilon(1e-12));

  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(n, n);
  const auto u = uniform_initial(n, 4);
  const Eigen::VectorXd target = (I - LW).lu().solve((1 - lambda) * vec(u));
  FriedkinJohnsen model(w, lambda);
  model.reset(u);
  std::vector<double> error{(vec(model.state()) - target).norm()};
  for (int t = 0; t < 40; ++t) {
    model.step({static_cast<std::uint64_t>(t), 0, 0, 1});
    error.push_back((vec(model.state()) - target).norm());
    REQUIRE(error.back() < error[error.size() - 2]);
  }
  const double rate = std::pow(error[40] / error[20], 1.0 / 20.0);
  CHECK(rate <= lambda + 1e-3);
  CHECK(rate > 0.5 * lambda);  // and not much faster: the slowest mode decays at about lambda
}

TEST_CASE("coupled susceptibility is 1 - w_ii, and bad values name the node", "[sim][fj]") {
  const Graph g = star_graph(5);
  const auto w = french(g);
  FriedkinJohnsen coupled(w, 0.0, true);
  CHECK(coupled.susceptibility()[0] == Approx(1.0 - 1.0 / 5.0));
  CHECK(coupled.susceptibility()[1] == Approx(0.5));
  CHECK_THROWS_WITH(FriedkinJohnsen(w, NodeParameter(std::vector<double>{0.5, 0.5, 1.2, 0.5, 0.5})),
                    "susceptibility[2] = 1.2 is outside [0, 1]");
  CHECK_THROWS_AS(FriedkinJohnsen(w, -0.1), contagion::ParameterError);
}
