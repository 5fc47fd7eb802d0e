#pragma once
// The transpose of a graph's CSR, private to sim/: for every node v, the arcs u -> v of the
// nodes u that attend to v. Event-driven simulators need it because a change at v changes the
// rates of exactly those u.

#include <span>
#include <vector>

#include "contagion/sim/graph.hpp"

namespace contagion::sim::detail {

class IncomingArcs {
 public:
  explicit IncomingArcs(const Graph& graph) {
    const NodeId n = graph.num_nodes();
    const auto offsets = graph.offsets();
    const auto targets = graph.targets();
    offsets_.assign(std::size_t{n} + 1, 0);
    for (const NodeId v : targets) ++offsets_[v + 1];
    for (NodeId v = 0; v < n; ++v) offsets_[v + 1] += offsets_[v];
    sources_.resize(targets.size());
    arcs_.resize(targets.size());
    std::vector<EdgeId> fill(offsets_.begin(), offsets_.end() - 1);
    for (NodeId u = 0; u < n; ++u)
      for (EdgeId e = offsets[u]; e < offsets[u + 1]; ++e) {
        const NodeId v = targets[e];
        sources_[fill[v]] = u;
        arcs_[fill[v]++] = e;
      }
  }

  /// Entries [begin(v), end(v)) of sources() and arcs() belong to v.
  EdgeId begin(NodeId v) const noexcept { return offsets_[v]; }
  EdgeId end(NodeId v) const noexcept { return offsets_[v + 1]; }
  NodeId source(EdgeId k) const noexcept { return sources_[k]; }  ///< u, who attends to v
  EdgeId arc(EdgeId k) const noexcept { return arcs_[k]; }        ///< the arc u -> v in the graph's CSR

 private:
  std::vector<EdgeId> offsets_;
  std::vector<NodeId> sources_;
  std::vector<EdgeId> arcs_;
};

}  // namespace contagion::sim::detail
