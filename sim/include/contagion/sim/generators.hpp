#pragma once
// Seeded random-graph generators and small deterministic graphs for tests.
// All random generators draw from RandomStream(seed, StreamPurpose::graph), so a seed gives
// the same graph on every platform. Each documents its exact distribution and complexity.
// Undirected unless stated; parameters are checked up front (ParameterError naming them).
// The LFR benchmark is in lfr.hpp, the karate club in classic_networks.hpp, tie strengths
// planted from communities in tie_strength.hpp.

#include <cstdint>
#include <vector>

#include "contagion/sim/graph.hpp"

namespace contagion::sim {

/// Erdős–Rényi G(n, p): every pair independently with probability p. Geometric skipping
/// (Batagelj & Brandes 2005), O(n + m). Directed: every ordered pair i != j.
Graph erdos_renyi_gnp(NodeId n, double p, std::uint64_t seed, bool directed = false);

/// Erdős–Rényi G(n, m): m distinct pairs uniformly without replacement (Floyd's sampling
/// over the pair index space), O(m) expected. Directed: ordered pairs.
Graph erdos_renyi_gnm(NodeId n, std::uint64_t m, std::uint64_t seed, bool directed = false);

/// Watts–Strogatz: ring lattice with k nearest neighbours (k even, k < n), each lattice
/// edge (u, u+j) rewired with probability beta to a uniform new target, avoiding self-loops
/// and duplicates (the NetworkX `watts_strogatz_graph` procedure). O(n k).
Graph watts_strogatz(NodeId n, std::uint32_t k, double beta, std::uint64_t seed);

/// Barabási–Albert preferential attachment: a star on m+1 nodes, then each new node joins
/// m distinct existing nodes chosen with probability proportional to degree (sampling from
/// the endpoint list, rejecting repeats; as NetworkX). m(n - m) edges, O(n m) expected.
Graph barabasi_albert(NodeId n, std::uint32_t m, std::uint64_t seed);

/// Stochastic block model: blocks of the given sizes (nodes numbered block by block), an
/// edge between blocks a and b with probability probabilities[a][b] (symmetric), by
/// geometric skipping per block pair, O(n + m). The block of each node is kept as the node
/// attribute "block" (ground truth for community detection; planted_tie_strengths() makes
/// within-block ties strong and between-block ties weak).
Graph stochastic_block_model(const std::vector<NodeId>& sizes, const std::vector<std::vector<double>>& probabilities,
                             std::uint64_t seed);

/// Configuration model from a degree sequence (even sum): stubs shuffled (Fisher–Yates) and
/// paired. Self-loops and parallel edges are erased ("erased configuration model"), and
/// counted in `report`, so realised degrees can fall below the sequence. O(sum of degrees).
Graph configuration_model(const std::vector<std::uint32_t>& degrees, std::uint64_t seed, BuildReport* report = nullptr);

/// Deterministic graphs.
Graph empty_graph(NodeId n);
Graph complete_graph(NodeId n);
/// Ring: each node joined to its k nearest neighbours on each side (k = 1: a cycle).
Graph ring_graph(NodeId n, std::uint32_t k = 1);
/// Star: node 0 joined to nodes 1..n-1.
Graph star_graph(NodeId n);
/// Path 0 - 1 - ... - (n-1).
Graph path_graph(NodeId n);
/// Two cliques of `clique_size` nodes (0..c-1 and c..2c-1) joined by one bridge edge
/// (c-1, c) of weight `bridge_weight`; all clique edges have weight 1. Node attribute
/// "block" = 0 or 1.
Graph two_cliques_bridge(NodeId clique_size, float bridge_weight = 1.0f);

}  // namespace contagion::sim
