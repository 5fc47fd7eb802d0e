#pragma once
// The voter model (Clifford & Sudbury 1973; Holley & Liggett 1975), node-update version as in
// NDlib and graph-tool (MODELS.md §A7): in each of the n events of a step a uniformly random
// listener i copies the opinion of a uniformly random node of its row (or, with complete
// mixing, of any other agent). Events run sequentially, with random numbers keyed by (seed,
// replicate, step, event). Sum_i d_i x_i is a martingale on an undirected graph, so consensus
// on opinion 1 happens with probability sum_{i: x_i = 1} d_i / sum_i d_i.

#include <vector>

#include "contagion/sim/bounded_confidence.hpp"
#include "contagion/sim/graph.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim {

class Voter final : public Model {
 public:
  explicit Voter(Graph graph, Mixing mixing = Mixing::graph);

  std::string_view name() const override { return "voter"; }
  NodeId num_nodes() const override { return graph_.num_nodes(); }
  /// Opinions are any finite numbers (usually 0 and 1); the mean is then the share of 1s.
  void reset(std::span<const double> initial) override;
  /// n sequential copy events. Returns the number of arcs (pairs, with complete mixing:
  /// agents not holding the majority opinion) whose ends disagree: 0 exactly at consensus
  /// or, on a graph, when no event can change anything.
  double step(const StepContext& context) override;
  std::span<const double> state() const override { return x_; }

 private:
  double disagreement() const;
  Graph graph_;
  Mixing mixing_;
  std::vector<double> x_;
};

}  // namespace contagion::sim
