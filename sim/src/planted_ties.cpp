#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/sim/tie_strength.hpp"

namespace contagion::sim {
namespace {

void check_range(const char* name, const TieRange& r) {
  if (!(std::isfinite(r.low) && std::isfinite(r.high) && r.low >= 0.0 && r.low <= r.high))
    throw ParameterError(name, fmt::format("[{}, {}]", r.low, r.high), "0 <= low <= high < inf");
}

}  // namespace

void PlantedTies::validate() const {
  check_range("tie_within", within);
  check_range("tie_between", between);
}

std::vector<float> planted_tie_strengths(const Graph& graph, std::string_view community, const PlantedTies& ties,
                                         std::uint64_t seed) {
  ties.validate();
  const auto& label = graph.attribute(community);
  const auto offsets = graph.offsets();
  const auto targets = graph.targets();
  std::vector<float> tie(graph.num_arcs());
  for (NodeId i = 0; i < graph.num_nodes(); ++i) {
    for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) {
      const NodeId j = targets[e];
      const TieRange& r = label[i] == label[j] ? ties.within : ties.between;  // NaN: between
      double value = r.low;
      if (r.high > r.low) {
        const std::uint64_t edge = std::uint64_t{std::min(i, j)} << 32 | std::max(i, j);
        value =
            RandomStream({seed, StreamPurpose::attributes, 0, stream_id("tie_strength"), edge}).uniform(r.low, r.high);
      }
      tie[e] = static_cast<float>(value);
    }
  }
  return tie;
}

}  // namespace contagion::sim
