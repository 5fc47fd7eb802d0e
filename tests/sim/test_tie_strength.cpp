#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/tie_strength.hpp"

using namespace contagion::sim;

TEST_CASE("edge overlap is 1 on a complete graph", "[sim][tie]") {
  for (const float o : edge_overlap(complete_graph(12))) CHECK(o == 1.0f);
}

TEST_CASE("edge overlap is 0 on trees", "[sim][tie]") {
  for (const float o : edge_overlap(star_graph(20))) CHECK(o == 0.0f);  // denominators 0 at leaves
  for (const float o : edge_overlap(path_graph(20))) CHECK(o == 0.0f);
}

TEST_CASE("the bridge between two cliques has overlap 0, clique edges are strong", "[sim][tie]") {
  const Graph g = two_cliques_bridge(6);
  const auto o = edge_overlap(g);
  CHECK(o[*g.find_arc(5, 6)] == 0.0f);
  CHECK(o[*g.find_arc(6, 5)] == 0.0f);
  // Inside a clique, away from the bridge: k = 5 each, 4 common neighbours -> 4 / (4 + 4 - 4) = 1.
  CHECK(o[*g.find_arc(0, 1)] == 1.0f);
  // Edge (4, 5): k_4 = 5, k_5 = 6 (bridge end), common = 4 -> 4 / (4 + 5 - 4) = 0.8.
  CHECK(o[*g.find_arc(4, 5)] == Approx(0.8f));
}

TEST_CASE("edge overlap on G(n,p) averages about p / (2 - p)", "[sim][tie]") {
  const double p = 0.05;
  const auto o = edge_overlap(erdos_renyi_gnp(2000, p, 1), 2);
  double mean = 0.0;
  for (const float v : o) mean += v;
  mean /= static_cast<double>(o.size());
  CHECK(mean == Approx(p / (2 - p)).epsilon(0.02));  // MODELS.md: 0.02562 measured vs 0.02564
}

TEST_CASE("edge overlap is the same for any thread count", "[sim][tie]") {
  const Graph g = barabasi_albert(3000, 4, 2);
  CHECK(edge_overlap(g, 1) == edge_overlap(g, 2));
}

TEST_CASE("edge overlap needs an undirected graph", "[sim][tie]") {
  CHECK_THROWS_AS(edge_overlap(erdos_renyi_gnp(10, 0.5, 1, true)), contagion::Error);
}
