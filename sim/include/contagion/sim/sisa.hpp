#pragma once
// SISa with several emotional states (Hill, Rand, Nowak & Christakis 2010; MODELS.md §A5.2):
// every node is neutral (state 0) or in one of K emotional states (1..K; e.g. content and
// discontent), each with its own spontaneous rate a_k, contagion b_k per contact in state k and
// recovery g_k back to neutral. There are no direct jumps between emotional states (MODELS.md
// leaves them open; we model N -> k and k -> N only). With K = 1 this is the binary SISa.
//
// Continuous time (exact, Gillespie's direct method): a neutral node i enters state k at rate
//   a_k + b_k * sum_{j in row(i), s_j = k} w_ij
// (w_ij = 1, or the arc weight when weighted), a node in state k returns to neutral at rate g_k.
//
// Discrete time (synchronous steps, the graph-tool form generalised): a neutral node escapes
// emotion k during a step with probability
//   q_k = (1 - a_k) * prod_{j in row(i), s_j = k} (1 - b_k w_ij),
// changes state with probability 1 - prod_k q_k, and, when it changes, enters state k with
// probability h_k / sum_l h_l where h_k = -ln q_k (the competing-risks split; uniformly among
// the k with q_k = 0 when there are any). With K = 1 the step is exactly the discrete SISa of
// DiscreteEpidemic with r = a, beta = b. A node in state k returns to neutral with probability
// g_k. One uniform number per node and step decides both whether and where a node moves.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "contagion/sim/graph.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim {
namespace detail {
class CommunityReach;
class Gillespie;
class IncomingArcs;
}  // namespace detail

/// One emotional state: rates per unit time (continuous) or probabilities per step (discrete).
struct SisaState {
  std::string name;          ///< "content", "discontent", ...; not "neutral"
  double spontaneous = 0.0;  ///< a_k
  double contagion = 0.0;    ///< b_k, per contact in this state (per unit weight when weighted)
  double recovery = 0.0;     ///< g_k, back to neutral
};

struct SisaParams {
  std::vector<SisaState> states;  ///< K >= 1 emotional states, numbered 1..K in that order
  bool continuous = true;         ///< exact continuous time; false: discrete synchronous steps
  bool weighted = false;          ///< multiply b_k by the arc weight (discrete: clipped to [0, 1])
  double window = 1.0;            ///< continuous time: time per engine step, > 0
};

class Sisa final : public Model {
 public:
  Sisa(Graph graph, SisaParams params);
  ~Sisa() override;

  std::string_view name() const override { return "sisa"; }
  NodeId num_nodes() const override { return graph_.num_nodes(); }
  bool has_opinions() const override { return false; }
  double dt() const override { return params_.continuous ? params_.window : 1.0; }
  /// Initial states 0 (neutral) .. K.
  void reset(std::span<const double> initial) override;
  /// Returns a count that is 0 exactly when nothing can change any more: the continuous total
  /// event rate, or the number of nodes that could move at the next discrete step.
  double step(const StepContext& context) override;
  std::span<const double> state() const override;
  /// The fraction in each state ("neutral", then each state's name), coverage (the fraction
  /// ever in any emotional state), <name>_coverage per state, and community penetration.
  std::vector<Observation> observations() const override;

  std::span<const std::uint8_t> states() const noexcept { return state_; }

 private:
  double step_discrete(const StepContext& context);
  double step_continuous(const StepContext& context);
  std::uint8_t discrete_next(NodeId i, double u) const;
  double pressure_from_neighbours(NodeId i, std::size_t k) const;  // b_k sum_j w_ij, continuous
  double node_rate(NodeId i) const;                                // from pressure_
  void rebuild_rates();

  Graph graph_;
  SisaParams params_;
  std::size_t k_ = 0;      // number of emotional states
  std::vector<double> w_;  // per arc: the weight, or empty (unweighted)
  std::vector<std::uint8_t> state_, next_;
  std::vector<std::uint8_t> ever_;  // n x K flags: node has been in state k
  std::vector<double> pressure_;    // continuous: n x K, b_k sum_{j in row(i), s_j = k} w_ij
  std::shared_ptr<const detail::IncomingArcs> incoming_;
  std::unique_ptr<detail::Gillespie> events_;
  mutable std::vector<double> view_;
  std::shared_ptr<const detail::CommunityReach> communities_;
};

}  // namespace contagion::sim
