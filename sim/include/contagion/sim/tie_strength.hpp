#pragma once
// Tie strength (MODELS.md §A6).

#include <vector>

#include "contagion/sim/graph.hpp"

namespace contagion::sim {

/// Onnela et al. (2007) edge overlap for every arc of an undirected graph:
///   O_ij = n_ij / ((k_i - 1) + (k_j - 1) - n_ij),
/// n_ij = number of common neighbours, k = degree; O = 0 where the denominator is 0.
/// K_n gives O = 1 everywhere, a tree O = 0, G(n, p) about p / (2 - p). Sorted-row merges,
/// O(sum over edges of k_i + k_j). Throws contagion::Error for a directed graph.
std::vector<float> edge_overlap(const Graph& graph, int threads = 1);

}  // namespace contagion::sim
