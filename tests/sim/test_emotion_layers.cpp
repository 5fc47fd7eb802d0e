// Several emotions spreading at once (weak-tie diffusion of anger and joy) and the multi-state
// SISa, read from scenarios: per-emotion observations and spread results, independence of
// the layers.

#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/emotion_layers.hpp"
#include "contagion/sim/epidemic.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/scenario.hpp"

using namespace contagion::sim;
using Catch::Matchers::Contains;
using contagion::MetricSeries;
using contagion::RunRecord;

namespace {

const std::string kWeakTies = R"(seed = 4
[graph]
generator = "stochastic_block_model"
sizes = [100, 100, 100]
p_in = 0.3
p_out = 0.003
tie_strength = "overlap"

[model]
type = "epidemic"
kind = "si"
transmission = 0.02
transmission_scale = "weak_ties"
emotions = ["anger", "joy"]

[model.anger]
kappa = 1.0

[model.joy]
kappa = -1.0

[initial]
distribution = "seeds"
nodes = [0]

[run]
max_steps = 400
tolerance = 0

[record]
coverage_levels = [0.5, 0.9]
states_every = 400
)";

const MetricSeries& series(const RunRecord& r, const std::string& name) {
  for (const auto& m : r.metrics)
    if (m.name == name) return m;
  FAIL("no metric " << name);
  return r.metrics.front();
}

double result(const RunRecord& r, const std::string& name) {
  const auto value = contagion::find_parameter(r.results, name);
  REQUIRE(value);
  return std::get<double>(*value);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  return text.replace(text.find(from), from.size(), to);
}

}  // namespace

TEST_CASE("several emotions at once: per-emotion metrics and spread results", "[sim][emotions]") {
  const Scenario s = parse_scenario(kWeakTies, "s.toml");
  CHECK(s.columns == 2);
  const RunRecord r = run_scenario(s, 0, 2);
  CHECK(series(r, "anger_coverage").values.front() == Approx(1.0 / 300));
  CHECK(series(r, "joy_coverage").values.front() == Approx(1.0 / 300));
  CHECK(series(r, "anger_S").values.size() == r.time.size());
  // Anger favours the weak bridges between the blocks: it reaches half of the graph sooner.
  CHECK(result(r, "anger_t_coverage_0.5") < result(r, "joy_t_coverage_0.5"));
  CHECK(result(r, "anger_final_coverage") == 1.0);
  CHECK(result(r, "anger_velocity_0.5") == Approx(1.0 / result(r, "anger_t_coverage_0.5")));
  REQUIRE(r.states);
  CHECK(r.states->columns == 2);
}

TEST_CASE("several emotions: a layer's run does not depend on the other emotions", "[sim][emotions][determinism]") {
  const RunRecord both = run_scenario(parse_scenario(kWeakTies, "s.toml"), 1, 1);
  const std::string anger_only =
      replace(replace(kWeakTies, "emotions = [\"anger\", \"joy\"]", "emotions = [\"anger\"]"),
              "[model.joy]\nkappa = -1.0\n", "");
  const RunRecord alone = run_scenario(parse_scenario(anger_only, "s.toml"), 1, 2);
  // The run with both stops later (when joy is absorbed too); up to anger's end they agree.
  const auto& with_joy = series(both, "anger_coverage").values;
  const auto& without = series(alone, "anger_coverage").values;
  REQUIRE(with_joy.size() > without.size());
  CHECK(std::equal(without.begin(), without.end(), with_joy.begin()));
  // Two emotions with equal rates still draw from their own streams.
  const std::string twins = replace(kWeakTies, "kappa = -1.0", "kappa = 1.0");
  const RunRecord twin = run_scenario(parse_scenario(twins, "s.toml"), 1, 1);
  CHECK(series(twin, "anger_coverage").values != series(twin, "joy_coverage").values);
}

TEST_CASE("several emotions: names and layers are checked", "[sim][emotions]") {
  const Graph g = ring_graph(5, 2);
  auto layer = [&](std::string name) {
    return EmotionLayer{std::move(name), std::make_unique<DiscreteEpidemic>(g, EpidemicParams{})};
  };
  std::vector<EmotionLayer> twice;
  twice.push_back(layer("anger"));
  twice.push_back(layer("anger"));
  CHECK_THROWS_WITH(EmotionLayers(std::move(twice)), Contains("'anger' twice"));
  std::vector<EmotionLayer> slash;
  slash.push_back(layer("an/ger"));
  CHECK_THROWS_WITH(EmotionLayers(std::move(slash)), Contains("letters, digits"));
  CHECK_THROWS_WITH(EmotionLayers({}), Contains("at least one emotion"));
  std::vector<EmotionLayer> two;
  two.push_back(layer("anger"));
  two.push_back(layer("joy"));
  EmotionLayers model(std::move(two));
  CHECK_THROWS_WITH(model.reset(std::vector<double>{0, 0, 0, 0, 0}), Contains("10 (5 nodes x 2 columns)"));
  CHECK_THROWS_WITH(model.reset(std::vector<double>{0, 0, 0, 3, 0, 0, 0, 0, 0, 0}),
                    Contains("emotion 'joy'") && Contains("node 1"));
}

TEST_CASE("multi-state SISa from a scenario: per-state fractions and coverage", "[sim][sisa][scenario]") {
  const std::string text = R"(seed = 2
[graph]
generator = "stochastic_block_model"
sizes = [200, 200]
p_in = 0.05
p_out = 0.005

[model]
type = "sisa"
states = ["content", "discontent"]
window = 0.5

[model.content]
spontaneous = 0.02
contagion = 0.2
recovery = 0.1

[model.discontent]
contagion = 0.4
recovery = 0.2

[initial]
distribution = "seeds"
block = 1
value = 2

[run]
max_steps = 40
tolerance = 0
)";
  const RunRecord r = run_scenario(parse_scenario(text, "s.toml"), 0, 1);
  std::vector<std::string> names;
  for (const auto& m : r.metrics) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"neutral", "content", "discontent", "coverage", "content_coverage",
                                          "discontent_coverage", "blocks_reached", "reached_block_0",
                                          "reached_block_1"});
  CHECK(r.time.back() == 20.0);
  CHECK(series(r, "discontent").values.front() == 0.5);
  CHECK(result(r, "content_final_coverage") > 0.0);  // spontaneous only: discontent fills the graph first
  CHECK(result(r, "discontent_final_coverage") > 0.5);
  CHECK(result(r, "t_reached_block_0") > 0.0);
  const Scenario discrete = parse_scenario(
      replace(replace(text, "window = 0.5", "time = \"discrete\""), "contagion = 0.4", "contagion = 0.04"), "s.toml");
  CHECK(run_scenario(discrete, 0, 1).time.back() == 40.0);
  CHECK_THROWS_WITH(parse_scenario(replace(text, "contagion = 0.4", "contagion = 0.4\ncontagoin = 0.4"), "s.toml"),
                    Contains("unknown key 'model.discontent.contagoin'"));
  CHECK_THROWS_WITH(parse_scenario(replace(text, "[model.discontent]", "[model.discontented]"), "s.toml"),
                    Contains("model.discontent"));
  // A rate in continuous time, a probability per step in discrete time.
  CHECK_NOTHROW(parse_scenario(replace(text, "spontaneous = 0.02", "spontaneous = 2.0"), "s.toml"));
  CHECK_THROWS_WITH(parse_scenario(replace(replace(text, "window = 0.5", "time = \"discrete\""), "spontaneous = 0.02",
                                           "spontaneous = 2.0"),
                                   "s.toml"),
                    Contains("s.toml:14:15:") && Contains("model.content.spontaneous = 2 is outside [0, 1]"));
}
