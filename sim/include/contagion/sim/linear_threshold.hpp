#pragma once
// The linear threshold model (Granovetter 1978; Kempe, Kleinberg & Tardos 2003), MODELS.md §A7.
// Every node v draws a threshold theta_v ~ U[0, 1] once per run (at the first step, from the
// stream (seed, replicate, v)); an inactive node becomes active when the influence weights of
// its active neighbours add up to at least theta_v: sum_{u in row v, active} b_vu >= theta_v.
// Activation is progressive (no way back) and synchronous. b_vu is 1/d_v (`uniform`) or the
// arc's weight (`weight`, each row summing to at most 1). States: 0 inactive, 1 active.

#include <vector>

#include "contagion/sim/graph.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim {

class LinearThreshold final : public Model {
 public:
  /// Throws contagion::Error naming the node whose arc weights add up to more than 1.
  LinearThreshold(Graph graph, bool weights_from_arcs);

  std::string_view name() const override { return "linear_threshold"; }
  NodeId num_nodes() const override { return graph_.num_nodes(); }
  bool has_opinions() const override { return false; }
  /// 0 (inactive) or 1 (active, the seeds) for every node.
  void reset(std::span<const double> initial) override;
  /// Returns the number of nodes activated in this step: 0 means nothing will change again.
  double step(const StepContext& context) override;
  std::span<const double> state() const override { return active_; }
  /// `coverage`: the fraction of active nodes.
  std::vector<Observation> observations() const override;

 private:
  Graph graph_;
  std::vector<double> weight_;  // b per arc
  std::vector<double> threshold_;
  bool thresholds_drawn_ = false;
  std::vector<double> active_, next_;
};

}  // namespace contagion::sim
