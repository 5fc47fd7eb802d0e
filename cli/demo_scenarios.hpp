#pragma once
// The scenarios the demo simulates with calibrated agents (cli/demo.cpp): a care team with one
// agent per measured participant, and a 10^5-person community graph of bootstrapped agents.

#include <cstdint>
#include <string>

namespace contagion::cli {

/// The shared dynamics: Bosse et al.'s emotion contagion with some amplification and a slight
/// upward bias, so that upset, once caught, grows; openness and expressiveness per person from
/// the attribute files "<prefix>_openness.txt" and "<prefix>_expressiveness.txt".
std::string team_scenario(const std::string& name, const std::string& prefix, std::uint64_t members,
                          std::uint64_t seed);
/// `people` in communities of 1000 (at least four; a stochastic block model: about 10 contacts inside, 1 outside);
/// community 0 starts upset.
std::string community_scenario(const std::string& prefix, std::uint64_t people, std::uint64_t seed);

}  // namespace contagion::cli
