#include "contagion/calibrate/agent_parameters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/stats/descriptives.hpp"

namespace contagion::calibrate {
namespace {

std::vector<double> rank_map(const std::vector<double>& values, double low, double high) {
  const std::vector<double> ranks = stats::average_ranks(values);
  const double m = static_cast<double>(values.size());
  std::vector<double> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    out[i] = m > 1.0 ? low + (high - low) * (ranks[i] - 1.0) / (m - 1.0) : (low + high) / 2.0;
  return out;
}

}  // namespace

std::vector<MeasuredParticipant> measured_participants(const Table& features, const std::string& neutral) {
  const auto& participant = features.text("participant");
  const auto& stimulus = features.text("stimulus");
  const auto& category = features.text("category");
  const auto& feature = features.text("feature");
  const std::vector<double> value = features.numbers("value");
  std::map<std::string, double> reactivity;
  std::map<std::string, std::pair<double, int>> congruence;
  for (std::size_t r = 0; r < features.rows(); ++r) {
    if (!std::isfinite(value[r])) continue;
    if (feature[r] == "overall_reactivity") reactivity[participant[r]] = value[r];
    if (feature[r] == "mimicry_congruence" && stimulus[r] != "*" && category[r] != neutral) {
      auto& acc = congruence[participant[r]];
      acc.first += value[r];
      ++acc.second;
    }
  }
  std::vector<MeasuredParticipant> out;
  for (const auto& [id, react] : reactivity)
    if (const auto it = congruence.find(id); it != congruence.end())
      out.push_back({id, react, it->second.first / it->second.second});
  return out;
}

ParameterList AgentMapping::describe() const {
  return {{"calibrate.openness_from", std::string("rank of mean mimicry congruence")},
          {"calibrate.openness_low", openness_low},
          {"calibrate.openness_high", openness_high},
          {"calibrate.expressiveness_from", std::string("rank of overall reactivity")},
          {"calibrate.expressiveness_low", expressiveness_low},
          {"calibrate.expressiveness_high", expressiveness_high},
          {"calibrate.agents", std::string("empirical bootstrap of the measured participants")}};
}

AgentParameters participant_agents(const std::vector<MeasuredParticipant>& measured, const AgentMapping& m) {
  if (measured.empty()) throw Error("no measured participants to calibrate the agents from");
  const auto in_unit = [](double lo, double hi) { return lo >= 0.0 && hi <= 1.0 && lo <= hi; };
  if (!in_unit(m.openness_low, m.openness_high) || !in_unit(m.expressiveness_low, m.expressiveness_high))
    throw Error(
        fmt::format("agent ranges must lie in [0, 1] with low <= high: openness [{}, {}], expressiveness [{}, {}]",
                    m.openness_low, m.openness_high, m.expressiveness_low, m.expressiveness_high));
  std::vector<double> reactivity, congruence;
  for (const auto& p : measured) {
    reactivity.push_back(p.reactivity);
    congruence.push_back(p.congruence);
  }
  AgentParameters out;
  out.openness = rank_map(congruence, m.openness_low, m.openness_high);
  out.expressiveness = rank_map(reactivity, m.expressiveness_low, m.expressiveness_high);
  out.participant.resize(measured.size());
  for (std::size_t k = 0; k < measured.size(); ++k) out.participant[k] = k;
  return out;
}

AgentParameters bootstrap_agents(const std::vector<MeasuredParticipant>& measured, std::size_t agents,
                                 const AgentMapping& m, std::uint64_t seed) {
  const AgentParameters each = participant_agents(measured, m);
  AgentParameters out;
  for (std::size_t a = 0; a < agents; ++a) {
    const std::size_t k =
        RandomStream({seed, StreamPurpose::attributes, 0, stream_id("bootstrap agents"), a}).below(measured.size());
    out.participant.push_back(k);
    out.openness.push_back(each.openness[k]);
    out.expressiveness.push_back(each.expressiveness[k]);
  }
  return out;
}

}  // namespace contagion::calibrate
