// MODELS.md §A3.1 oracles for DeGroot with delayed perception.

#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/averaging.hpp"
#include "contagion/sim/delayed_degroot.hpp"
#include "contagion/sim/generators.hpp"
#include "helpers.hpp"

using namespace contagion::sim;
using namespace contagion::sim::test;

TEST_CASE("delay 0 is plain DeGroot", "[sim][delayed]") {
  const Graph g = barabasi_albert(100, 2, 1);
  const auto x0 = uniform_initial(100, 1);
  DelayedDeGroot delayed(french(g), 0);
  DeGroot plain(french(g));
  run_steps(delayed, x0, 30);
  run_steps(plain, x0, 30);
  CHECK(std::equal(delayed.state().begin(), delayed.state().end(), plain.state().begin()));
}

TEST_CASE("uniform delay, constant history: consensus weights pi_i (1 + tau (1 - w_ii))", "[sim][delayed]") {
  const Graph g = barabasi_albert(40, 2, 2);  // unequal degrees: unequal self-weights
  const auto w = french(g);
  const Eigen::VectorXd pi = stationary(dense(w));
  const auto x0 = uniform_initial(40, 2);
  for (const std::uint32_t tau : {1u, 3u}) {
    Eigen::VectorXd omega(40);
    for (NodeId i = 0; i < 40; ++i) omega[i] = pi[i] * (1.0 + tau * (1.0 - w.self_weights()[i]));
    const double c = omega.dot(vec(x0)) / omega.sum();
    DelayedDeGroot model(w, tau);
    run_steps(model, x0, 6000);
    for (const double v : model.state()) REQUIRE(v == Approx(c).epsilon(1e-10));
    CHECK(std::abs(c - pi.dot(vec(x0))) > 1e-4);  // the delay really moves the consensus here
  }
}

TEST_CASE("uniform delay, explicit history: the general consensus formula", "[sim][delayed]") {
  const Graph g = erdos_renyi_gnp(30, 0.2, 3);
  const auto w = french(g);
  const Eigen::VectorXd pi = stationary(dense(w));
  const std::uint32_t tau = 2;
  const auto x0 = uniform_initial(30, 3);
  const std::vector<std::vector<double>> history{uniform_initial(30, 4), uniform_initial(30, 5)};
  Eigen::VectorXd one_minus_d(30);
  for (NodeId i = 0; i < 30; ++i) one_minus_d[i] = 1.0 - w.self_weights()[i];
  const Eigen::VectorXd p = pi.cwiseProduct(one_minus_d);  // pi^T (I - D_W)
  const double c = (pi.dot(vec(x0)) + p.dot(vec(history[0])) + p.dot(vec(history[1]))) / (1.0 + tau * p.sum());
  DelayedDeGroot model(w, tau);
  model.reset(x0, history);
  for (int t = 0; t < 5000; ++t) model.step({static_cast<std::uint64_t>(t), 0, 0, 1});
  for (const double v : model.state()) REQUIRE(v == Approx(c).epsilon(1e-10));
}

TEST_CASE("equal self-weights: the delay does not move the consensus", "[sim][delayed]") {
  InfluenceSpec lazy;
  lazy.scheme = InfluenceScheme::lazy;
  lazy.alpha = 0.4;
  const InfluenceMatrix w(barabasi_albert(50, 2, 6), lazy);
  const Eigen::VectorXd pi = stationary(dense(w));
  const auto x0 = uniform_initial(50, 6);
  DelayedDeGroot model(w, 3);
  run_steps(model, x0, 6000);
  for (const double v : model.state()) REQUIRE(v == Approx(pi.dot(vec(x0))).epsilon(1e-10));
}

TEST_CASE("per-arc delays: all equal is the uniform model, and mixed delays still agree", "[sim][delayed]") {
  const Graph g = watts_strogatz(60, 4, 0.2, 7);
  const auto w = french(g);
  const auto x0 = uniform_initial(60, 7);
  DelayedDeGroot uniform(w, 2), per_arc(w, std::vector<std::uint32_t>(g.num_arcs(), 2));
  run_steps(uniform, x0, 50);
  run_steps(per_arc, x0, 50);
  CHECK(std::equal(uniform.state().begin(), uniform.state().end(), per_arc.state().begin()));
  std::vector<std::uint32_t> mixed(g.num_arcs());
  for (EdgeId e = 0; e < mixed.size(); ++e) mixed[e] = static_cast<std::uint32_t>(e % 4);
  DelayedDeGroot model(w, mixed);
  CHECK(model.max_delay() == 3);
  run_steps(model, x0, 8000);
  const auto [lo, hi] = std::minmax_element(model.state().begin(), model.state().end());
  CHECK(*hi - *lo < 1e-9);  // strongly connected with w_ii > 0: consensus for bounded delays
}

TEST_CASE("the history must match the maximum delay", "[sim][delayed]") {
  DelayedDeGroot model(french(path_graph(3)), 2);
  CHECK_THROWS_WITH(model.reset(std::vector<double>{0, 1, 2}, {{0, 1, 2}}),
                    Catch::Matchers::Contains("needs x(-1)..x(-2)"));
  CHECK_THROWS_AS(DelayedDeGroot(french(path_graph(3)), 5000u), contagion::ParameterError);
}
