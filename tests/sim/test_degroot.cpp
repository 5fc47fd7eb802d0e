// MODELS.md §A1 oracles for DeGroot averaging.

#include <catch2/catch.hpp>

#include "contagion/sim/averaging.hpp"
#include "contagion/sim/generators.hpp"
#include "helpers.hpp"

using namespace contagion::sim;
using namespace contagion::sim::test;

namespace {
InfluenceMatrix influence(const Graph& g, InfluenceScheme scheme) {
  InfluenceSpec spec;
  spec.scheme = scheme;
  return InfluenceMatrix(g, spec);
}
double spread(std::span<const double> x) {
  const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  return *hi - *lo;
}
}  // namespace

TEST_CASE("French weights: pi_i = (d_i+1)/(2m+n) and pi^T x(t) is invariant", "[sim][degroot]") {
  const Graph g = barabasi_albert(200, 2, 1);
  const auto w = influence(g, InfluenceScheme::french);
  Eigen::VectorXd pi(200);
  for (NodeId i = 0; i < 200; ++i) pi[i] = (g.degree(i) + 1.0) / (2.0 * g.num_edges() + 200.0);
  CHECK((pi.transpose() * dense(w) - pi.transpose()).cwiseAbs().maxCoeff() < 1e-15);  // pi is the Perron vector

  DeGroot model(w);
  const auto x0 = uniform_initial(200, 1);
  model.reset(x0);
  const double invariant = pi.dot(vec(x0));
  double max_prev = 1e300, min_prev = -1e300;
  for (int t = 0; t < 60; ++t) {
    model.step({static_cast<std::uint64_t>(t), 0, 0, 1});
    const auto x = model.state();
    REQUIRE(pi.dot(vec(x)) == Approx(invariant).epsilon(1e-14));
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    REQUIRE(*hi <= max_prev);  // max non-increasing, min non-decreasing
    REQUIRE(*lo >= min_prev);
    max_prev = *hi;
    min_prev = *lo;
  }
}

TEST_CASE("random-walk weights converge to the degree-weighted mean", "[sim][degroot]") {
  const Graph g = barabasi_albert(500, 3, 2);  // connected, with triangles: aperiodic
  DeGroot model(influence(g, InfluenceScheme::random_walk));
  const auto x0 = uniform_initial(500, 2);
  double expected = 0.0;
  for (NodeId i = 0; i < 500; ++i) expected += g.degree(i) * x0[i] / (2.0 * g.num_edges());
  run_steps(model, x0, 400);
  for (const double v : model.state()) REQUIRE(v == Approx(expected).epsilon(1e-12));
}

TEST_CASE("doubly stochastic weights converge to the plain average", "[sim][degroot]") {
  const Graph g = watts_strogatz(300, 6, 0.2, 3);
  DeGroot model(influence(g, InfluenceScheme::metropolis));
  const auto x0 = uniform_initial(300, 3);
  const double mean = std::accumulate(x0.begin(), x0.end(), 0.0) / 300.0;
  run_steps(model, x0, 3000);
  for (const double v : model.state()) REQUIRE(v == Approx(mean).epsilon(1e-11));
}

TEST_CASE("complete graph with w_ij = 1/n: consensus on the mean after exactly one step", "[sim][degroot]") {
  DeGroot model(influence(complete_graph(50), InfluenceScheme::french));  // French on K_n is 1/n
  const auto x0 = uniform_initial(50, 4);
  const double mean = std::accumulate(x0.begin(), x0.end(), 0.0) / 50.0;
  run_steps(model, x0, 1);
  for (const double v : model.state()) REQUIRE(v == Approx(mean).margin(1e-15));
}

TEST_CASE("periodic counter-example: two nodes swap forever", "[sim][degroot]") {
  DeGroot model(influence(path_graph(2), InfluenceScheme::random_walk));
  model.reset(std::vector<double>{0.0, 1.0});
  for (int t = 0; t < 5; ++t) {
    const double change = model.step({static_cast<std::uint64_t>(t), 0, 0, 1});
    CHECK(change == 1.0);
    CHECK(model.state()[0] == (t % 2 == 0 ? 1.0 : 0.0));
    CHECK(model.state()[1] == (t % 2 == 0 ? 0.0 : 1.0));
  }
}

TEST_CASE("BA(10^4, 3) with random-walk weights reaches spread < 1e-12 in 100 steps", "[sim][degroot]") {
  const Graph g = barabasi_albert(10000, 3, 5);
  DeGroot model(influence(g, InfluenceScheme::random_walk));
  run_steps(model, uniform_initial(10000, 5), 100, 2);
  CHECK(spread(model.state()) < 1e-12);  // numpy: 7e-15 (MODELS.md §A1 oracle 6)
}

TEST_CASE("several topics evolve as independent single-topic runs", "[sim][degroot]") {
  const Graph g = erdos_renyi_gnp(100, 0.08, 6);
  const auto w = influence(g, InfluenceScheme::french);
  std::vector<std::vector<double>> single(3);
  std::vector<double> joint(300);
  for (std::size_t c = 0; c < 3; ++c) {
    const auto x0 = uniform_initial(100, 10 + c);
    for (std::size_t i = 0; i < 100; ++i) joint[i * 3 + c] = x0[i];
    DeGroot one(w);
    run_steps(one, x0, 20);
    single[c].assign(one.state().begin(), one.state().end());
  }
  DeGroot many(w, 3);
  run_steps(many, joint, 20);
  for (std::size_t i = 0; i < 100; ++i)
    for (std::size_t c = 0; c < 3; ++c) REQUIRE(many.state()[i * 3 + c] == single[c][i]);
}

TEST_CASE("DeGroot is bitwise identical for 1 and 2 threads", "[sim][degroot][determinism]") {
  const Graph g = barabasi_albert(20000, 3, 7);
  DeGroot a(influence(g, InfluenceScheme::french)), b(influence(g, InfluenceScheme::french));
  const auto x0 = uniform_initial(20000, 7);
  run_steps(a, x0, 30, 1);
  run_steps(b, x0, 30, 2);
  CHECK(std::equal(a.state().begin(), a.state().end(), b.state().begin()));
}
