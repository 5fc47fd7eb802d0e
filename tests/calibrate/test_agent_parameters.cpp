// From measured reactivity and mimicry to agent parameters: the measures read from a feature
// table, the rank mapping into the documented ranges, and the seeded bootstrap.

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "contagion/calibrate/agent_parameters.hpp"
#include "contagion/core/error.hpp"

using namespace contagion;
using namespace contagion::calibrate;
using Catch::Matchers::Contains;

namespace {
Table features() {
  // p1: reactivity 0.3, congruence (0.2 + 0.4) / 2; p2: 0.1, 0.5; p3: 0.5 but no congruence.
  Table t;
  t.add_text("participant", {"p1", "p1", "p1", "p1", "p2", "p2", "p2", "p3"});
  t.add_text("stimulus", {"*", "HA01", "AN01", "NE01", "*", "HA01", "AN01", "*"});
  t.add_text("category", {"*", "happy", "angry", "neutral", "*", "happy", "angry", "*"});
  t.add_text("channel", {"*", "*", "*", "*", "*", "*", "*", "*"});
  t.add_text("feature", {"overall_reactivity", "mimicry_congruence", "mimicry_congruence", "mimicry_congruence",
                         "overall_reactivity", "mimicry_congruence", "mimicry_congruence", "overall_reactivity"});
  t.add_numbers("value", std::vector<double>{0.3, 0.2, 0.4, 0.9, 0.1, 0.5, NAN, 0.5});
  return t;
}
}  // namespace

TEST_CASE("measured participants from a feature table", "[calibrate]") {
  const auto m = measured_participants(features());
  REQUIRE(m.size() == 2);  // p3 has no congruence
  CHECK(m[0].id == "p1");
  CHECK(m[0].reactivity == 0.3);
  CHECK(m[0].congruence == Approx(0.3));  // the neutral stimulus is left out
  CHECK(m[1].congruence == Approx(0.5));  // the missing value is left out
}

TEST_CASE("agents: rank-mapped parameters, drawn from the participants with a seed", "[calibrate]") {
  const std::vector<MeasuredParticipant> m{{"a", 0.5, 0.1}, {"b", 0.1, 0.3}, {"c", 0.3, 0.2}};
  AgentMapping mapping;
  const AgentParameters agents = bootstrap_agents(m, 3000, mapping, 7);
  REQUIRE(agents.openness.size() == 3000);
  std::set<std::size_t> drawn(agents.participant.begin(), agents.participant.end());
  CHECK(drawn.size() == 3);
  for (std::size_t i = 0; i < 3000; ++i) {
    const std::size_t k = agents.participant[i];
    // a: highest reactivity -> expressiveness 1, lowest congruence -> openness 0.2.
    const double expected_expressiveness[] = {1.0, 0.3, 0.65};
    const double expected_openness[] = {0.2, 1.0, 0.6};
    CHECK(agents.expressiveness[i] == Approx(expected_expressiveness[k]));
    CHECK(agents.openness[i] == Approx(expected_openness[k]));
  }
  const auto count_a = std::count(agents.participant.begin(), agents.participant.end(), 0u);
  CHECK(std::abs(count_a - 1000) < 5 * std::sqrt(3000 * (1.0 / 3) * (2.0 / 3)));
  CHECK(bootstrap_agents(m, 3000, mapping, 7).participant == agents.participant);
  CHECK(bootstrap_agents(m, 3000, mapping, 8).participant != agents.participant);
  mapping.openness_high = 1.5;
  CHECK_THROWS_WITH(bootstrap_agents(m, 10, mapping, 1), Contains("must lie in [0, 1]"));
  CHECK_THROWS_WITH(bootstrap_agents({}, 10, AgentMapping{}, 1), Contains("no measured participants"));
  CHECK(bootstrap_agents({{"x", 1.0, 1.0}}, 2, AgentMapping{}, 1).openness[0] == Approx(0.6));
}

TEST_CASE("agents: one per participant, in order, rank-mapped and monotone", "[calibrate]") {
  const std::vector<MeasuredParticipant> m{{"a", 0.5, 0.1}, {"b", 0.1, 0.3}, {"c", 0.3, 0.2}, {"d", 0.3, 0.4}};
  const AgentParameters agents = participant_agents(m, AgentMapping{});
  REQUIRE(agents.openness.size() == 4);
  CHECK(agents.participant == std::vector<std::size_t>{0, 1, 2, 3});
  // reactivity ranks 4, 1, 2.5, 2.5 -> 0.3 + 0.7 (r - 1) / 3; congruence ranks 1, 3, 2, 4.
  const double expressiveness[] = {1.0, 0.3, 0.65, 0.65};
  const double openness[] = {0.2, 0.2 + 0.8 * 2 / 3, 0.2 + 0.8 / 3, 1.0};
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(agents.expressiveness[k] == Approx(expressiveness[k]));
    CHECK(agents.openness[k] == Approx(openness[k]));
  }
  CHECK_THROWS_WITH(participant_agents({}, AgentMapping{}), Contains("no measured participants"));
}
