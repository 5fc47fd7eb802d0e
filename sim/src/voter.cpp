#include "contagion/sim/voter.hpp"

#include <algorithm>
#include <map>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"

namespace contagion::sim {

Voter::Voter(Graph graph, Mixing mixing) : graph_(std::move(graph)), mixing_(mixing) {
  if (mixing_ == Mixing::complete && graph_.num_nodes() < 2)
    throw Error("the voter model with complete mixing needs at least 2 agents");
  x_.assign(graph_.num_nodes(), 0.0);
}

void Voter::reset(std::span<const double> initial) {
  check_initial_size(initial);
  std::copy(initial.begin(), initial.end(), x_.begin());
}

double Voter::step(const StepContext& context) {
  const NodeId n = graph_.num_nodes();
  for (std::uint64_t k = 0; k < n; ++k) {
    RandomStream rng({context.seed, StreamPurpose::dynamics, context.replicate, context.step, k});
    const auto listener = static_cast<NodeId>(rng.below(n));
    if (mixing_ == Mixing::complete) {
      auto speaker = static_cast<NodeId>(rng.below(n - 1));
      if (speaker >= listener) ++speaker;
      x_[listener] = x_[speaker];
    } else {
      const auto row = graph_.neighbours(listener);
      if (!row.empty()) x_[listener] = x_[row[rng.below(row.size())]];
    }
  }
  return disagreement();
}

double Voter::disagreement() const {
  if (mixing_ == Mixing::complete) {
    std::map<double, std::uint64_t> counts;
    for (const double v : x_) ++counts[v];
    std::uint64_t largest = 0;
    for (const auto& [value, count] : counts) largest = std::max(largest, count);
    return static_cast<double>(x_.size() - largest);
  }
  double discordant = 0.0;
  const auto targets = graph_.targets();
  for (NodeId i = 0; i < graph_.num_nodes(); ++i)
    for (EdgeId e = graph_.offsets()[i]; e < graph_.offsets()[i + 1]; ++e) discordant += x_[i] != x_[targets[e]];
  return discordant;
}

}  // namespace contagion::sim
