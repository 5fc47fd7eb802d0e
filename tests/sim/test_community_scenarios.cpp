// Scenarios on graphs with planted communities: LFR, the karate club, planted tie strengths.

#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/scenario.hpp"

using namespace contagion::sim;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const std::string kLfr = R"(seed = 4

[graph]
generator = "lfr"
n = 1000
average_degree = 15
max_degree = 40
tau1 = 2.5
tau2 = 1.5
min_community = 20
max_community = 80
mu = 0.2

[model]
type = "degroot"
)";

const std::string kSbm = R"([graph]
generator = "stochastic_block_model"
sizes = [60, 60]
p_in = 0.3
p_out = 0.02
tie_strength = "planted"
tie_within = 0.8
tie_between = [0.01, 0.1]

[model]
type = "degroot"
)";

std::string error_of(const std::string& text) {
  try {
    parse_scenario(text, "s.toml");
  } catch (const contagion::Error& e) {
    return e.what();
  }
  return "no error";
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  return text.replace(pos, from.size(), to);
}

}  // namespace

TEST_CASE("an LFR scenario plants communities and records the achieved mixing", "[sim][scenario][lfr]") {
  const Scenario s = parse_scenario(kLfr, "s.toml");
  CHECK(s.graph.num_nodes() == 1000);
  CHECK(s.graph.has_attribute("block"));
  CHECK(s.graph.provenance().generator == "lfr");
  CHECK_THAT(s.graph.provenance().parameters, Contains("seed=4") && Contains("achieved_mu="));
  CHECK(std::get<double>(*contagion::find_parameter(s.parameters, "graph.mu")) == 0.2);
  const Scenario again = parse_scenario(kLfr, "s.toml");
  CHECK(std::ranges::equal(s.graph.targets(), again.graph.targets()));
}

TEST_CASE("LFR scenario errors name the file, line and key", "[sim][scenario][lfr]") {
  CHECK_THAT(error_of(replace(kLfr, "mu = 0.2", "mu = 1.2")), StartsWith("s.toml:12:") && Contains("[graph.mu]"));
  CHECK_THAT(error_of(replace(kLfr, "max_degree = 40", "max_degree = 1000")),
             StartsWith("s.toml:7:") && Contains("graph.max_degree = 1000 is outside [1, 999]"));
  CHECK_THAT(error_of(replace(kLfr, "max_community = 80", "max_community = 25")),
             StartsWith("s.toml:11:") && Contains("[graph.max_community] max_community = 25 is outside"));
  CHECK_THAT(error_of(replace(kLfr, "average_degree = 15", "average_degree = 1.5")),
             StartsWith("s.toml:6:") && Contains("[graph.average_degree]"));
  CHECK_THAT(error_of(replace(kLfr, "mu = 0.2", "mixing = 0.2")), Contains("missing required key 'graph.mu'"));
  CHECK_THAT(error_of(replace(kLfr, "tau1 = 2.5", "tau_1 = 2.5")), Contains("unknown key 'graph.tau_1'"));
}

TEST_CASE("the karate club as a scenario graph, with planted ties from its factions", "[sim][scenario][classic]") {
  const std::string text =
      "[graph]\ngenerator = \"karate\"\n"
      "[model]\ntype = \"epidemic\"\nkind = \"si\"\ntransmission = 0.3\n"
      "[initial]\ndistribution = \"seeds\"\nnodes = [0]\n"
      "[run]\nmax_steps = 50\ntolerance = 0\n";
  const Scenario s = parse_scenario(text, "s.toml");
  CHECK(s.graph.num_edges() == 78);
  CHECK(s.graph.tie_strengths()[*s.graph.find_arc(25, 31)] == 7.0f);  // Zachary's interaction count
  // Community penetration reads the factions.
  const auto r = run_scenario(s, 0, 1);
  bool reached_officers = false;
  for (const auto& m : r.metrics) reached_officers |= m.name == "reached_block_1";
  CHECK(reached_officers);
  CHECK_THAT(error_of(replace(text, "generator = \"karate\"", "generator = \"karate\"\nseed = 3")),
             Contains("unknown key 'graph.seed'"));

  const Scenario planted =
      parse_scenario(replace(text, "generator = \"karate\"",
                             "generator = \"karate\"\ntie_strength = \"planted\"\ncommunity = \"club\""),
                     "s.toml");
  CHECK(planted.graph.tie_strengths()[*planted.graph.find_arc(0, 1)] == 1.0f);   // both 'Mr. Hi'
  CHECK(planted.graph.tie_strengths()[*planted.graph.find_arc(0, 31)] == 0.1f);  // across the split
}

TEST_CASE("SBM with planted tie strengths", "[sim][scenario][tie]") {
  const Scenario s = parse_scenario(kSbm, "s.toml");
  const auto& block = s.graph.attribute("block");
  const auto tie = s.graph.tie_strengths();
  for (NodeId i = 0; i < s.graph.num_nodes(); ++i)
    for (EdgeId e = s.graph.offsets()[i]; e < s.graph.offsets()[i + 1]; ++e) {
      if (block[i] == block[s.graph.targets()[e]])
        CHECK(tie[e] == 0.8f);
      else
        CHECK((tie[e] >= 0.01f && tie[e] < 0.1f));
    }
  CHECK(s.graph.weights()[0] == 1.0f);  // weights are untouched
}

TEST_CASE("planted tie strength errors name the key", "[sim][scenario][tie]") {
  CHECK_THAT(error_of(replace(kSbm, "tie_between = [0.01, 0.1]", "tie_between = [0.5, 0.1]")),
             StartsWith("s.toml:8:") && Contains("[graph.tie_between]"));
  CHECK_THAT(error_of(replace(kSbm, "tie_within = 0.8", "tie_within = -1")),
             StartsWith("s.toml:7:") && Contains("graph.tie_within = -1 is outside [0, inf)"));
  CHECK_THAT(error_of(replace(kSbm, "tie_within = 0.8", "tie_within = 0.8\ncommunity = \"faction\"")),
             Contains("[graph.community]") && Contains("no node attribute 'faction'"));
  CHECK_THAT(
      error_of(replace(kSbm, "generator = \"stochastic_block_model\"\nsizes = [60, 60]\np_in = 0.3\np_out = 0.02",
                       "generator = \"ring\"\nn = 10")),
      Contains("[graph.tie_strength]") && Contains("no node attribute 'block'"));
  // Without tie_strength = "planted" the tie keys are not read: unknown.
  CHECK_THAT(error_of(replace(kSbm, "tie_strength = \"planted\"\n", "")), Contains("unknown key 'graph.tie_"));
}
