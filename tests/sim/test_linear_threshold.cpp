// The linear threshold model (MODELS.md §A7): path probabilities b^k, progressive activation.

#include <catch2/catch.hpp>

#include <cmath>

#include "contagion/core/error.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/linear_threshold.hpp"
#include "helpers.hpp"

using namespace contagion::sim;
using namespace contagion::sim::test;
using Catch::Matchers::Contains;

TEST_CASE("linear threshold: on a path of weight b, the node k steps away is active with probability b^k",
          "[sim][threshold]") {
  // Node k attends only to node k - 1, with weight b: it activates iff theta_k <= b, so the
  // activation reaches distance k with probability b^k.
  const double b = 0.7;
  const NodeId n = 5;
  BuildOptions directed;
  directed.directed = true;
  std::vector<Arc> arcs;
  for (NodeId k = 1; k < n; ++k) arcs.push_back({k, k - 1, static_cast<float>(b)});
  const Graph path = Graph::from_arcs(n, arcs, directed);
  const int runs = 4000;
  std::vector<int> reached(n, 0);
  for (int r = 0; r < runs; ++r) {
    LinearThreshold model(path, true);
    std::vector<double> x0(n, 0.0);
    x0[0] = 1.0;
    model.reset(x0);
    for (std::uint64_t t = 0; t < n; ++t) model.step({t, 2, static_cast<std::uint64_t>(r), 1});
    for (NodeId k = 0; k < n; ++k) reached[k] += model.state()[k] == 1.0;
  }
  for (NodeId k = 1; k < n; ++k) {
    const double p = std::pow(static_cast<double>(static_cast<float>(b)), k);
    CHECK(std::abs(reached[k] / double(runs) - p) < 5 * std::sqrt(p * (1 - p) / runs));
  }
}

TEST_CASE("linear threshold: activation is progressive and stops when nothing changes", "[sim][threshold]") {
  LinearThreshold model(barabasi_albert(2000, 3, 1), false);
  std::vector<double> x0(2000, 0.0);
  for (NodeId i = 0; i < 20; ++i) x0[i] = 1.0;
  model.reset(x0);
  std::vector<double> previous = x0;
  double activated = 1.0;
  for (std::uint64_t t = 0; t < 100 && activated > 0.0; ++t) {
    activated = model.step({t, 3, 0, 2});
    for (NodeId i = 0; i < 2000; ++i) REQUIRE(model.state()[i] >= previous[i]);
    previous.assign(model.state().begin(), model.state().end());
  }
  CHECK(activated == 0.0);
  CHECK(model.step({100, 3, 0, 2}) == 0.0);  // nothing will change again
  CHECK(model.observations()[0].value >= 0.01);
}

TEST_CASE("linear threshold: weights and states are checked", "[sim][threshold]") {
  const Graph heavy = Graph::from_arcs(3, {{0, 1, 0.75f}, {0, 2, 0.5f}});
  CHECK_THROWS_WITH(LinearThreshold(heavy, true), Contains("node 0 add up to 1.25 > 1"));
  LinearThreshold model(path_graph(3), false);
  CHECK_THROWS_WITH(model.reset(std::vector<double>{0, 0.5, 0}), Contains("node 1 is 0.5"));
}

TEST_CASE("linear threshold: bitwise the same for 1 and 2 threads", "[sim][threshold][determinism]") {
  const Graph g = barabasi_albert(20000, 3, 6);
  LinearThreshold a(g, false), b(g, false);
  std::vector<double> x0(20000, 0.0);
  for (NodeId i = 0; i < 20000; i += 97) x0[i] = 1.0;
  run_steps(a, x0, 15, 1, 4);
  run_steps(b, x0, 15, 2, 4);
  CHECK(std::equal(a.state().begin(), a.state().end(), b.state().begin()));
}
