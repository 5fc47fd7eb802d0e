#include "contagion/sim/averaging.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"
#include "parallel.hpp"

namespace contagion::sim {

DeGroot::DeGroot(InfluenceMatrix influence, std::size_t topics) : influence_(std::move(influence)), topics_(topics) {
  if (topics < 1 || topics > 1024) throw ParameterError("topics", fmt::format("{}", topics), "[1, 1024]");
  x_.assign(std::size_t{influence_.size()} * topics_, 0.0);
  next_ = x_;
}

void DeGroot::reset(std::span<const double> initial) {
  check_initial_size(initial);
  std::copy(initial.begin(), initial.end(), x_.begin());
}

double DeGroot::step(const StepContext& context) {
  influence_.multiply(x_, next_, topics_, context.threads);
  const double change =
      detail::parallel_max(x_.size(), context.threads, [&](std::size_t k) { return std::abs(next_[k] - x_[k]); });
  x_.swap(next_);
  return change;
}

FriedkinJohnsen::FriedkinJohnsen(InfluenceMatrix influence, NodeParameter susceptibility, bool coupled)
    : influence_(std::move(influence)), lambda_(influence_.size()) {
  const NodeId n = influence_.size();
  if (!coupled) susceptibility.validate("susceptibility", n, 0.0, 1.0);
  for (NodeId i = 0; i < n; ++i) lambda_[i] = coupled ? 1.0 - influence_.self_weights()[i] : susceptibility[i];
  prejudice_.assign(n, 0.0);
  x_ = next_ = prejudice_;
}

void FriedkinJohnsen::reset(std::span<const double> initial) {
  check_initial_size(initial);
  std::copy(initial.begin(), initial.end(), x_.begin());
  std::copy(initial.begin(), initial.end(), prejudice_.begin());
}

double FriedkinJohnsen::step(const StepContext& context) {
  const double* x = x_.data();
  detail::parallel_for(x_.size(), context.threads, [&](std::size_t i) {
    const auto node = static_cast<NodeId>(i);
    next_[i] = lambda_[i] * influence_.row_product(node, x) + (1.0 - lambda_[i]) * prejudice_[i];
  });
  const double change =
      detail::parallel_max(x_.size(), context.threads, [&](std::size_t k) { return std::abs(next_[k] - x_[k]); });
  x_.swap(next_);
  return change;
}

}  // namespace contagion::sim
