#pragma once
// The LFR benchmark: graphs with planted communities, power-law degrees and community sizes.
// A. Lancichinetti, S. Fortunato, F. Radicchi (2008), "Benchmark graphs for testing community
// detection algorithms", Phys. Rev. E 78:046110 (the undirected, unweighted version).

#include <cstdint>

#include "contagion/sim/graph.hpp"

namespace contagion::sim {

/// Parameters, named as in NetworkX's LFR_benchmark_graph. Checked by validate() (ParameterError
/// naming the parameter); lfr_benchmark() also rejects an average degree below the smallest
/// mean the degree law can have (the mean with minimum degree 1).
struct LfrParams {
  NodeId n = 1000;                ///< nodes, >= min_community
  double average_degree = 20.0;   ///< target mean degree k, [1, max_degree]
  std::uint32_t max_degree = 50;  ///< largest degree, [1, n - 1]
  double tau1 = 2.0;              ///< degree exponent: P(d) ~ d^-tau1, [0, 10]
  double tau2 = 1.0;              ///< community-size exponent: P(s) ~ s^-tau2, [0, 10]
  NodeId min_community = 20;      ///< smallest community, [1, max_community]
  NodeId max_community = 100;     ///< largest community, [min_community, n], > (1 - mu) max_degree
  double mu = 0.1;                ///< mixing: the fraction of each node's edges that leave its community, [0, 1]
  void validate() const;
};

/// What the construction achieved (also appended to the graph's provenance parameters).
struct LfrReport {
  double achieved_mu = 0.0;           ///< edges between communities / all edges
  std::uint64_t communities = 0;      ///< number of communities
  std::uint64_t stubs_dropped = 0;    ///< edge ends dropped for parity or left unwired (no valid partner)
  std::uint64_t internal_capped = 0;  ///< nodes whose internal degree was lowered to fit a community
};

/// An LFR-like benchmark graph, undirected, with the planted community of every node in the
/// node attribute "block" (0..C-1, numbered in the order their sizes were drawn).
///
/// Construction, and where it simplifies the original:
/// 1. Degrees are drawn from the discrete power law d^-tau1 on [d_min, max_degree]. The
///    original solves for a real d_min that gives the mean k; here the law is a mixture of the
///    laws starting at the integers d_min and d_min + 1 with the weight that makes the mean
///    exactly k. One degree is raised (or lowered) by 1 when the sum is odd.
/// 2. Community sizes are drawn from s^-tau2 on [min_community, max_community] until they
///    cover n; a last draw that overshoots is cut to the nodes left (when that is at least
///    min_community), or the nodes left are spread one by one over communities below
///    max_community.
/// 3. Node i gets internal degree (1 - mu) d_i, rounded up or down at random so that its
///    expectation is exact (the original rounds), and the rest as external degree. Nodes are
///    placed in descending internal degree, each in a random community (weighted by free
///    places) large enough to hold its internal degree; the original instead places nodes at
///    random and evicts. A node that fits nowhere left gets its internal degree lowered
///    (counted in internal_capped). When a community's internal degree sum is odd, one
///    member's external stub becomes internal, or, where no member has one (mu = 0), one
///    internal stub is dropped, so that mu = 0 gives no edge between communities.
/// 4. Internal edges: a configuration model inside each community; external edges: one
///    configuration model over all external stubs. Self-loops, multi-edges and external edges
///    that fall inside a community are rejected and repaired by switching with a random edge
///    already placed (degree preserving); ends that find no partner in 50 tries are dropped
///    (stubs_dropped). The original rewires in a similar way but does not report what it
///    could not place. The achieved mixing is reported rather than assumed.
///
/// Draws come from RandomStream(seed, graph, step = stream_id(phase), entity = node or
/// community), so a seed gives the same graph on every platform. O(n + m + max_degree) expected.
Graph lfr_benchmark(const LfrParams& params, std::uint64_t seed, LfrReport* report = nullptr);

}  // namespace contagion::sim
