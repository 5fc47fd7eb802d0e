#pragma once
// What the two compartmental models (discrete and continuous-time SI/SIS/SIR) share, private
// to sim/: the compartment codes, reading an initial state, and the observations (compartment
// fractions, coverage and community penetration: which communities, the graph's "block"
// node attribute, have a node ever affected).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "contagion/core/error.hpp"
#include "contagion/sim/graph.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim::detail {

inline constexpr std::uint8_t kS = 0, kI = 1, kR = 2;  // susceptible, infected, recovered

/// Reads an initial state of 0 (S), 1 (I) and, with `with_r`, 2 (R) into `state`, and marks in
/// `ever` who has been infected; throws contagion::Error naming the first bad node.
inline void read_compartments(std::span<const double> initial, bool with_r, std::vector<std::uint8_t>& state,
                              std::vector<std::uint8_t>& ever) {
  for (std::size_t i = 0; i < initial.size(); ++i) {
    const double v = initial[i];
    if (!(v == 0.0 || v == 1.0 || (v == 2.0 && with_r)))
      throw Error(
          fmt::format("initial state of node {} is {}; the states are 0 (S), 1 (I){}", i, v, with_r ? ", 2 (R)" : ""));
    state[i] = static_cast<std::uint8_t>(v);
    ever[i] = state[i] != kS;
  }
}

class CommunityReach {
 public:
  /// Tracks nothing when the graph has no "block" attribute.
  explicit CommunityReach(const Graph& graph) {
    if (!graph.has_attribute("block")) return;
    const auto& block = graph.attribute("block");
    std::map<double, std::size_t> index;
    for (const double b : block)
      if (std::isfinite(b)) index.emplace(b, 0);
    std::size_t k = 0;
    for (auto& [label, i] : index) {
      i = k++;
      labels_.push_back(label);
    }
    block_of_.resize(block.size(), kNone);
    for (std::size_t v = 0; v < block.size(); ++v)
      if (std::isfinite(block[v])) block_of_[v] = index.at(block[v]);
  }

  /// blocks_reached (fraction of communities with an affected node) and reached_block_<b>
  /// (0 or 1 each), from the per-node "ever affected" flags.
  void observe(const std::vector<std::uint8_t>& ever, std::vector<Observation>& out) const {
    if (labels_.empty()) return;
    std::vector<double> reached(labels_.size(), 0.0);
    for (std::size_t v = 0; v < ever.size(); ++v)
      if (ever[v] && block_of_[v] != kNone) reached[block_of_[v]] = 1.0;
    double total = 0.0;
    for (const double r : reached) total += r;
    out.push_back({"blocks_reached", total / static_cast<double>(labels_.size())});
    for (std::size_t b = 0; b < labels_.size(); ++b)
      out.push_back({fmt::format("reached_block_{}", labels_[b]), reached[b]});
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<double> labels_;
  std::vector<std::size_t> block_of_;
};

/// What both compartmental models report: the fractions S, I (and R with `with_r`), the
/// coverage (fraction ever infected) and the community penetration.
inline std::vector<Observation> compartment_observations(const std::vector<std::uint8_t>& state,
                                                         const std::vector<std::uint8_t>& ever, bool with_r,
                                                         const CommunityReach& communities) {
  const double n = std::max<double>(1.0, static_cast<double>(state.size()));
  double counts[3] = {0, 0, 0}, ever_count = 0;
  for (std::size_t i = 0; i < state.size(); ++i) {
    counts[state[i]] += 1.0;
    ever_count += ever[i];
  }
  std::vector<Observation> out{{"S", counts[0] / n}, {"I", counts[1] / n}};
  if (with_r) out.push_back({"R", counts[2] / n});
  out.push_back({"coverage", ever_count / n});
  communities.observe(ever, out);
  return out;
}

/// Compartment codes as numbers, for Model::state().
inline std::span<const double> compartments_as_numbers(const std::vector<std::uint8_t>& state,
                                                       std::vector<double>& view) {
  view.assign(state.begin(), state.end());
  return view;
}

}  // namespace contagion::sim::detail
