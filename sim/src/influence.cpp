#include "contagion/sim/influence.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"
#include "parallel.hpp"

namespace contagion::sim {

namespace {
constexpr EdgeId kPrefetchDistance = 32;  // arcs ahead; 16-96 all help on BA(2e6, 5), see bench/README.md
}  // namespace

InfluenceScheme parse_influence_scheme(const std::string& name) {
  if (name == "french") return InfluenceScheme::french;
  if (name == "random_walk") return InfluenceScheme::random_walk;
  if (name == "lazy") return InfluenceScheme::lazy;
  if (name == "metropolis") return InfluenceScheme::metropolis;
  if (name == "weighted") return InfluenceScheme::weighted;
  if (name == "given") return InfluenceScheme::given;
  throw Error(
      fmt::format("unknown influence scheme '{}' (french, random_walk, lazy, metropolis, weighted, given)", name));
}

std::string to_string(InfluenceScheme scheme) {
  switch (scheme) {
    case InfluenceScheme::french:
      return "french";
    case InfluenceScheme::random_walk:
      return "random_walk";
    case InfluenceScheme::lazy:
      return "lazy";
    case InfluenceScheme::metropolis:
      return "metropolis";
    case InfluenceScheme::weighted:
      return "weighted";
    case InfluenceScheme::given:
      return "given";
  }
  return "?";
}

InfluenceMatrix::InfluenceMatrix(const Graph& graph, const InfluenceSpec& spec)
    : graph_(graph), self_(graph.num_nodes(), 0.0), offdiag_(graph.num_arcs(), 0.0) {
  const NodeId n = graph.num_nodes();
  const auto offsets = graph.offsets();
  const auto targets = graph.targets();
  switch (spec.scheme) {
    case InfluenceScheme::french:
      for (NodeId i = 0; i < n; ++i) {
        const double w = 1.0 / static_cast<double>(graph.degree(i) + 1);
        self_[i] = w;
        std::fill(offdiag_.begin() + static_cast<std::ptrdiff_t>(offsets[i]),
                  offdiag_.begin() + static_cast<std::ptrdiff_t>(offsets[i + 1]), w);
      }
      break;
    case InfluenceScheme::random_walk:
    case InfluenceScheme::lazy: {
      const double alpha = spec.scheme == InfluenceScheme::lazy ? spec.alpha : 0.0;
      if (spec.scheme == InfluenceScheme::lazy && !(alpha > 0.0 && alpha < 1.0))
        throw ParameterError("alpha", fmt::format("{}", alpha), "(0, 1)");
      for (NodeId i = 0; i < n; ++i) {
        const EdgeId d = graph.degree(i);
        self_[i] = d == 0 ? 1.0 : alpha;
        for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) offdiag_[e] = (1.0 - alpha) / static_cast<double>(d);
      }
      break;
    }
    case InfluenceScheme::metropolis:
      if (graph.directed()) throw Error("Metropolis weights need an undirected graph (they are symmetric)");
      for (NodeId i = 0; i < n; ++i) {
        double sum = 0.0;
        for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) {
          offdiag_[e] = 1.0 / static_cast<double>(1 + std::max(graph.degree(i), graph.degree(targets[e])));
          sum += offdiag_[e];
        }
        self_[i] = 1.0 - sum;
      }
      break;
    case InfluenceScheme::weighted: {
      const double s = spec.self_weight;
      if (!(s >= 0.0 && s <= 1.0)) throw ParameterError("self_weight", fmt::format("{}", s), "[0, 1]");
      const auto omega = spec.use_tie_strength ? graph.tie_strengths() : graph.weights();
      for (NodeId i = 0; i < n; ++i) {
        double total = 0.0;
        for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) total += omega[e];
        if (graph.degree(i) == 0 || total <= 0.0) {
          self_[i] = 1.0;
          continue;
        }
        self_[i] = s;
        for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) offdiag_[e] = (1.0 - s) * omega[e] / total;
      }
      break;
    }
    case InfluenceScheme::given: {
      const auto w = graph.weights();
      for (NodeId i = 0; i < n; ++i) {
        double sum = 0.0;
        for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) {
          offdiag_[e] = w[e];
          sum += w[e];
        }
        if (sum > 1.0 + 1e-6)
          throw Error(fmt::format("row {} of the influence matrix is not stochastic: its arc weights sum to {} > 1 "
                                  "(with influence = \"given\", the weights of each node's arcs must sum to at most 1; "
                                  "the self-weight is 1 minus that sum)",
                                  i, sum),
                      ErrorContext{"", 0, 0, fmt::format("node {}", i)});
        if (sum > 1.0) {
          // Within float rounding of 1 (weights are stored as f32): rescale to sum to exactly 1.
          for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) offdiag_[e] /= sum;
          sum = 1.0;
        }
        self_[i] = 1.0 - sum;
      }
      break;
    }
  }
  validate();
}

InfluenceMatrix::InfluenceMatrix(const Graph& graph, std::vector<double> self, std::vector<double> offdiag)
    : graph_(graph), self_(std::move(self)), offdiag_(std::move(offdiag)) {
  if (self_.size() != graph.num_nodes() || offdiag_.size() != graph.num_arcs())
    throw Error(
        fmt::format("influence matrix sizes ({} self-weights, {} arc weights) do not match the graph "
                    "({} nodes, {} arcs)",
                    self_.size(), offdiag_.size(), graph.num_nodes(), graph.num_arcs()));
  validate();
}

void InfluenceMatrix::validate() {
  const auto offsets = graph_.offsets();
  for (NodeId i = 0; i < size(); ++i) {
    double sum = self_[i];
    bool negative = self_[i] < 0.0;
    for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e) {
      sum += offdiag_[e];
      negative = negative || offdiag_[e] < 0.0 || !std::isfinite(offdiag_[e]);
    }
    if (negative || !std::isfinite(self_[i]))
      throw Error(fmt::format("row {} of the influence matrix has a negative or non-finite weight", i),
                  ErrorContext{"", 0, 0, fmt::format("node {}", i)});
    if (std::abs(sum - 1.0) > 1e-9)
      throw Error(fmt::format("row {} of the influence matrix sums to {}, not 1", i, sum),
                  ErrorContext{"", 0, 0, fmt::format("node {}", i)});
  }
  // Keep one weight per row when every row is uniform (a quarter of the step's memory traffic).
  row_weight_.assign(size(), 0.0);
  for (NodeId i = 0; i < size(); ++i) {
    if (offsets[i] == offsets[i + 1]) continue;
    row_weight_[i] = offdiag_[offsets[i]];
    for (EdgeId e = offsets[i]; e < offsets[i + 1]; ++e)
      if (offdiag_[e] != row_weight_[i]) {
        row_weight_.clear();
        return;
      }
  }
}

void InfluenceMatrix::multiply(std::span<const double> x, std::span<double> y, std::size_t columns, int threads) const {
  const auto targets = graph_.targets();
  const EdgeId arcs = targets.size();
  const double* xs = x.data();
  if (columns == 1) {
    detail::parallel_for(size(), threads, [&](std::size_t i) {
      y[i] = self_[i] * xs[i] + arc_sum(static_cast<NodeId>(i), [&](EdgeId e) {
               // The gathers x[target] set the pace on large graphs: ask for them ahead.
               if (e + kPrefetchDistance < arcs) __builtin_prefetch(&xs[targets[e + kPrefetchDistance]]);
               return xs[targets[e]];
             });
    });
    return;
  }
  detail::parallel_for(size(), threads, [&](std::size_t i) {
    for (std::size_t c = 0; c < columns; ++c)
      y[i * columns + c] = self_[i] * xs[i * columns + c] + arc_sum(static_cast<NodeId>(i), [&](EdgeId e) {
                             return xs[std::size_t{targets[e]} * columns + c];
                           });
  });
}

}  // namespace contagion::sim
