#include "contagion/sim/continuous_epidemic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>

#include "compartments.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"

namespace contagion::sim {
using detail::kI;
using detail::kR;
using detail::kS;

ContinuousEpidemic::ContinuousEpidemic(Graph graph, ContinuousEpidemicParams params)
    : graph_(std::move(graph)), params_(std::move(params)) {
  const NodeId n = graph_.num_nodes();
  auto check = [](const char* name, double v, bool positive) {
    if (!(std::isfinite(v) && (positive ? v > 0.0 : v >= 0.0)))
      throw ParameterError(name, fmt::format("{}", v), positive ? "(0, inf)" : "[0, inf)");
  };
  check("rate", params_.rate, false);
  check("spontaneous", params_.spontaneous, false);
  check("window", params_.window, true);
  params_.recovery.validate("recovery", n, 0.0, 1.7976931348623157e308);
  const auto weights = graph_.weights();
  tau_.resize(graph_.num_arcs());
  for (EdgeId e = 0; e < tau_.size(); ++e) tau_[e] = params_.rate * (params_.weighted ? weights[e] : 1.0);
  gamma_.resize(n);
  for (NodeId i = 0; i < n; ++i) gamma_[i] = params_.kind == EpidemicKind::si ? 0.0 : params_.recovery[i];
  // Transpose of the CSR: for every node v, the nodes whose rows contain v.
  in_offsets_.assign(std::size_t{n} + 1, 0);
  for (const NodeId v : graph_.targets()) ++in_offsets_[v + 1];
  for (NodeId v = 0; v < n; ++v) in_offsets_[v + 1] += in_offsets_[v];
  in_sources_.resize(graph_.num_arcs());
  in_arcs_.resize(graph_.num_arcs());
  std::vector<EdgeId> fill(in_offsets_.begin(), in_offsets_.end() - 1);
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId e = graph_.offsets()[u]; e < graph_.offsets()[u + 1]; ++e) {
      const NodeId v = graph_.targets()[e];
      in_sources_[fill[v]] = u;
      in_arcs_[fill[v]++] = e;
    }
  state_.assign(n, kS);
  ever_ = state_;
  rate_.assign(n, 0.0);
  tree_.assign(std::size_t{n} + 1, 0.0);
  communities_ = std::make_shared<const detail::CommunityReach>(graph_);
}

void ContinuousEpidemic::reset(std::span<const double> initial) {
  check_initial_size(initial);
  detail::read_compartments(initial, params_.kind == EpidemicKind::sir, state_, ever_);
  time_ = 0.0;
  events_ = 0;
  pending_ = false;
  rebuild_rates();
}

double ContinuousEpidemic::node_rate(NodeId i) const {
  if (state_[i] == kI) return gamma_[i];
  if (state_[i] != kS) return 0.0;
  double pressure = 0.0;
  const auto offsets = graph_.offsets();
  const auto targets = graph_.targets();
  for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e)
    if (state_[targets[e]] == kI) pressure += tau_[e];
  return params_.spontaneous + pressure;
}

void ContinuousEpidemic::rebuild_rates() {
  // Exact sums from scratch (also clears the rounding that incremental updates accumulate).
  const std::size_t n = rate_.size();
  std::fill(tree_.begin(), tree_.end(), 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    rate_[i] = node_rate(static_cast<NodeId>(i));
    tree_[i + 1] += rate_[i];
    const std::size_t parent = (i + 1) + ((i + 1) & (~(i + 1) + 1));
    if (parent <= n) tree_[parent] += tree_[i + 1];
  }
}

void ContinuousEpidemic::set_rate(NodeId i, double rate) {
  const double delta = rate - rate_[i];
  rate_[i] = rate;
  for (std::size_t k = std::size_t{i} + 1; k < tree_.size(); k += k & (~k + 1)) tree_[k] += delta;
}

NodeId ContinuousEpidemic::pick(double target) const {
  // Descend the Fenwick tree: the first index whose prefix sum exceeds target.
  std::size_t position = 0;
  for (std::size_t step = std::bit_floor(tree_.size() - 1); step > 0; step >>= 1) {
    const std::size_t next = position + step;
    if (next < tree_.size() && tree_[next] <= target) {
      position = next;
      target -= tree_[next];
    }
  }
  // Rounding can land on a node of rate 0 at the very end: step back to one that can fire.
  NodeId i = static_cast<NodeId>(std::min(position, rate_.size() - 1));
  while (rate_[i] <= 0.0 && i > 0) --i;
  return i;
}

double ContinuousEpidemic::total_rate() const {
  double total = 0.0;
  for (std::size_t k = rate_.size(); k > 0; k -= k & (~k + 1)) total += tree_[k];
  return total;
}

double ContinuousEpidemic::step(const StepContext& context) {
  const double end = static_cast<double>(context.step + 1) * params_.window;
  while (true) {
    if (!pending_) {
      const double total = total_rate();
      if (!(total > 1e-300)) break;  // absorbed
      // The k-th event's waiting time and choice come from the k-th stream, whatever the windows.
      RandomStream rng({context.seed, StreamPurpose::dynamics, context.replicate, stream_id("gillespie"), events_});
      pending_time_ = time_ + rng.exponential(total);
      pending_choice_ = rng.uniform();
      pending_ = true;
    }
    if (pending_time_ >= end) break;  // it happens in a later window; nothing changes before it
    NodeId v = pick(pending_choice_ * total_rate());
    if (rate_[v] <= 0.0) {  // rounding in the tree: recompute every rate exactly and pick again
      rebuild_rates();
      v = pick(pending_choice_ * total_rate());
      if (rate_[v] <= 0.0) break;
    }
    pending_ = false;
    time_ = pending_time_;
    ++events_;
    // The susceptible nodes attending to v gain (v infected) or lose (v recovered) its pressure.
    const double sign = state_[v] == kS ? 1.0 : -1.0;
    if (state_[v] == kS) {
      state_[v] = kI;
      ever_[v] = 1;
    } else {
      state_[v] = params_.kind == EpidemicKind::sir ? kR : kS;
    }
    set_rate(v, node_rate(v));
    for (EdgeId k = in_offsets_[v]; k < in_offsets_[v + 1]; ++k) {
      const NodeId u = in_sources_[k];
      if (state_[u] != kS) continue;
      const double rate = rate_[u] + sign * tau_[in_arcs_[k]];
      // Near zero, recompute exactly: a node nobody infects must have rate exactly a.
      set_rate(u, rate > 1e-9 * tau_[in_arcs_[k]] ? rate : node_rate(u));
    }
    if (events_ % rate_.size() == 0) rebuild_rates();
  }
  return total_rate();
}

std::span<const double> ContinuousEpidemic::state() const {
  return detail::compartments_as_numbers(state_, view_);
}

std::vector<Observation> ContinuousEpidemic::observations() const {
  return detail::compartment_observations(state_, ever_, params_.kind == EpidemicKind::sir, *communities_);
}

}  // namespace contagion::sim
