#pragma once
// Tie strength (MODELS.md §A6).

#include <cstdint>
#include <string_view>
#include <vector>

#include "contagion/sim/graph.hpp"

namespace contagion::sim {

/// Onnela et al. (2007) edge overlap for every arc of an undirected graph:
///   O_ij = n_ij / ((k_i - 1) + (k_j - 1) - n_ij),
/// n_ij = number of common neighbours, k = degree; O = 0 where the denominator is 0.
/// K_n gives O = 1 everywhere, a tree O = 0, G(n, p) about p / (2 - p). Sorted-row merges,
/// O(sum over edges of k_i + k_j). Throws contagion::Error for a directed graph.
std::vector<float> edge_overlap(const Graph& graph, int threads = 1);

/// Tie strengths drawn uniformly from [low, high) (the constant `low` when low == high).
struct TieRange {
  double low = 1.0;
  double high = 1.0;
};

/// Planted tie strengths: strong inside communities, weak between them, as Granovetter's
/// weak-tie picture has it (bridges between groups are weak ties).
struct PlantedTies {
  TieRange within{1.0, 1.0};   ///< ties between two nodes of the same community
  TieRange between{0.1, 0.1};  ///< ties between communities (or to a node whose label is NaN)
  /// Throws ParameterError naming "tie_within" / "tie_between" unless 0 <= low <= high < inf.
  void validate() const;
};

/// The tie strength of every arc from the node attribute `community` (e.g. "block", the planted
/// communities of the SBM and LFR generators or the karate club's factions). A random strength
/// of edge {i, j} comes from the stream (seed, attributes, step = stream_id("tie_strength"),
/// entity = min(i, j) * 2^32 + max(i, j)), so both arcs of an edge get the same value and no
/// value depends on the thread count. O(m). Throws contagion::Error naming the attribute when
/// the graph lacks it.
std::vector<float> planted_tie_strengths(const Graph& graph, std::string_view community, const PlantedTies& ties,
                                         std::uint64_t seed);

}  // namespace contagion::sim
