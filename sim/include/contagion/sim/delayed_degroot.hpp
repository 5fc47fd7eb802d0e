#pragma once
// DeGroot averaging with delayed perception (MODELS.md §A3.1):
//   x_i(t+1) = w_ii x_i(t) + sum_{j != i} w_ij x_j(t - tau_ij),  tau_ij in {0, ..., tau_max}.
// An agent perceives itself now and others with a lag: one uniform delay for every arc, or
// one delay per arc. The states x(t), ..., x(t - tau_max) are kept in a ring buffer
// (memory n (tau_max + 2)). The history x(-1), ..., x(-tau_max) must be given explicitly;
// the default is the constant history x(-k) = x(0).
// With a uniform delay and constant history the consensus is
//   c = sum_i omega_i x_i(0) / sum_i omega_i,  omega_i = pi_i (1 + tau (1 - w_ii)).

#include <cstdint>
#include <vector>

#include "contagion/sim/influence.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim {

class DelayedDeGroot final : public Model {
 public:
  /// One delay `tau` for every arc.
  DelayedDeGroot(InfluenceMatrix influence, std::uint32_t tau);
  /// One delay per arc (in graph arc order).
  DelayedDeGroot(InfluenceMatrix influence, std::vector<std::uint32_t> arc_delays);

  std::string_view name() const override { return "delayed_degroot"; }
  NodeId num_nodes() const override { return influence_.size(); }
  /// Sets x(0) and the history: the one given to set_history(), or else the constant history
  /// x(-k) = x(0).
  void reset(std::span<const double> initial) override;
  /// The history every later reset(initial) uses: history[k-1] = x(-k), k = 1..tau_max.
  /// Checked on the next reset.
  void set_history(std::vector<std::vector<double>> history) { history_ = std::move(history); }
  /// Sets x(0) and an explicit history: history[k-1] = x(-k), k = 1..tau_max.
  void reset(std::span<const double> initial, const std::vector<std::vector<double>>& history);
  double step(const StepContext& context) override;
  std::span<const double> state() const override { return slot(0); }

  std::uint32_t max_delay() const noexcept { return tau_max_; }

 private:
  std::span<const double> slot(std::uint32_t lag) const noexcept;
  std::span<double> slot_mut(std::uint32_t lag) noexcept;

  InfluenceMatrix influence_;
  std::vector<std::uint32_t> delays_;  // per arc; empty when uniform
  std::uint32_t tau_ = 0;              // the uniform delay
  std::uint32_t tau_max_ = 0;
  std::size_t slots_ = 0;  // tau_max + 2: x(t)..x(t - tau_max) and the next state
  std::size_t head_ = 0;   // slot holding x(t)
  std::vector<double> ring_;
  std::vector<std::vector<double>> history_;  // empty: constant history
};

}  // namespace contagion::sim
