#pragma once
// What the compartmental models observe: compartment fractions, coverage, and community
// penetration, i.e. which communities (the graph's "block" node
// attribute, e.g. SBM blocks) have at least one node ever affected. Private to sim/.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "contagion/sim/graph.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim::detail {

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
