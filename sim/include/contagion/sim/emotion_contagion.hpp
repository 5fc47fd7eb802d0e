#pragma once
// Emotion contagion in groups after Bosse, Duell, Memon, Treur & van der Wal (PRIMA 2009,
// LNAI 5925:48–67; Cognitive Computation 7 (2015) 111–136), MODELS.md §A5.1. The equations are
// [U] in MODELS.md: reproduced from the papers' widely reused structure, not checked against
// their text; the symbols below are this toolkit's.
//
// Each agent A has an emotion level q_A in [0, 1]. The contagion strength from B to A is
// gamma_BA = eps_B * alpha_BA * delta_A (B's expressiveness, the channel B -> A, A's
// openness); gamma_A = sum_B gamma_BA; the group impression is q*_A = sum_B gamma_BA q_B / gamma_A.
// Synchronous explicit Euler step of size dt:
//   q_A <- q_A + gamma_A [ eta_A ( beta_A (1 - (1 - q*_A)(1 - q_A)) + (1 - beta_A) q*_A q_A )
//                          + (1 - eta_A) q*_A - q_A ] dt
// eta_A in [0, 1]: amplification (1) vs absorption (0); beta_A in [0, 1]: upward (1) vs
// downward (0) bias. With the graph convention (arc A -> B: A attends to B), B is a sender to
// A on every arc of A's row; alpha_BA is that arc's weight or tie strength, in [0, 1].
// gamma_A dt <= 1 is required: the update is then a convex combination and q stays in [0, 1].

#include <vector>

#include "contagion/sim/graph.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim {

struct EmotionContagionParams {
  NodeParameter expressiveness = 1.0;      ///< eps_B in [0, 1], sender
  NodeParameter openness = 1.0;            ///< delta_A in [0, 1], receiver
  NodeParameter amplification = 0.0;       ///< eta_A in [0, 1]
  NodeParameter bias = 0.5;                ///< beta_A in [0, 1]
  bool channel_from_tie_strength = false;  ///< alpha from tie strength (true) or arc weight
  double dt = 0.1;                         ///< Euler step, > 0 (time units per step)
};

class EmotionContagion final : public Model {
 public:
  /// Throws ParameterError for parameters outside [0, 1], a channel strength outside [0, 1]
  /// (naming the arc) or gamma_A dt > 1 (naming the node).
  EmotionContagion(Graph graph, EmotionContagionParams params);

  std::string_view name() const override { return "emotion_contagion"; }
  NodeId num_nodes() const override { return graph_.num_nodes(); }
  double dt() const override { return params_.dt; }
  /// q(0) must lie in [0, 1].
  void reset(std::span<const double> initial) override;
  double step(const StepContext& context) override;
  std::span<const double> state() const override { return q_; }

  /// gamma_A for every node (the total contagion strength it receives).
  std::span<const double> total_strength() const noexcept { return gamma_; }

 private:
  Graph graph_;
  EmotionContagionParams params_;
  std::vector<double> sender_;  // per arc: eps_B * alpha_BA (the receiver's delta_A cancels in q*)
  std::vector<double> gamma_;   // per node: delta_A * sum of sender_ over A's row
  std::vector<double> eta_, beta_;
  std::vector<double> q_, next_;
};

}  // namespace contagion::sim
