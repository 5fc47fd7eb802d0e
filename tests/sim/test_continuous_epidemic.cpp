// Exact continuous-time SIR/SIS (MODELS.md §A7): final-state distributions from the master
// equation on 3-node graphs, window independence, absorption.

#include <catch2/catch.hpp>

#include <cmath>

#include "contagion/core/error.hpp"
#include "contagion/sim/continuous_epidemic.hpp"
#include "contagion/sim/engine.hpp"
#include "contagion/sim/generators.hpp"

using namespace contagion::sim;
using Catch::Matchers::Contains;

namespace {

ContinuousEpidemicParams sir(double tau, double gamma, double window = 1.0) {
  ContinuousEpidemicParams p;
  p.rate = tau;
  p.recovery = gamma;
  p.window = window;
  return p;
}

/// Runs to absorption; returns how many nodes were ever infected.
int final_size(const Graph& g, const ContinuousEpidemicParams& p, std::vector<double> x0, std::uint64_t replicate) {
  ContinuousEpidemic model(g, p);
  model.reset(x0);
  for (std::uint64_t t = 0; t < 100000 && model.step({t, 17, replicate, 1}) > 0.0; ++t) {
  }
  int size = 0;
  for (const auto s : model.compartments()) size += s != 0;
  return size;
}

}  // namespace

TEST_CASE("continuous SIR on a 3-node star: final sizes from the master equation", "[sim][gillespie]") {
  // Centre infected, tau = gamma = 1. Leaf k is infected iff its contact fires before the
  // centre recovers: with recovery time R ~ Exp(1), P(both) = E[(1 - e^-R)^2] = 1/3 and
  // P(none) = E[e^-2R] = 1/3, so each final size 1, 2, 3 has probability 1/3 (independent
  // edges with T = 1/2 would give 1/4, 1/2, 1/4).
  const Graph star = star_graph(3);
  const int runs = 6000;
  int counts[4] = {0, 0, 0, 0};
  for (int r = 0; r < runs; ++r) ++counts[final_size(star, sir(1, 1), {1, 0, 0}, static_cast<std::uint64_t>(r))];
  for (int size = 1; size <= 3; ++size)
    CHECK(std::abs(counts[size] / double(runs) - 1.0 / 3) < 5 * std::sqrt(2.0 / 9 / runs));
}

TEST_CASE("continuous SIR on a 3-node path from one end: sizes 1, 2, 3 with 1/2, 1/4, 1/4", "[sim][gillespie]") {
  const Graph path = path_graph(3);
  const int runs = 6000;
  int counts[4] = {0, 0, 0, 0};
  for (int r = 0; r < runs; ++r) ++counts[final_size(path, sir(1, 1), {1, 0, 0}, static_cast<std::uint64_t>(r))];
  const double expected[4] = {0, 0.5, 0.25, 0.25};
  for (int size = 1; size <= 3; ++size)
    CHECK(std::abs(counts[size] / double(runs) - expected[size]) <
          5 * std::sqrt(expected[size] * (1 - expected[size]) / runs));
}

TEST_CASE("continuous epidemic: the window only decides when states are recorded", "[sim][gillespie]") {
  const Graph g = barabasi_albert(3000, 3, 2);
  std::vector<double> x0(3000, 0.0);
  x0[0] = x0[1500] = 1.0;
  ContinuousEpidemic fine(g, sir(0.3, 1.0, 0.05)), coarse(g, sir(0.3, 1.0, 2.0));
  fine.reset(x0);
  coarse.reset(x0);
  for (std::uint64_t t = 0; t < 400; ++t) fine.step({t, 5, 0, 1});   // up to time 20
  for (std::uint64_t t = 0; t < 10; ++t) coarse.step({t, 5, 0, 2});  // up to time 20
  CHECK(fine.events() == coarse.events());
  CHECK(std::equal(fine.compartments().begin(), fine.compartments().end(), coarse.compartments().begin()));
  CHECK(fine.events() > 100);
}

TEST_CASE("continuous SI reaches everyone on a connected graph, SIR is absorbed", "[sim][gillespie]") {
  ContinuousEpidemicParams si = sir(1.0, 0.0);
  si.kind = EpidemicKind::si;
  ContinuousEpidemic model(watts_strogatz(200, 4, 0.1, 1), si);
  std::vector<double> x0(200, 0.0);
  x0[7] = 1.0;
  EngineSettings s;
  s.max_steps = 10000;
  s.tolerance = 0.0;
  const EngineResult r = run_model(model, x0, s);
  CHECK(r.converged);
  for (const auto state : model.compartments()) CHECK(state == 1);
  CHECK(r.time.back() == Approx(static_cast<double>(r.steps)));  // window 1
}

TEST_CASE("continuous epidemic: parameters and states are checked", "[sim][gillespie]") {
  CHECK_THROWS_WITH(ContinuousEpidemic(path_graph(3), sir(-1, 1)), "rate = -1 is outside [0, inf)");
  CHECK_THROWS_WITH(ContinuousEpidemic(path_graph(3), sir(1, 1, 0.0)), "window = 0 is outside (0, inf)");
  ContinuousEpidemicParams sis = sir(1, 1);
  sis.kind = EpidemicKind::sis;
  ContinuousEpidemic model(path_graph(3), sis);
  CHECK_THROWS_WITH(model.reset(std::vector<double>{0, 2, 0}), Contains("node 1 is 2"));
}
