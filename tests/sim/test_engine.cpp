#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/averaging.hpp"
#include "contagion/sim/engine.hpp"
#include "contagion/sim/expressed_private.hpp"
#include "contagion/sim/generators.hpp"
#include "helpers.hpp"

using namespace contagion::sim;
using namespace contagion::sim::test;
using contagion::RunControl;

namespace {
const contagion::MetricSeries& series(const EngineResult& r, const std::string& name) {
  for (const auto& m : r.metrics)
    if (m.name == name) return m;
  FAIL("no metric " << name);
  throw;
}
}  // namespace

TEST_CASE("the engine stops at the tolerance and says so", "[sim][engine]") {
  DeGroot model(french(complete_graph(20)));  // consensus after one step, no change in the second
  EngineSettings s;
  s.tolerance = 1e-15;  // rows average in different orders: the consensus is exact only to rounding
  const EngineResult r = run_model(model, uniform_initial(20, 1), s);
  CHECK(r.converged);
  CHECK_FALSE(r.interrupted);
  CHECK(r.steps == 2);
  CHECK(r.last_change <= 1e-15);
  CHECK(r.time == std::vector<double>{0, 1, 2});
}

TEST_CASE("metrics every k steps, always at the start and the end", "[sim][engine]") {
  DeGroot model(french(ring_graph(30)));
  EngineSettings s;
  s.max_steps = 10;
  s.tolerance = -1.0;  // never stop early
  s.metrics_every = 3;
  const EngineResult r = run_model(model, uniform_initial(30, 2), s);
  CHECK_FALSE(r.converged);
  CHECK(r.steps == 10);
  CHECK(r.time == std::vector<double>{0, 3, 6, 9, 10});
  const auto& mean = series(r, "mean");
  CHECK(mean.values.size() == 5);
  const double final_mean = std::accumulate(r.final_state.begin(), r.final_state.end(), 0.0) / 30.0;
  CHECK(mean.values.back() == Approx(final_mean).epsilon(1e-14));
  CHECK(series(r, "spread").values.back() == Approx(*std::max_element(r.final_state.begin(), r.final_state.end()) -
                                                    *std::min_element(r.final_state.begin(), r.final_state.end())));
}

TEST_CASE("states are recorded every k steps", "[sim][engine]") {
  DeGroot model(french(ring_graph(10)), 2);
  EngineSettings s;
  s.max_steps = 9;
  s.tolerance = -1.0;
  s.states_every = 4;
  const EngineResult r = run_model(model, std::vector<double>(20, 0.5), s);
  REQUIRE(r.states);
  CHECK(r.states->times == std::vector<double>{0, 4, 8});
  CHECK(r.states->values.size() == 3 * 20);
  CHECK(r.states->columns == 2);
  CHECK(series(r, "mean").columns == 2);
  CHECK(series(r, "mean").values.size() == 2 * r.time.size());
}

TEST_CASE("a stop request ends the run after the current step", "[sim][engine]") {
  DeGroot model(french(ring_graph(10)));
  std::atomic<bool> stop{true};
  EngineSettings s;
  s.tolerance = -1.0;
  const EngineResult r = run_model(model, uniform_initial(10, 3), s, {&stop, {}});
  CHECK(r.interrupted);
  CHECK(r.steps == 1);
  CHECK(r.time.back() == 1.0);
}

TEST_CASE("progress is reported after every step", "[sim][engine]") {
  DeGroot model(french(ring_graph(10)));
  EngineSettings s;
  s.max_steps = 7;
  s.tolerance = -1.0;
  std::vector<std::uint64_t> seen;
  const RunControl control{nullptr, [&](std::uint64_t done, std::uint64_t total) {
                             CHECK(total == 7);
                             seen.push_back(done);
                           }};
  run_model(model, uniform_initial(10, 3), s, control);
  CHECK(seen == std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7});
}

TEST_CASE("extra states get their own metrics", "[sim][engine]") {
  ExpressedPrivate model(french(ring_graph(10)), 0.5, 0.9);
  EngineSettings s;
  s.max_steps = 3;
  s.metrics = {Metric::mean, Metric::clusters};
  const EngineResult r = run_model(model, uniform_initial(10, 4), s);
  std::vector<std::string> names;
  for (const auto& m : r.metrics) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"mean", "clusters", "expressed_mean", "expressed_clusters"});
}

TEST_CASE("bad engine settings are rejected", "[sim][engine]") {
  DeGroot model(french(ring_graph(10)));
  EngineSettings s;
  s.metrics_every = 0;
  CHECK_THROWS_AS(run_model(model, uniform_initial(10, 5), s), contagion::ParameterError);
  CHECK_THROWS_WITH(run_model(model, uniform_initial(9, 5), EngineSettings{}),
                    Catch::Matchers::Contains("initial state has 9 values"));
  std::vector<double> bad = uniform_initial(10, 5);
  bad[3] = std::nan("");
  CHECK_THROWS_WITH(run_model(model, bad, EngineSettings{}), Catch::Matchers::Contains("not finite"));
}
