#include "contagion/sim/emotion_contagion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"
#include "parallel.hpp"

namespace contagion::sim {

EmotionContagion::EmotionContagion(Graph graph, EmotionContagionParams params)
    : graph_(std::move(graph)), params_(std::move(params)) {
  const NodeId n = graph_.num_nodes();
  params_.expressiveness.validate("expressiveness", n, 0.0, 1.0);
  params_.openness.validate("openness", n, 0.0, 1.0);
  params_.amplification.validate("amplification", n, 0.0, 1.0);
  params_.bias.validate("bias", n, 0.0, 1.0);
  if (!(params_.dt > 0.0 && std::isfinite(params_.dt)))
    throw ParameterError("dt", fmt::format("{}", params_.dt), "(0, inf)");

  const auto offsets = graph_.offsets();
  const auto targets = graph_.targets();
  const auto channel = params_.channel_from_tie_strength ? graph_.tie_strengths() : graph_.weights();
  sender_.resize(graph_.num_arcs());
  gamma_.assign(n, 0.0);
  eta_.resize(n);
  beta_.resize(n);
  for (NodeId a = 0; a < n; ++a) {
    double total = 0.0;
    for (EdgeId e = offsets[a]; e < offsets[a + 1]; ++e) {
      const double alpha = channel[e];
      if (!(alpha >= 0.0 && alpha <= 1.0))
        throw ParameterError(fmt::format("channel strength of arc {} -> {} ({})", a, targets[e],
                                         params_.channel_from_tie_strength ? "tie strength" : "weight"),
                             fmt::format("{}", alpha), "[0, 1]");
      sender_[e] = params_.expressiveness[targets[e]] * alpha;
      total += sender_[e];
    }
    gamma_[a] = params_.openness[a] * total;
    if (gamma_[a] * params_.dt > 1.0)
      throw ParameterError(fmt::format("gamma * dt at node {}", a), fmt::format("{}", gamma_[a] * params_.dt),
                           "[0, 1] (the emotion level could leave [0, 1]: use a smaller dt)");
    eta_[a] = params_.amplification[a];
    beta_[a] = params_.bias[a];
  }
  q_.assign(n, 0.0);
  next_ = q_;
}

void EmotionContagion::reset(std::span<const double> initial) {
  check_initial_size(initial);
  for (std::size_t i = 0; i < initial.size(); ++i)
    if (!(initial[i] >= 0.0 && initial[i] <= 1.0))
      throw Error(fmt::format("initial emotion level of node {} is {}; levels lie in [0, 1]", i, initial[i]));
  std::copy(initial.begin(), initial.end(), q_.begin());
}

double EmotionContagion::step(const StepContext& context) {
  const auto offsets = graph_.offsets();
  const auto targets = graph_.targets();
  const double dt = params_.dt;
  detail::parallel_for(q_.size(), context.threads, [&](std::size_t a) {
    const double q = q_[a];
    double weight = 0.0, weighted = 0.0;
    for (EdgeId e = offsets[a]; e < offsets[a + 1]; ++e) {
      weight += sender_[e];
      weighted += sender_[e] * q_[targets[e]];
    }
    if (gamma_[a] == 0.0 || weight == 0.0) {
      next_[a] = q;  // nobody reaches A
      return;
    }
    const double impression = weighted / weight;  // q*_A
    const double amplified = beta_[a] * (1.0 - (1.0 - impression) * (1.0 - q)) + (1.0 - beta_[a]) * impression * q;
    const double target = eta_[a] * amplified + (1.0 - eta_[a]) * impression;
    next_[a] = q + gamma_[a] * (target - q) * dt;
  });
  const double change =
      detail::parallel_max(q_.size(), context.threads, [&](std::size_t a) { return std::abs(next_[a] - q_[a]); });
  q_.swap(next_);
  return change;
}

}  // namespace contagion::sim
