#pragma once
// Bounded-confidence models (MODELS.md §A4).
//
// Hegselmann–Krause (JASSS 5(3), 2002), synchronous: every agent moves to the mean of the
// opinions within its confidence bound, itself included:
//   I_i(t) = { j in N(i) ∪ {i} : |x_i(t) - x_j(t)| <= eps_i },  x_i(t+1) = mean_{j in I_i} x_j(t).
// `inclusive` chooses <= (default, as in the paper) or <. With Mixing::complete every agent
// sees every other (a sorted sweep with prefix sums, O(n log n) per step, never O(n^2));
// with Mixing::graph only its graph neighbours (O(m) per step). A homogeneous eps needs one
// sweep after the sort; per-node eps a binary search per agent.
//
// Deffuant–Weisbuch (Adv. Complex Syst. 3, 2000), asynchronous pairs: a step is a sweep of n
// interactions; in each a random pair (a random arc of the graph, or any two agents with
// Mixing::complete) with |x_i - x_j| < eps (strict by default) both move towards each other
// by mu (from the old values). Every interaction conserves x_i + x_j; sweeps run
// sequentially, with random numbers keyed by (seed, replicate, step, interaction). On a
// directed graph an arc i -> j picks the pair; both agents move, as in the original model.

#include <utility>
#include <vector>

#include "contagion/sim/graph.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim {

enum class Mixing { graph, complete };

struct HegselmannKrauseParams {
  NodeParameter epsilon = 0.2;  ///< confidence bound eps_i > 0 (opinion units)
  bool inclusive = true;        ///< |x_i - x_j| <= eps (true) or < eps (false)
  Mixing mixing = Mixing::graph;
};

class HegselmannKrause final : public Model {
 public:
  HegselmannKrause(Graph graph, HegselmannKrauseParams params);

  std::string_view name() const override { return "hegselmann_krause"; }
  NodeId num_nodes() const override { return graph_.num_nodes(); }
  void reset(std::span<const double> initial) override;
  double step(const StepContext& context) override;
  std::span<const double> state() const override { return x_; }

 private:
  void step_graph(int threads);
  void step_complete(int threads);

  Graph graph_;
  HegselmannKrauseParams params_;
  std::vector<double> x_, next_;
  std::vector<std::pair<double, NodeId>> by_opinion_;  // complete mixing: (x_i, i) sorted
  std::vector<double> sorted_;                         // the sorted opinions
  std::vector<long double> prefix_;                    // prefix sums of sorted_ (extended precision)
};

struct DeffuantWeisbuchParams {
  double epsilon = 0.3;    ///< confidence bound, > 0
  double mu = 0.5;         ///< convergence parameter, in (0, 0.5]
  bool inclusive = false;  ///< |x_i - x_j| <= eps (true) or < eps (false, the original)
  Mixing mixing = Mixing::graph;
};

class DeffuantWeisbuch final : public Model {
 public:
  DeffuantWeisbuch(Graph graph, DeffuantWeisbuchParams params);

  std::string_view name() const override { return "deffuant_weisbuch"; }
  NodeId num_nodes() const override { return graph_.num_nodes(); }
  void reset(std::span<const double> initial) override;
  /// n sequential pair interactions. Returns mu times the largest difference between two
  /// agents that can still interact: the largest move the next interaction could make, 0
  /// exactly when the state is frozen (a sweep's own change can be 0 by chance).
  double step(const StepContext& context) override;
  std::span<const double> state() const override { return x_; }

 private:
  Graph graph_;
  DeffuantWeisbuchParams params_;
  std::vector<NodeId> sources_;  // source node of every arc, for uniform arc sampling
  double potential_change(int threads) const;
  std::vector<double> x_;
};

}  // namespace contagion::sim
