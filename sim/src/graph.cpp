#include "contagion/sim/graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"

namespace contagion::sim {

Graph::Graph(NodeId n)
    : n_(n),
      csr_(std::make_shared<const Csr>(boost::edges_are_sorted, static_cast<std::pair<NodeId, NodeId>*>(nullptr),
                                       static_cast<std::pair<NodeId, NodeId>*>(nullptr), n)),
      weight_(std::make_shared<const std::vector<float>>()),
      tie_(weight_),
      attributes_(std::make_shared<const NodeAttributes>()) {}

Graph Graph::from_arcs(NodeId n, std::vector<Arc> arcs, const BuildOptions& options, BuildReport* report) {
  BuildReport local;
  // Validate and canonicalise: undirected edges as (min, max), self-loops resolved.
  std::size_t kept = 0;
  for (std::size_t k = 0; k < arcs.size(); ++k) {
    Arc a = arcs[k];
    if (a.source >= n || a.target >= n)
      throw Error(fmt::format("arc {} ({} -> {}) refers to a node >= n = {}", k, a.source, a.target, n));
    if (!(std::isfinite(a.weight) && a.weight > 0.0f))
      throw Error(fmt::format("arc {} ({} -> {}) has weight {}; weights must be finite and > 0", k, a.source, a.target,
                              a.weight));
    if (a.source == a.target) {
      if (options.self_loops == BuildOptions::SelfLoops::error)
        throw Error(fmt::format("self-loop on node {} (arc {})", a.source, k));
      ++local.self_loops_dropped;
      continue;
    }
    if (!options.directed && a.source > a.target) std::swap(a.source, a.target);
    arcs[kept++] = a;
  }
  arcs.resize(kept);

  // Stable sort keeps input order among duplicates, so "first" means first in the input.
  std::stable_sort(arcs.begin(), arcs.end(), [](const Arc& a, const Arc& b) {
    return a.source != b.source ? a.source < b.source : a.target < b.target;
  });
  kept = 0;
  for (std::size_t k = 0; k < arcs.size(); ++k) {
    if (kept > 0 && arcs[kept - 1].source == arcs[k].source && arcs[kept - 1].target == arcs[k].target) {
      if (options.duplicates == BuildOptions::Duplicates::error)
        throw Error(
            fmt::format("duplicate {} {} -> {}", options.directed ? "arc" : "edge", arcs[k].source, arcs[k].target));
      if (options.duplicates == BuildOptions::Duplicates::sum) arcs[kept - 1].weight += arcs[k].weight;
      ++local.duplicates_merged;
      continue;
    }
    arcs[kept++] = arcs[k];
  }
  arcs.resize(kept);

  if (!options.directed) {
    // Add the reverse arcs and restore the (source, target) order.
    arcs.reserve(2 * kept);
    for (std::size_t k = 0; k < kept; ++k) arcs.push_back({arcs[k].target, arcs[k].source, arcs[k].weight});
    std::sort(arcs.begin(), arcs.end(), [](const Arc& a, const Arc& b) {
      return a.source != b.source ? a.source < b.source : a.target < b.target;
    });
  }

  std::vector<std::pair<NodeId, NodeId>> pairs(arcs.size());
  auto weights = std::make_shared<std::vector<float>>(arcs.size());
  for (std::size_t k = 0; k < arcs.size(); ++k) {
    pairs[k] = {arcs[k].source, arcs[k].target};
    (*weights)[k] = arcs[k].weight;
  }
  arcs = {};

  Graph g(0);
  g.n_ = n;
  g.directed_ = options.directed;
  g.csr_ = std::make_shared<const Csr>(boost::edges_are_sorted, pairs.begin(), pairs.end(), n);
  g.weight_ = weights;
  g.tie_ = weights;
  if (report) *report = local;
  return g;
}

std::optional<EdgeId> Graph::find_arc(NodeId u, NodeId v) const noexcept {
  const auto row = neighbours(u);
  const auto it = std::lower_bound(row.begin(), row.end(), v);
  if (it == row.end() || *it != v) return std::nullopt;
  return offsets()[u] + static_cast<EdgeId>(it - row.begin());
}

const std::vector<double>& Graph::attribute(std::string_view name) const {
  const auto it = attributes_->find(name);
  if (it == attributes_->end()) {
    std::vector<std::string> names;
    for (const auto& [k, v] : *attributes_) names.push_back(k);
    throw Error(fmt::format("the graph has no node attribute '{}' (it has: {})", name,
                            names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", "))));
  }
  return it->second;
}

Graph Graph::with_weights(std::vector<float> weights) const {
  if (weights.size() != num_arcs())
    throw Error(fmt::format("{} weights given for {} arcs", weights.size(), num_arcs()));
  Graph g = *this;
  const bool tie_is_weight = tie_ == weight_;
  g.weight_ = std::make_shared<const std::vector<float>>(std::move(weights));
  if (tie_is_weight) g.tie_ = g.weight_;
  return g;
}

Graph Graph::with_tie_strengths(std::vector<float> tie) const {
  if (tie.size() != num_arcs()) throw Error(fmt::format("{} tie strengths given for {} arcs", tie.size(), num_arcs()));
  Graph g = *this;
  g.tie_ = std::make_shared<const std::vector<float>>(std::move(tie));
  return g;
}

Graph Graph::with_attribute(std::string name, std::vector<double> values) const {
  if (values.size() != n_)
    throw Error(fmt::format("node attribute '{}' has {} values for {} nodes", name, values.size(), n_));
  auto attributes = std::make_shared<NodeAttributes>(*attributes_);
  (*attributes)[std::move(name)] = std::move(values);
  Graph g = *this;
  g.attributes_ = std::move(attributes);
  return g;
}

Graph Graph::with_provenance(GraphProvenance provenance) const {
  Graph g = *this;
  g.provenance_ = std::move(provenance);
  return g;
}

GraphArrays Graph::arrays() const {
  GraphArrays a{provenance_.name,
                provenance_.generator,
                provenance_.parameters,
                directed_,
                n_,
                offsets(),
                targets(),
                weights(),
                tie_strengths(),
                {}};
  for (const auto& [name, values] : *attributes_) a.node_attributes.emplace_back(name, values);
  return a;
}

}  // namespace contagion::sim
