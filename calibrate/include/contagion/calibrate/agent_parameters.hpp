#pragma once
// From measured facial reactivity to agent parameters of the emotion-contagion model (Bosse et
// al.; MODELS.md §A5.1 calibration hook): expressiveness from the participant's overall
// reactivity (how strongly they express), openness from their mimicry congruence (how much of
// what they see they take on). Both are rank-mapped into documented ranges, so the mapping
// does not depend on the scale of the export; agents of a large graph draw a participant each
// (empirical bootstrap, seeded), so the graph carries the measured population's distribution.

#include <cstdint>
#include <string>
#include <vector>

#include "contagion/core/parameters.hpp"
#include "contagion/core/table.hpp"

namespace contagion::calibrate {

struct MeasuredParticipant {
  std::string id;
  double reactivity = 0.0;  ///< overall_reactivity of the feature table
  double congruence = 0.0;  ///< mean mimicry_congruence over the non-neutral stimuli
};

/// The measures of every participant of a long feature table (participant, stimulus, category,
/// channel, feature, value), sorted by id. Participants without both measures are left out.
std::vector<MeasuredParticipant> measured_participants(const Table& features, const std::string& neutral = "neutral");

struct AgentMapping {
  double openness_low = 0.2, openness_high = 1.0;
  double expressiveness_low = 0.3, expressiveness_high = 1.0;
  /// The mapping as parameters, for the run's provenance.
  ParameterList describe() const;
};

struct AgentParameters {
  std::vector<double> openness, expressiveness;
  std::vector<std::size_t> participant;  ///< which measured participant each agent is
};

/// One agent per participant, in their order (small groups: a care team, a lab's dyads): rank r
/// (1..m, ties averaged) of a measure -> low + (high - low) (r - 1) / (m - 1) (the middle of
/// the range when m = 1). Throws contagion::Error for no participants or bad ranges.
AgentParameters participant_agents(const std::vector<MeasuredParticipant>& measured, const AgentMapping& mapping);

/// For large graphs: each of `agents` agents draws a participant uniformly from the stream
/// (seed, agent) and takes that participant's parameters (participant_agents).
AgentParameters bootstrap_agents(const std::vector<MeasuredParticipant>& measured, std::size_t agents,
                                 const AgentMapping& mapping, std::uint64_t seed);

}  // namespace contagion::calibrate
