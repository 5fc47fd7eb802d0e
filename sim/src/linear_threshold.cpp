#include "contagion/sim/linear_threshold.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "parallel.hpp"

namespace contagion::sim {

LinearThreshold::LinearThreshold(Graph graph, bool weights_from_arcs) : graph_(std::move(graph)) {
  const auto offsets = graph_.offsets();
  weight_.resize(graph_.num_arcs());
  for (NodeId v = 0; v < graph_.num_nodes(); ++v) {
    double sum = 0.0;
    for (EdgeId e = offsets[v]; e < offsets[v + 1]; ++e) {
      weight_[e] = weights_from_arcs ? graph_.weights()[e] : 1.0 / static_cast<double>(graph_.degree(v));
      sum += weight_[e];
    }
    if (sum > 1.0 + 1e-6)
      throw Error(fmt::format("the arc weights of node {} add up to {} > 1; linear-threshold influence weights "
                              "of a node must add up to at most 1",
                              v, sum),
                  ErrorContext{"", 0, 0, fmt::format("node {}", v)});
  }
  threshold_.assign(graph_.num_nodes(), 0.0);
  active_.assign(graph_.num_nodes(), 0.0);
  next_ = active_;
}

void LinearThreshold::reset(std::span<const double> initial) {
  check_initial_size(initial);
  for (std::size_t i = 0; i < initial.size(); ++i)
    if (initial[i] != 0.0 && initial[i] != 1.0)
      throw Error(
          fmt::format("initial state of node {} is {}; the states are 0 (inactive) and 1 (active)", i, initial[i]));
  std::copy(initial.begin(), initial.end(), active_.begin());
  thresholds_drawn_ = false;
}

double LinearThreshold::step(const StepContext& context) {
  if (!thresholds_drawn_) {
    for (NodeId v = 0; v < graph_.num_nodes(); ++v)
      threshold_[v] =
          RandomStream({context.seed, StreamPurpose::dynamics, context.replicate, stream_id("linear_threshold"), v})
              .uniform();
    thresholds_drawn_ = true;
  }
  const auto offsets = graph_.offsets();
  const auto targets = graph_.targets();
  detail::parallel_for(active_.size(), context.threads, [&](std::size_t v) {
    next_[v] = active_[v];
    if (active_[v] == 1.0) return;
    double influence = 0.0;
    for (EdgeId e = offsets[v]; e < offsets[v + 1]; ++e) influence += weight_[e] * active_[targets[e]];
    if (influence >= threshold_[v]) next_[v] = 1.0;
  });
  const double activated =
      detail::deterministic_sum(active_.size(), context.threads, [&](std::size_t v) { return next_[v] - active_[v]; });
  active_.swap(next_);
  return activated;
}

std::vector<Observation> LinearThreshold::observations() const {
  const double n = std::max<double>(1.0, static_cast<double>(active_.size()));
  return {{"coverage", std::accumulate(active_.begin(), active_.end(), 0.0) / n}};
}

}  // namespace contagion::sim
