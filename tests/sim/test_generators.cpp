#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <numeric>

#include "contagion/core/error.hpp"
#include "contagion/sim/generators.hpp"

using namespace contagion::sim;
using contagion::ParameterError;

namespace {

std::uint64_t edges_between(const Graph& g, NodeId lo1, NodeId hi1, NodeId lo2, NodeId hi2) {
  std::uint64_t count = 0;
  for (NodeId i = lo1; i < hi1; ++i)
    for (const NodeId j : g.neighbours(i))
      if (j >= lo2 && j < hi2) ++count;
  return count;
}

bool same_graph(const Graph& a, const Graph& b) {
  return std::equal(a.offsets().begin(), a.offsets().end(), b.offsets().begin(), b.offsets().end()) &&
         std::equal(a.targets().begin(), a.targets().end(), b.targets().begin(), b.targets().end());
}

}  // namespace

TEST_CASE("G(n,p) has binomially many edges", "[sim][generators]") {
  const NodeId n = 2000;
  const double p = 0.01;
  const double pairs = n * (n - 1) / 2.0, mean = p * pairs, sd = std::sqrt(pairs * p * (1 - p));
  for (std::uint64_t seed : {1, 2, 3}) {
    const Graph g = erdos_renyi_gnp(n, p, seed);
    CHECK(std::abs(static_cast<double>(g.num_edges()) - mean) < 5 * sd);
  }
  const Graph d = erdos_renyi_gnp(n, p, 4, true);
  CHECK(d.directed());
  CHECK(std::abs(static_cast<double>(d.num_arcs()) - 2 * mean) < 5 * std::sqrt(2 * pairs * p * (1 - p)));
  CHECK(erdos_renyi_gnp(50, 0.0, 1).num_edges() == 0);
  CHECK(erdos_renyi_gnp(50, 1.0, 1).num_edges() == 50 * 49 / 2);
  CHECK(erdos_renyi_gnp(50, 1.0, 1, true).num_arcs() == 50 * 49);
  CHECK(same_graph(erdos_renyi_gnp(300, 0.05, 9), erdos_renyi_gnp(300, 0.05, 9)));
  CHECK_FALSE(same_graph(erdos_renyi_gnp(300, 0.05, 9), erdos_renyi_gnp(300, 0.05, 10)));
  CHECK_THROWS_AS(erdos_renyi_gnp(10, 1.5, 1), ParameterError);
}

TEST_CASE("G(n,p) puts each pair in with probability p (no skipping bias)", "[sim][generators]") {
  // 5 nodes = 10 pairs, p = 0.3, 4000 graphs: each pair count ~ Binomial(4000, 0.3).
  std::map<std::pair<NodeId, NodeId>, int> count;
  for (std::uint64_t seed = 0; seed < 4000; ++seed) {
    const Graph g = erdos_renyi_gnp(5, 0.3, seed);
    for (NodeId i = 0; i < 5; ++i)
      for (const NodeId j : g.neighbours(i))
        if (i < j) ++count[{i, j}];
  }
  REQUIRE(count.size() == 10);
  for (const auto& [pair, c] : count) CHECK(std::abs(c - 1200.0) < 5 * std::sqrt(4000 * 0.3 * 0.7));
}

TEST_CASE("G(n,m) has exactly m edges, uniformly placed", "[sim][generators]") {
  CHECK(erdos_renyi_gnm(1000, 5000, 1).num_edges() == 5000);
  CHECK(erdos_renyi_gnm(1000, 5000, 1, true).num_arcs() == 5000);
  CHECK(erdos_renyi_gnm(20, 190, 1).num_edges() == 190);  // every pair
  CHECK_THROWS_AS(erdos_renyi_gnm(20, 191, 1), ParameterError);
  // 4 nodes = 6 pairs, m = 2: each pair is in with probability 1/3.
  std::map<std::pair<NodeId, NodeId>, int> count;
  for (std::uint64_t seed = 0; seed < 6000; ++seed) {
    const Graph g = erdos_renyi_gnm(4, 2, seed);
    REQUIRE(g.num_edges() == 2);
    for (NodeId i = 0; i < 4; ++i)
      for (const NodeId j : g.neighbours(i))
        if (i < j) ++count[{i, j}];
  }
  REQUIRE(count.size() == 6);
  for (const auto& [pair, c] : count) CHECK(std::abs(c - 2000.0) < 5 * std::sqrt(6000 / 3.0 * 2 / 3.0));
}

TEST_CASE("Watts-Strogatz keeps n k / 2 edges and rewires a fraction beta", "[sim][generators]") {
  const NodeId n = 5000;
  const std::uint32_t k = 6;
  const Graph lattice = watts_strogatz(n, k, 0.0, 1);
  CHECK(lattice.num_edges() == n * k / 2);
  for (NodeId i = 0; i < n; ++i) REQUIRE(lattice.degree(i) == k);
  CHECK(lattice.find_arc(0, 3));
  CHECK(lattice.find_arc(0, n - 3));
  const Graph g = watts_strogatz(n, k, 0.2, 1);
  CHECK(g.num_edges() == n * k / 2);
  std::uint64_t lattice_edges = 0;
  for (NodeId i = 0; i < n; ++i)
    for (std::uint32_t j = 1; j <= k / 2; ++j)
      if (g.find_arc(i, (i + j) % n)) ++lattice_edges;
  const double kept = static_cast<double>(lattice_edges) / (n * k / 2.0);
  CHECK(std::abs(kept - 0.8) < 0.02);
  CHECK_THROWS_AS(watts_strogatz(10, 3, 0.1, 1), ParameterError);
  CHECK_THROWS_AS(watts_strogatz(10, 10, 0.1, 1), ParameterError);
}

TEST_CASE("Barabasi-Albert has m(n-m) edges and a power-law tail near 3", "[sim][generators]") {
  const NodeId n = 50000;
  const std::uint32_t m = 3;
  const Graph g = barabasi_albert(n, m, 5);
  CHECK(g.num_edges() == std::uint64_t{m} * (n - m));
  std::uint64_t min_degree = n, max_degree = 0;
  double log_sum = 0.0;
  std::uint64_t tail = 0;
  const double k_min = 10;
  for (NodeId i = 0; i < n; ++i) {
    min_degree = std::min(min_degree, g.degree(i));
    max_degree = std::max(max_degree, g.degree(i));
    if (g.degree(i) >= k_min) {
      log_sum += std::log(static_cast<double>(g.degree(i)) / (k_min - 0.5));
      ++tail;
    }
  }
  CHECK(min_degree == m);
  CHECK(max_degree > 200);  // hubs of order m sqrt(n)
  // Discrete power-law MLE (Clauset, Shalizi & Newman 2009, eq. 3.7) above k_min.
  const double gamma = 1.0 + static_cast<double>(tail) / log_sum;
  CHECK(gamma == Approx(3.0).margin(0.25));
  CHECK_THROWS_AS(barabasi_albert(10, 10, 1), ParameterError);
}

TEST_CASE("the stochastic block model keeps its blocks and densities", "[sim][generators]") {
  const std::vector<NodeId> sizes{300, 500};
  const double p_in = 0.05, p_out = 0.002;
  const Graph g = stochastic_block_model(sizes, {{p_in, p_out}, {p_out, p_in}}, 3);
  const auto& block = g.attribute("block");
  CHECK(block[299] == 0.0);
  CHECK(block[300] == 1.0);
  const double in0 = p_in * 300 * 299 / 2, in1 = p_in * 500 * 499 / 2, out = p_out * 300 * 500;
  CHECK(std::abs(edges_between(g, 0, 300, 0, 300) / 2.0 - in0) < 5 * std::sqrt(in0));
  CHECK(std::abs(edges_between(g, 300, 800, 300, 800) / 2.0 - in1) < 5 * std::sqrt(in1));
  CHECK(std::abs(static_cast<double>(edges_between(g, 0, 300, 300, 800)) - out) < 5 * std::sqrt(out));
  CHECK_THROWS_AS(stochastic_block_model({10, 10}, {{0.1, 0.2}, {0.3, 0.1}}, 1), ParameterError);
  CHECK_THROWS_AS(stochastic_block_model({10, 10}, {{0.1, 0.2}}, 1), ParameterError);
}

TEST_CASE("the erased configuration model follows the degree sequence", "[sim][generators]") {
  std::vector<std::uint32_t> degrees(2000, 4);
  BuildReport report;
  const Graph g = configuration_model(degrees, 1, &report);
  std::uint64_t total = 0;
  for (NodeId i = 0; i < 2000; ++i) {
    REQUIRE(g.degree(i) <= 4);
    total += g.degree(i);
  }
  CHECK(total + 2 * (report.self_loops_dropped + report.duplicates_merged) == 8000);
  CHECK(report.self_loops_dropped + report.duplicates_merged < 20);  // about (k-1)^2/2 + (k-1)/2 ≈ 6 expected
  CHECK_THROWS_AS(configuration_model({1, 1, 1}, 1), ParameterError);
}

TEST_CASE("deterministic graphs have their exact shape", "[sim][generators]") {
  CHECK(complete_graph(10).num_edges() == 45);
  CHECK(ring_graph(10).num_edges() == 10);
  CHECK(ring_graph(10, 2).num_edges() == 20);
  CHECK(star_graph(10).degree(0) == 9);
  CHECK(star_graph(10).degree(5) == 1);
  CHECK(path_graph(10).num_edges() == 9);
  CHECK(empty_graph(7).num_arcs() == 0);
  const Graph b = two_cliques_bridge(5, 0.1f);
  CHECK(b.num_nodes() == 10);
  CHECK(b.num_edges() == 2 * 10 + 1);
  CHECK(b.weights()[*b.find_arc(4, 5)] == 0.1f);
  CHECK(b.attribute("block")[5] == 1.0);
}
