// The voter model (MODELS.md §A7): degree-weighted fixation probability, absorption.

#include <catch2/catch.hpp>

#include <cmath>

#include "contagion/core/error.hpp"
#include "contagion/sim/engine.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/voter.hpp"

using namespace contagion::sim;

namespace {
/// Share of runs that end in consensus on 1, from `x0`, over `runs` replicates.
double fixation(const Graph& g, const std::vector<double>& x0, int runs, Mixing mixing = Mixing::graph) {
  int ones = 0;
  EngineSettings s;
  s.max_steps = 100000;
  s.tolerance = 0.0;
  s.metrics = {Metric::mean};
  s.metrics_every = 100000;
  for (int r = 0; r < runs; ++r) {
    Voter model(g, mixing);
    s.seed = 5;
    s.replicate = static_cast<std::uint64_t>(r);
    const EngineResult result = run_model(model, x0, s);
    REQUIRE(result.converged);
    ones += result.final_state[0] == 1.0;
  }
  return static_cast<double>(ones) / runs;
}
}  // namespace

TEST_CASE("voter: consensus on 1 with probability sum of degrees holding 1 / sum of degrees", "[sim][voter]") {
  const Graph star = star_graph(6);  // centre degree 5, leaves 1: sum 10
  const int runs = 3000;
  auto check = [&](const std::vector<double>& x0, double expected) {
    const double p = fixation(star, x0, runs);
    CHECK(std::abs(p - expected) < 5 * std::sqrt(expected * (1 - expected) / runs));
  };
  check({1, 0, 0, 0, 0, 0}, 0.5);  // the centre alone: 5/10
  check({0, 1, 0, 0, 0, 0}, 0.1);  // one leaf: 1/10
  check({0, 1, 1, 1, 0, 0}, 0.3);
}

TEST_CASE("voter: on a complete mixing population the fixation probability is the initial share", "[sim][voter]") {
  const double p = fixation(empty_graph(10), {1, 1, 1, 0, 0, 0, 0, 0, 0, 0}, 2000, Mixing::complete);
  CHECK(std::abs(p - 0.3) < 5 * std::sqrt(0.3 * 0.7 / 2000));
}

TEST_CASE("voter: consensus is absorbing and the same seed gives the same run", "[sim][voter]") {
  Voter model(ring_graph(20));
  model.reset(std::vector<double>(20, 1.0));
  CHECK(model.step({0, 1, 0, 1}) == 0.0);
  const Graph g = erdos_renyi_gnp(200, 0.05, 2);
  std::vector<double> x0(200);
  for (NodeId i = 0; i < 200; ++i) x0[i] = i % 2;
  Voter a(g), b(g);
  a.reset(x0);
  b.reset(x0);
  for (std::uint64_t t = 0; t < 10; ++t) {
    a.step({t, 4, 0, 1});
    b.step({t, 4, 0, 2});
  }
  CHECK(std::equal(a.state().begin(), a.state().end(), b.state().begin()));
  CHECK_THROWS_AS(Voter(empty_graph(1), Mixing::complete), contagion::Error);
}
