#include "contagion/sim/epidemic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "compartments.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "parallel.hpp"

namespace contagion::sim {
using detail::kI;
using detail::kR;
using detail::kS;

DiscreteEpidemic::DiscreteEpidemic(Graph graph, EpidemicParams params)
    : graph_(std::move(graph)), params_(std::move(params)) {
  const NodeId n = graph_.num_nodes();
  if (!(params_.transmission >= 0.0 && params_.transmission <= 1.0))
    throw ParameterError("transmission", fmt::format("{}", params_.transmission), "[0, 1]");
  if (!(params_.spontaneous >= 0.0 && params_.spontaneous <= 1.0))
    throw ParameterError("spontaneous", fmt::format("{}", params_.spontaneous), "[0, 1]");
  params_.recovery.validate("recovery", n, 0.0, 1.0);
  if (!std::isfinite(params_.kappa)) throw ParameterError("kappa", fmt::format("{}", params_.kappa), "finite numbers");
  if (params_.scale != EpidemicParams::Scale::none) {
    const auto omega = params_.scale == EpidemicParams::Scale::weight ? graph_.weights() : graph_.tie_strengths();
    beta_.resize(graph_.num_arcs());
    if (params_.scale == EpidemicParams::Scale::weak_ties) {
      double mean = 0.0;
      for (const float w : omega) mean += w;
      mean /= std::max<double>(1.0, static_cast<double>(omega.size()));
      for (EdgeId e = 0; e < beta_.size(); ++e) {
        // A tie of strength 0 is infinitely weak: beta_ij -> 1 for kappa > 0, 0 for kappa < 0.
        const double relative = mean > 0.0 ? omega[e] / mean : 1.0;
        const double factor = params_.kappa == 0.0 ? 1.0 : std::pow(relative, -params_.kappa);
        beta_[e] = std::clamp(params_.transmission * factor, 0.0, 1.0);
      }
    } else {
      for (EdgeId e = 0; e < beta_.size(); ++e) beta_[e] = std::clamp(params_.transmission * omega[e], 0.0, 1.0);
    }
  }
  if (beta_.empty()) {
    // (1 - beta)^k for every possible number k of infected neighbours: pow() was a quarter of
    // a step's time.
    EdgeId max_degree = 0;
    for (NodeId i = 0; i < n; ++i) max_degree = std::max(max_degree, graph_.offsets()[i + 1] - graph_.offsets()[i]);
    escape_power_.resize(std::size_t{max_degree} + 1);
    for (std::size_t k = 0; k < escape_power_.size(); ++k)
      escape_power_[k] = k == 0 ? 1.0 : std::pow(1.0 - params_.transmission, static_cast<double>(k));
  }
  gamma_.resize(n);
  for (NodeId i = 0; i < n; ++i) gamma_[i] = params_.kind == EpidemicKind::si ? 0.0 : params_.recovery[i];
  all_recover_ = std::all_of(gamma_.begin(), gamma_.end(), [](double g) { return g > 0.0; });
  state_.assign(n, kS);
  next_ = ever_ = state_;
  communities_ = std::make_shared<const detail::CommunityReach>(graph_);
}

void DiscreteEpidemic::reset(std::span<const double> initial) {
  check_initial_size(initial);
  detail::read_compartments(initial, params_.kind == EpidemicKind::sir, state_, ever_);
}

double DiscreteEpidemic::infection_probability(NodeId i) const noexcept {
  const auto offsets = graph_.offsets();
  const auto targets = graph_.targets();
  double escape = 1.0;  // probability that no infected neighbour transmits
  if (beta_.empty()) {
    std::uint32_t infected = 0;
    for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) infected += state_[targets[e]] == kI;
    escape = escape_power_[infected];
  } else {
    for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e)
      if (state_[targets[e]] == kI) escape *= 1.0 - beta_[e];
  }
  const double r = params_.spontaneous;
  return r + (1.0 - r) * (1.0 - escape);
}

double DiscreteEpidemic::step(const StepContext& context) {
  const auto update = [&](std::size_t i) {
    const auto node = static_cast<NodeId>(i);
    const std::uint8_t s = state_[i];
    next_[i] = s;
    if (s == kS) {
      const double p = infection_probability(node);
      if (p > 0.0 &&
          RandomStream({context.seed, StreamPurpose::dynamics, context.replicate, context.step, i}).uniform() < p)
        next_[i] = kI;
    } else if (s == kI && gamma_[i] > 0.0) {
      if (RandomStream({context.seed, StreamPurpose::dynamics, context.replicate, context.step, i}).uniform() <
          gamma_[i])
        next_[i] = params_.kind == EpidemicKind::sir ? kR : kS;
    }
    ever_[i] = static_cast<std::uint8_t>(ever_[i] | (next_[i] == kI));
  };
  if (all_recover_) {
    // Every infected node can recover: the process is absorbed exactly when nobody is
    // infected (and no spontaneous infection can start it again), which the update pass can
    // count as it goes.
    const bool spontaneous = params_.spontaneous > 0.0;
    const double active = detail::deterministic_sum(state_.size(), context.threads, [&](std::size_t i) {
      update(i);
      return next_[i] == kI || (spontaneous && next_[i] == kS) ? 1.0 : 0.0;
    });
    state_.swap(next_);
    return active;
  }
  detail::parallel_for(state_.size(), context.threads, update);
  state_.swap(next_);
  return active_nodes(context.threads);
}

double DiscreteEpidemic::active_nodes(int threads) const {
  // Some infected nodes never recover (SI): count the nodes that could still change, i.e.
  // recoverable infected ones and susceptible ones with a positive infection probability.
  return detail::deterministic_sum(state_.size(), threads, [&](std::size_t i) {
    if (state_[i] == kI) return gamma_[i] > 0.0 ? 1.0 : 0.0;
    if (state_[i] == kS) return infection_probability(static_cast<NodeId>(i)) > 0.0 ? 1.0 : 0.0;
    return 0.0;
  });
}

std::span<const double> DiscreteEpidemic::state() const {
  return detail::compartments_as_numbers(state_, view_);
}

std::vector<Observation> DiscreteEpidemic::observations() const {
  return detail::compartment_observations(state_, ever_, params_.kind == EpidemicKind::sir, *communities_);
}

}  // namespace contagion::sim
