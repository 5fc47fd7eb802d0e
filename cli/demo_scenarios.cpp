#include "demo_scenarios.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace contagion::cli {
namespace {

std::string agents_and_model(const std::string& prefix, double dt) {
  return fmt::format(R"(
[graph.attributes.openness]
distribution = "file"
path = "{prefix}_openness.txt"

[graph.attributes.expressiveness]
distribution = "file"
path = "{prefix}_expressiveness.txt"

[model]
type = "emotion_contagion"
openness = "openness"
expressiveness = "expressiveness"
amplification = 0.5
bias = 0.55
dt = {dt}
)",
                     fmt::arg("prefix", prefix), fmt::arg("dt", dt));
}

}  // namespace

std::string team_scenario(const std::string& name, const std::string& prefix, std::uint64_t members,
                          std::uint64_t seed) {
  return fmt::format(R"(name = "{name}"
description = """A care team of {members}: one person per measured lab participant, openness from their
mimicry congruence and expressiveness from their overall reactivity (rank-mapped). Contacts form a
small world; the two best-connected people start upset. Question: how soon is half the team upset?"""
seed = {seed}

[graph]
generator = "watts_strogatz"
n = {members}
k = {k}
beta = 0.2
{model}
[initial]
distribution = "seeds"
top_degree = 2

[run]
max_steps = 6000
tolerance = 1e-9

[record]
metrics = ["mean", "variance", "above"]
threshold = 0.25
)",
                     fmt::arg("name", name), fmt::arg("members", members), fmt::arg("seed", seed),
                     fmt::arg("k", std::min<std::uint64_t>(6, (members - 1) / 2 * 2)),
                     fmt::arg("model", agents_and_model(prefix, 0.05)));
}

std::string community_scenario(const std::string& prefix, std::uint64_t people, std::uint64_t seed) {
  const std::uint64_t blocks = std::max<std::uint64_t>(4, people / 1000);
  const double size = static_cast<double>(people / blocks);
  std::string sizes;
  for (std::uint64_t b = 0; b < blocks; ++b)
    sizes += fmt::format("{}{}", b ? ", " : "", people / blocks + (b + 1 == blocks ? people % blocks : 0));
  return fmt::format(R"(name = "demo-community"
description = """{people} people in {blocks} communities (a stochastic block model: about 10 contacts
inside one's community and 1 outside), each person an agent bootstrapped from the measured lab
participants. Community 0 starts upset. Question: how soon does the upset reach half of everyone?"""
seed = {seed}

[graph]
generator = "stochastic_block_model"
sizes = [{sizes}]
p_in = {p_in}
p_out = {p_out}
{model}
[initial]
distribution = "seeds"
block = 0

[run]
max_steps = 1200
tolerance = 1e-6

[record]
metrics = ["mean", "above"]
threshold = 0.25
metrics_every = 10
)",
                     fmt::arg("people", people), fmt::arg("blocks", blocks), fmt::arg("seed", seed),
                     fmt::arg("sizes", sizes), fmt::arg("p_in", std::min(1.0, 10.0 / (size - 1.0))),
                     fmt::arg("p_out", 1.0 / static_cast<double>(people)),
                     fmt::arg("model", agents_and_model(prefix, 0.03)));
}

}  // namespace contagion::cli
