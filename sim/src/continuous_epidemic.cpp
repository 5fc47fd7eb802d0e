#include "contagion/sim/continuous_epidemic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "compartments.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "gillespie.hpp"
#include "incoming_arcs.hpp"

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
  incoming_ = std::make_shared<const detail::IncomingArcs>(graph_);
  state_.assign(n, kS);
  ever_ = state_;
  events_ = std::make_unique<detail::Gillespie>(n);
  communities_ = std::make_shared<const detail::CommunityReach>(graph_);
}

ContinuousEpidemic::~ContinuousEpidemic() = default;

std::uint64_t ContinuousEpidemic::events() const noexcept {
  return events_->events();
}

void ContinuousEpidemic::reset(std::span<const double> initial) {
  check_initial_size(initial);
  detail::read_compartments(initial, params_.kind == EpidemicKind::sir, state_, ever_);
  events_->reset();
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
  events_->rates.rebuild([this](std::size_t i) { return node_rate(static_cast<NodeId>(i)); });
}

double ContinuousEpidemic::step(const StepContext& context) {
  const double end = static_cast<double>(context.step + 1) * params_.window;
  auto fire = [this](std::size_t item, double) {
    const auto v = static_cast<NodeId>(item);
    // The susceptible nodes attending to v gain (v infected) or lose (v recovered) its pressure.
    const double sign = state_[v] == kS ? 1.0 : -1.0;
    if (state_[v] == kS) {
      state_[v] = kI;
      ever_[v] = 1;
    } else {
      state_[v] = params_.kind == EpidemicKind::sir ? kR : kS;
    }
    events_->rates.set(v, node_rate(v));
    for (EdgeId k = incoming_->begin(v); k < incoming_->end(v); ++k) {
      const NodeId u = incoming_->source(k);
      if (state_[u] != kS) continue;
      const double tau = tau_[incoming_->arc(k)];
      const double rate = events_->rates.rate(u) + sign * tau;
      // Near zero, recompute exactly: a node nobody infects must have rate exactly a.
      events_->rates.set(u, rate > 1e-9 * tau ? rate : node_rate(u));
    }
  };
  events_->advance(context, stream_id("gillespie"), end, fire, [this] { rebuild_rates(); });
  return events_->rates.total();
}

std::span<const double> ContinuousEpidemic::state() const {
  return detail::compartments_as_numbers(state_, view_);
}

std::vector<Observation> ContinuousEpidemic::observations() const {
  return detail::compartment_observations(state_, ever_, params_.kind == EpidemicKind::sir, *communities_);
}

}  // namespace contagion::sim
