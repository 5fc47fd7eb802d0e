#include "contagion/sim/delayed_degroot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"
#include "parallel.hpp"

namespace contagion::sim {

namespace {
constexpr std::uint32_t kMaxDelay = 1000;
}

DelayedDeGroot::DelayedDeGroot(InfluenceMatrix influence, std::uint32_t tau)
    : influence_(std::move(influence)), tau_(tau), tau_max_(tau) {
  if (tau > kMaxDelay) throw ParameterError("delay", fmt::format("{}", tau), fmt::format("[0, {}]", kMaxDelay));
  slots_ = tau_max_ + 2;
  ring_.assign(slots_ * influence_.size(), 0.0);
}

DelayedDeGroot::DelayedDeGroot(InfluenceMatrix influence, std::vector<std::uint32_t> arc_delays)
    : influence_(std::move(influence)), delays_(std::move(arc_delays)) {
  if (delays_.size() != influence_.graph().num_arcs())
    throw Error(fmt::format("{} per-arc delays given for {} arcs", delays_.size(), influence_.graph().num_arcs()));
  for (std::size_t e = 0; e < delays_.size(); ++e) {
    if (delays_[e] > kMaxDelay)
      throw ParameterError(fmt::format("delay[{}]", e), fmt::format("{}", delays_[e]),
                           fmt::format("[0, {}]", kMaxDelay));
    tau_max_ = std::max(tau_max_, delays_[e]);
  }
  slots_ = tau_max_ + 2;
  ring_.assign(slots_ * influence_.size(), 0.0);
}

std::span<const double> DelayedDeGroot::slot(std::uint32_t lag) const noexcept {
  const std::size_t k = (head_ + slots_ - lag) % slots_;
  return std::span<const double>(ring_).subspan(k * influence_.size(), influence_.size());
}

std::span<double> DelayedDeGroot::slot_mut(std::uint32_t lag) noexcept {
  const std::size_t k = (head_ + slots_ - lag) % slots_;
  return std::span<double>(ring_).subspan(k * influence_.size(), influence_.size());
}

void DelayedDeGroot::reset(std::span<const double> initial) {
  if (!history_.empty()) {
    reset(initial, history_);
    return;
  }
  reset(initial, std::vector<std::vector<double>>(tau_max_, std::vector<double>(initial.begin(), initial.end())));
}

void DelayedDeGroot::reset(std::span<const double> initial, const std::vector<std::vector<double>>& history) {
  check_initial_size(initial);
  if (history.size() != tau_max_)
    throw Error(fmt::format("the history has {} states; the maximum delay {} needs x(-1)..x(-{})", history.size(),
                            tau_max_, tau_max_));
  head_ = 0;
  std::copy(initial.begin(), initial.end(), slot_mut(0).begin());
  for (std::uint32_t k = 1; k <= tau_max_; ++k) {
    check_initial_size(history[k - 1]);
    std::copy(history[k - 1].begin(), history[k - 1].end(), slot_mut(k).begin());
  }
}

double DelayedDeGroot::step(const StepContext& context) {
  const NodeId n = influence_.size();
  const auto targets = influence_.graph().targets();
  const auto self = influence_.self_weights();
  const auto now = slot(0);
  std::vector<const double*> lagged(tau_max_ + 1);
  for (std::uint32_t k = 0; k <= tau_max_; ++k) lagged[k] = slot(k).data();
  const std::span<double> next = slot_mut(tau_max_ + 1);  // the free slot, after x(t - tau_max)
  detail::parallel_for(n, context.threads, [&](std::size_t i) {
    const auto node = static_cast<NodeId>(i);
    const double others = delays_.empty()
                              ? influence_.arc_sum(node, [&, x = lagged[tau_]](EdgeId e) { return x[targets[e]]; })
                              : influence_.arc_sum(node, [&](EdgeId e) { return lagged[delays_[e]][targets[e]]; });
    next[i] = self[i] * now[i] + others;
  });
  const double change =
      detail::parallel_max(n, context.threads, [&](std::size_t i) { return std::abs(next[i] - now[i]); });
  head_ = (head_ + 1) % slots_;
  return change;
}

}  // namespace contagion::sim
