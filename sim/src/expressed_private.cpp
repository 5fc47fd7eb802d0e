#include "contagion/sim/expressed_private.hpp"

#include <algorithm>
#include <cmath>

#include "parallel.hpp"

namespace contagion::sim {

ExpressedPrivate::ExpressedPrivate(InfluenceMatrix influence, NodeParameter resilience, NodeParameter susceptibility)
    : influence_(std::move(influence)) {
  const NodeId n = influence_.size();
  resilience.validate("resilience", n, 0.0, 1.0);
  susceptibility.validate("susceptibility", n, 0.0, 1.0);
  phi_.resize(n);
  lambda_.resize(n);
  for (NodeId i = 0; i < n; ++i) {
    phi_[i] = resilience[i];
    lambda_[i] = susceptibility[i];
  }
  initial_.assign(n, 0.0);
  x_ = expressed_ = next_x_ = next_expressed_ = local_public_ = initial_;
}

void ExpressedPrivate::reset(std::span<const double> initial) {
  check_initial_size(initial);
  std::copy(initial.begin(), initial.end(), initial_.begin());
  std::copy(initial.begin(), initial.end(), x_.begin());
  // x̂(0) = Phi x(0) + (I - Phi) W x(0)
  for (NodeId i = 0; i < num_nodes(); ++i)
    expressed_[i] = phi_[i] * x_[i] + (1.0 - phi_[i]) * influence_.row_product(i, x_.data());
}

double ExpressedPrivate::step(const StepContext& context) {
  const auto targets = influence_.graph().targets();
  const auto self = influence_.self_weights();
  // Pass 1: x(t+1) from x(t) and x̂(t); and the local public opinion W x̂(t).
  detail::parallel_for(num_nodes(), context.threads, [&](std::size_t i) {
    const double others = influence_.arc_sum(static_cast<NodeId>(i), [&](EdgeId e) { return expressed_[targets[e]]; });
    next_x_[i] = lambda_[i] * (self[i] * x_[i] + others) + (1.0 - lambda_[i]) * initial_[i];
    local_public_[i] = self[i] * expressed_[i] + others;
  });
  // Pass 2: x̂(t+1) = Phi x(t+1) + (I - Phi) W x̂(t); each node touches only its own entries.
  detail::parallel_for(num_nodes(), context.threads, [&](std::size_t i) {
    next_expressed_[i] = phi_[i] * next_x_[i] + (1.0 - phi_[i]) * local_public_[i];
  });
  const double change = detail::parallel_max(num_nodes(), context.threads, [&](std::size_t i) {
    return std::max(std::abs(next_x_[i] - x_[i]), std::abs(next_expressed_[i] - expressed_[i]));
  });
  expressed_.swap(next_expressed_);
  x_.swap(next_x_);
  return change;
}

}  // namespace contagion::sim
