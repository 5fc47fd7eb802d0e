#pragma once
// Discrete-time compartmental spreading on a graph: SI, SIS and SIR (MODELS.md §A7), with an
// optional spontaneous infection rate, which makes SIS the discrete SISa of Hill et al. (2010)
// in graph-tool's form (§A5.2).
//
// Synchronous steps (the NDlib / graph-tool convention): at step t every susceptible node i
// becomes infected with probability
//   P(S -> I) = r + (1 - r) [1 - prod_{j in N(i), j infected at t} (1 - beta_ij)],
// every node infected at t recovers with probability gamma_i (SIS: back to S; SIR: to R; SI:
// never), and nodes infected during step t neither infect nor recover before step t + 1.
// beta_ij = beta, or beta times the arc's weight or tie strength, or the weak-tie
// parametrisation beta (omega_ij / mean omega)^(-kappa) (clipped to [0, 1]). The weak-tie form
// is this toolkit's parametrisation of Fan, Xu & Zhao's finding that anger spreads along
// weaker ties than joy (MODELS.md §A6); it is not their code. With the graph convention
// (arc i -> j: i attends to j), i is exposed to the j in its row.
//
// Each node draws at most one uniform number per step, from the stream (seed, replicate, step,
// node): a run is the same for any thread count. States are 0 = S, 1 = I, 2 = R.

#include <cstdint>
#include <memory>
#include <vector>

#include "contagion/sim/graph.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim {
namespace detail {
class CommunityReach;
}

enum class EpidemicKind { si, sis, sir };

struct EpidemicParams {
  EpidemicKind kind = EpidemicKind::sir;
  double transmission = 0.1;  ///< beta, per infected contact and step, in [0, 1]
  /// beta_ij = beta (none), beta * omega_ij (weight, tie_strength), or, for weak-tie
  /// diffusion, beta * (omega_ij / mean omega)^(-kappa) with omega the tie strength; always
  /// clipped to [0, 1].
  enum class Scale { none, weight, tie_strength, weak_ties } scale = Scale::none;
  double kappa = 0.0;            ///< weak_ties: > 0 favours weak ties, < 0 strong ones, 0 neutral
  NodeParameter recovery = 0.1;  ///< gamma_i per step, in [0, 1] (SIS, SIR)
  double spontaneous = 0.0;      ///< r per step, in [0, 1]
};

class DiscreteEpidemic final : public Model {
 public:
  DiscreteEpidemic(Graph graph, EpidemicParams params);

  std::string_view name() const override { return "epidemic"; }
  NodeId num_nodes() const override { return graph_.num_nodes(); }
  bool has_opinions() const override { return false; }
  /// Initial states: 0 (S), 1 (I) or 2 (R, SIR only) for every node.
  void reset(std::span<const double> initial) override;
  /// Returns a count that is 0 exactly when no node can change any more (absorbed): the
  /// infected nodes (plus the susceptible ones when r > 0) when every node can recover;
  /// otherwise the nodes that could change at the next step.
  double step(const StepContext& context) override;
  /// The states as numbers 0, 1, 2.
  std::span<const double> state() const override;
  /// Fractions in S, I (and R), and coverage: the fraction ever infected.
  std::vector<Observation> observations() const override;

  std::span<const std::uint8_t> compartments() const noexcept { return state_; }

 private:
  double infection_probability(NodeId i) const noexcept;
  double active_nodes(int threads) const;

  Graph graph_;
  EpidemicParams params_;
  std::vector<double> beta_;          // per arc when scaled, else empty
  std::vector<double> escape_power_;  // unscaled: (1 - beta)^k, k = 0 .. max degree
  std::vector<double> gamma_;
  bool all_recover_ = false;  // every gamma_i > 0: absorbed exactly when nobody is infected
  std::vector<std::uint8_t> state_, next_, ever_;
  mutable std::vector<double> view_;
  std::shared_ptr<const detail::CommunityReach>
      communities_;  // from the "block" attribute  // state() as numbers, filled on demand
};

}  // namespace contagion::sim
