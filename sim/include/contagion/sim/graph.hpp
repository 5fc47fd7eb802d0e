#pragma once
// The one graph type: an immutable directed CSR graph (Boost's compressed_sparse_row_graph,
// so every BGL algorithm runs on it) with per-arc influence weight and tie strength, and
// named node attribute arrays beside it.
//
// Direction convention: an arc i -> j means "i attends to j": j's state enters i's update
// (row i of an influence matrix, j's infection exposes i). Undirected input is stored as the
// two arcs i -> j and j -> i. Within a row, targets are sorted ascending; there are no
// self-loops and no parallel arcs (readers and generators report and resolve them).

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "contagion/core/run_record.hpp"

namespace contagion::sim {

using NodeId = std::uint32_t;
using EdgeId = std::uint64_t;

/// An input arc (or undirected edge) with its weight.
struct Arc {
  NodeId source = 0;
  NodeId target = 0;
  float weight = 1.0f;
};

/// Named per-node arrays (susceptibility, block label, ...), each of length n.
using NodeAttributes = std::map<std::string, std::vector<double>, std::less<>>;

/// How graph construction treats self-loops and repeated edges.
struct BuildOptions {
  bool directed = false;
  enum class SelfLoops { drop, error } self_loops = SelfLoops::drop;
  /// error: reject; first: keep the first occurrence's weight; sum: add the weights.
  enum class Duplicates { error, first, sum } duplicates = Duplicates::first;
};

/// What construction changed in the input (for the user's report).
struct BuildReport {
  std::uint64_t self_loops_dropped = 0;
  std::uint64_t duplicates_merged = 0;
};

/// Where a graph came from; stored with it.
struct GraphProvenance {
  std::string name;
  std::string generator;   ///< "barabasi_albert", "edgelist", ...
  std::string parameters;  ///< "n=1000 m=3 seed=1"
};

class Graph {
 public:
  using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                 boost::no_property, NodeId, EdgeId>;

  /// The empty graph with n nodes and no arcs.
  explicit Graph(NodeId n = 0);

  /// Builds from arcs (undirected edges when !options.directed). Throws contagion::Error for
  /// node ids >= n, self-loops or duplicates when the options say so, or weights that are
  /// not finite and positive.
  static Graph from_arcs(NodeId n, std::vector<Arc> arcs, const BuildOptions& options = {},
                         BuildReport* report = nullptr);

  NodeId num_nodes() const noexcept { return n_; }
  EdgeId num_arcs() const noexcept { return targets().size(); }
  /// Arcs for a directed graph, arcs / 2 for an undirected one.
  EdgeId num_edges() const noexcept { return directed_ ? num_arcs() : num_arcs() / 2; }
  bool directed() const noexcept { return directed_; }

  std::span<const EdgeId> offsets() const noexcept { return {csr_->m_forward.m_rowstart}; }
  std::span<const NodeId> targets() const noexcept { return {csr_->m_forward.m_column}; }
  std::span<const float> weights() const noexcept { return {*weight_}; }
  std::span<const float> tie_strengths() const noexcept { return {*tie_}; }

  EdgeId degree(NodeId v) const noexcept { return offsets()[v + 1] - offsets()[v]; }
  std::span<const NodeId> neighbours(NodeId v) const noexcept { return targets().subspan(offsets()[v], degree(v)); }
  /// The arc u -> v, if present (binary search in u's sorted row).
  std::optional<EdgeId> find_arc(NodeId u, NodeId v) const noexcept;

  /// The Boost graph, for BGL algorithms (edge_index(e) indexes weights()/tie_strengths()).
  const Csr& bgl() const noexcept { return *csr_; }

  const NodeAttributes& attributes() const noexcept { return *attributes_; }
  bool has_attribute(std::string_view name) const { return attributes_->contains(name); }
  /// Throws contagion::Error naming the attribute when it does not exist.
  const std::vector<double>& attribute(std::string_view name) const;

  const GraphProvenance& provenance() const noexcept { return provenance_; }

  // Immutable: these return a new graph sharing the structure with this one.
  Graph with_weights(std::vector<float> weights) const;
  Graph with_tie_strengths(std::vector<float> tie) const;
  Graph with_attribute(std::string name, std::vector<double> values) const;
  Graph with_provenance(GraphProvenance provenance) const;

  /// The CSR arrays for storage (spans into this graph).
  GraphArrays arrays() const;

 private:
  NodeId n_ = 0;
  bool directed_ = false;
  std::shared_ptr<const Csr> csr_;
  std::shared_ptr<const std::vector<float>> weight_;
  std::shared_ptr<const std::vector<float>> tie_;
  std::shared_ptr<const NodeAttributes> attributes_;
  GraphProvenance provenance_;
};

}  // namespace contagion::sim
