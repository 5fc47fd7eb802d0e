#pragma once
// Row-stochastic influence matrices W built on a graph (MODELS.md §A1): w_ij is the weight
// agent i gives to agent j. Stored as the graph's CSR structure plus one value per arc
// (off-diagonal) and one self-weight per node (diagonal), so delayed and expressed-private
// models can treat D_W and W - D_W separately.

#include <span>
#include <string>
#include <vector>

#include "contagion/sim/graph.hpp"

namespace contagion::sim {

enum class InfluenceScheme {
  french,       ///< w_ij = 1/(d_i+1) for j in N(i) and j = i
  random_walk,  ///< W = D^-1 A (no self-weight; a node without arcs keeps w_ii = 1)
  lazy,         ///< W = alpha I + (1-alpha) D^-1 A
  metropolis,   ///< w_ij = 1/(1+max(d_i,d_j)), w_ii = 1 - sum (doubly stochastic; undirected only)
  weighted,     ///< w_ii = s, w_ij = (1-s) omega_ij / sum_k omega_ik (omega = weight or tie strength)
  given,        ///< w_ij = arc weight as read, w_ii = 1 - row sum (rows must not exceed 1)
};

struct InfluenceSpec {
  InfluenceScheme scheme = InfluenceScheme::french;
  double alpha = 0.5;            ///< lazy: self-weight, in (0, 1)
  double self_weight = 0.0;      ///< weighted: s, in [0, 1]
  bool use_tie_strength = true;  ///< weighted: omega = tie strength (false: the arc weight)
};

/// Parses "french", "random_walk", "lazy", "metropolis", "weighted", "given".
InfluenceScheme parse_influence_scheme(const std::string& name);
std::string to_string(InfluenceScheme scheme);

class InfluenceMatrix {
 public:
  /// Builds W on `graph` and checks that every row is stochastic (within 1e-9) and
  /// non-negative; throws contagion::Error naming the first bad row.
  InfluenceMatrix(const Graph& graph, const InfluenceSpec& spec);
  /// W from explicit values (tests, calibration): `self` per node, `offdiag` per arc.
  InfluenceMatrix(const Graph& graph, std::vector<double> self, std::vector<double> offdiag);

  const Graph& graph() const noexcept { return graph_; }
  NodeId size() const noexcept { return graph_.num_nodes(); }
  std::span<const double> self_weights() const noexcept { return self_; }
  std::span<const double> arc_weights() const noexcept { return offdiag_; }

  /// True when each row gives all its arcs one weight (French, random walk, lazy, and
  /// weighted with equal ties): products then read one weight per row instead of per arc.
  bool rows_uniform() const noexcept { return !row_weight_.empty() || size() == 0; }

  /// sum over row i's arcs e of w_e * value_at(e). Every kernel (all models, any number of
  /// topics, any delays) sums through here, so they round identically: a delay of 0 is DeGroot
  /// bit for bit. Uniform rows multiply once: w_i * sum_e value_at(e). Four partial sums
  /// (arcs e = 0, 1, 2, 3 mod 4 of the row) break the chain of dependent additions; they are
  /// combined as (s0 + s1) + (s2 + s3), the same for every thread count.
  template <class ValueAt>
  double arc_sum(NodeId i, ValueAt&& value_at) const noexcept {
    const auto offsets = graph_.offsets();
    const EdgeId begin = offsets[i], end = offsets[i + 1];
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    EdgeId e = begin;
    if (!row_weight_.empty()) {
      for (; e + 4 <= end; e += 4) {
        s0 += value_at(e);
        s1 += value_at(e + 1);
        s2 += value_at(e + 2);
        s3 += value_at(e + 3);
      }
      for (; e < end; ++e) s0 += value_at(e);
      return row_weight_[i] * ((s0 + s1) + (s2 + s3));
    }
    for (; e + 4 <= end; e += 4) {
      s0 += offdiag_[e] * value_at(e);
      s1 += offdiag_[e + 1] * value_at(e + 1);
      s2 += offdiag_[e + 2] * value_at(e + 2);
      s3 += offdiag_[e + 3] * value_at(e + 3);
    }
    for (; e < end; ++e) s0 += offdiag_[e] * value_at(e);
    return (s0 + s1) + (s2 + s3);
  }

  /// (W x)_i for one opinion per node: w_ii x_i + sum_j w_ij x_j.
  double row_product(NodeId i, const double* x) const noexcept {
    const auto targets = graph_.targets();
    return self_[i] * x[i] + arc_sum(i, [&](EdgeId e) { return x[targets[e]]; });
  }

  /// y = W x for `columns` opinions per node (row-major n x columns), threads >= 1.
  void multiply(std::span<const double> x, std::span<double> y, std::size_t columns, int threads) const;

 private:
  void validate();
  Graph graph_;
  std::vector<double> self_;
  std::vector<double> offdiag_;
  std::vector<double> row_weight_;  // the one arc weight of each row, or empty
};

}  // namespace contagion::sim
