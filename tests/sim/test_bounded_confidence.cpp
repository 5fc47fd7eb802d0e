// MODELS.md §A4 oracles for Hegselmann–Krause and Deffuant–Weisbuch.

#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/bounded_confidence.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/metrics.hpp"
#include "helpers.hpp"

using namespace contagion::sim;
using namespace contagion::sim::test;

namespace {
HegselmannKrauseParams hk(double eps, Mixing mixing = Mixing::graph, bool inclusive = true) {
  HegselmannKrauseParams p;
  p.epsilon = eps;
  p.mixing = mixing;
  p.inclusive = inclusive;
  return p;
}
std::vector<double> state(const Model& m) {
  return {m.state().begin(), m.state().end()};
}
double clusters(const Model& m, double gap) {
  return compute_metric(Metric::clusters, m.state(), 1, 0, {gap}, 1);
}
}  // namespace

TEST_CASE("HK: three agents, eps = 0.5 -> (0.25, 0.5, 0.75) -> consensus at 0.5", "[sim][hk]") {
  for (const Mixing mixing : {Mixing::graph, Mixing::complete}) {
    HegselmannKrause model(complete_graph(3), hk(0.5, mixing));
    model.reset(std::vector<double>{0.0, 0.5, 1.0});
    model.step({0, 0, 0, 1});
    CHECK(state(model) == std::vector<double>{0.25, 0.5, 0.75});
    model.step({1, 0, 0, 1});
    CHECK(state(model) == std::vector<double>{0.5, 0.5, 0.5});
  }
}

TEST_CASE("HK: eps = 0.4, or strict < with eps = 0.5, freezes the three agents", "[sim][hk]") {
  for (const auto& params : {hk(0.4), hk(0.5, Mixing::graph, false), hk(0.5, Mixing::complete, false)}) {
    HegselmannKrause model(complete_graph(3), params);
    model.reset(std::vector<double>{0.0, 0.5, 1.0});
    CHECK(model.step({0, 0, 0, 1}) == 0.0);
    CHECK(state(model) == std::vector<double>{0.0, 0.5, 1.0});
  }
}

TEST_CASE("HK: the sorted sweep agrees with the graph scan on a complete graph", "[sim][hk]") {
  const NodeId n = 300;
  std::vector<double> per_node(n);
  for (NodeId i = 0; i < n; ++i) per_node[i] = 0.05 + 0.2 * ((i * 37) % n) / double(n);
  // One bound for all (the one-sweep path) and one per node (the binary-search path).
  for (const NodeParameter& eps : {NodeParameter(0.15), NodeParameter(per_node)}) {
    HegselmannKrauseParams scan_params = hk(0.1), sweep_params = hk(0.1, Mixing::complete);
    scan_params.epsilon = sweep_params.epsilon = eps;
    HegselmannKrause scan(complete_graph(n), scan_params), sweep(empty_graph(n), sweep_params);
    const auto x0 = uniform_initial(n, 1);
    scan.reset(x0);
    sweep.reset(x0);
    for (int t = 0; t < 10; ++t) {
      scan.step({static_cast<std::uint64_t>(t), 0, 0, 1});
      sweep.step({static_cast<std::uint64_t>(t), 0, 0, 2});
      for (NodeId i = 0; i < n; ++i) REQUIRE(sweep.state()[i] == Approx(scan.state()[i]).margin(1e-13));
    }
  }
}

TEST_CASE("HK: order preserved, range never grows, final clusters more than eps apart", "[sim][hk]") {
  std::vector<double> x0(1000);
  for (NodeId i = 0; i < 1000; ++i) x0[i] = (i * 7919 % 1000) / 1000.0;
  HegselmannKrause model(empty_graph(1000), hk(0.1, Mixing::complete));
  model.reset(x0);
  double range = 1.0;
  for (int t = 0; t < 200; ++t) {
    const double change = model.step({static_cast<std::uint64_t>(t), 0, 0, 1});
    const auto x = state(model);
    for (NodeId i = 0; i < 1000; ++i)
      for (NodeId j : {(i + 1) % 1000u, (i + 379) % 1000u})
        if (x0[i] < x0[j]) REQUIRE(x[i] <= x[j]);
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    REQUIRE(*hi - *lo <= range);
    range = *hi - *lo;
    if (change == 0.0) break;
  }
  auto x = state(model);
  std::sort(x.begin(), x.end());
  x.erase(std::unique(x.begin(), x.end(), [](double a, double b) { return b - a < 1e-9; }), x.end());
  for (std::size_t k = 1; k < x.size(); ++k) CHECK(x[k] - x[k - 1] > 0.1);
  CHECK(x.size() >= 3);  // about floor(1 / (2 eps)) = 5 clusters, give or take
  CHECK(x.size() <= 7);
}

TEST_CASE("HK on the complete graph: consensus above eps_c ~ 0.2, not below (Fortunato 2005)", "[sim][hk]") {
  auto clusters_at = [](double eps) {
    HegselmannKrause model(empty_graph(2000), hk(eps, Mixing::complete));
    model.reset(uniform_initial(2000, 11));
    for (int t = 0; t < 500 && model.step({static_cast<std::uint64_t>(t), 0, 0, 1}) > 1e-12; ++t) {
    }
    return clusters(model, 1e-6);
  };
  CHECK(clusters_at(0.26) == 1);
  CHECK(clusters_at(0.15) > 1);
}

TEST_CASE("HK: consensus strikes back (Lorenz 2006) with eps = 1 on [0, L]", "[sim][hk][slow]") {
  // Equally spaced opinions, many agents: consensus for L < 5.23, three clusters for
  // 5.23 < L < 5.67, consensus again for 5.67 < L < 6.84 (MODELS.md §A4.1).
  auto final_clusters = [](double length) {
    const NodeId n = 2001;
    std::vector<double> x0(n);
    for (NodeId i = 0; i < n; ++i) x0[i] = length * i / (n - 1.0);
    HegselmannKrause model(empty_graph(n), hk(1.0, Mixing::complete));
    model.reset(x0);
    for (int t = 0; t < 2000 && model.step({static_cast<std::uint64_t>(t), 0, 0, 2}) > 1e-12; ++t) {
    }
    return clusters(model, 1e-6);
  };
  CHECK(final_clusters(4.5) == 1);
  CHECK(final_clusters(5.45) == 3);
  CHECK(final_clusters(6.3) == 1);
}

TEST_CASE("HK: heterogeneous confidence bounds and bad eps", "[sim][hk]") {
  HegselmannKrauseParams p = hk(0.0);
  p.epsilon = NodeParameter(std::vector<double>{0.6, 0.1, 0.1});
  HegselmannKrause model(complete_graph(3), p);
  model.reset(std::vector<double>{0.0, 0.5, 1.0});
  model.step({0, 0, 0, 1});
  CHECK(state(model) == std::vector<double>{0.25, 0.5, 1.0});  // only agent 0 looks as far as 0.5
  CHECK_THROWS_AS(HegselmannKrause(complete_graph(3), hk(0.0)), contagion::ParameterError);
}

TEST_CASE("HK is bitwise identical for 1 and 2 threads", "[sim][hk][determinism]") {
  const Graph g = barabasi_albert(20000, 3, 2);
  HegselmannKrause a(g, hk(0.2)), b(g, hk(0.2));
  const auto x0 = uniform_initial(20000, 2);
  run_steps(a, x0, 10, 1);
  run_steps(b, x0, 10, 2);
  CHECK(state(a) == state(b));
}

namespace {
DeffuantWeisbuchParams dw(double eps, double mu = 0.5, Mixing mixing = Mixing::graph) {
  DeffuantWeisbuchParams p;
  p.epsilon = eps;
  p.mu = mu;
  p.mixing = mixing;
  return p;
}
}  // namespace

TEST_CASE("DW: mu = 0.5 meets at the midpoint", "[sim][dw]") {
  DeffuantWeisbuch model(path_graph(2), dw(0.5));
  model.reset(std::vector<double>{0.2, 0.4});
  model.step({0, 1, 0, 1});
  CHECK(model.state()[0] == Approx(0.3).margin(1e-16));
  CHECK(model.state()[1] == Approx(0.3).margin(1e-16));
  DeffuantWeisbuch far(path_graph(2), dw(0.1));
  far.reset(std::vector<double>{0.2, 0.4});
  CHECK(far.step({0, 1, 0, 1}) == 0.0);  // |0.2 - 0.4| >= eps: no interaction
}

TEST_CASE("DW: the sum is conserved and the range never grows", "[sim][dw]") {
  const Graph g = barabasi_albert(1000, 3, 3);
  DeffuantWeisbuch model(g, dw(0.3, 0.3));
  const auto x0 = uniform_initial(1000, 3);
  model.reset(x0);
  const double sum0 = std::accumulate(x0.begin(), x0.end(), 0.0);
  double range = 1.0;
  for (int t = 0; t < 50; ++t) {
    model.step({static_cast<std::uint64_t>(t), 3, 0, 1});
    const auto x = state(model);
    REQUIRE(std::accumulate(x.begin(), x.end(), 0.0) == Approx(sum0).epsilon(1e-13));
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    REQUIRE(*hi - *lo <= range);
    range = *hi - *lo;
  }
}

TEST_CASE("DW: eps >= 1/2 gives consensus on any graph, and small eps gives clusters", "[sim][dw]") {
  for (const Graph& g : {barabasi_albert(500, 3, 4), erdos_renyi_gnp(500, 0.02, 4)}) {
    DeffuantWeisbuch model(g, dw(0.55));
    run_steps(model, uniform_initial(500, 4), 400, 1, 4);
    CHECK(clusters(model, 1e-3) == 1);
  }
  DeffuantWeisbuch split(empty_graph(2000), dw(0.1, 0.5, Mixing::complete));
  run_steps(split, uniform_initial(2000, 5), 400, 1, 5);
  // about floor(1 / (2 eps)) = 5 major clusters, plus a few minor ones
  const auto x = state(split);
  std::vector<double> sorted = x;
  std::sort(sorted.begin(), sorted.end());
  int major = 0;
  for (std::size_t k = 0, start = 0; k <= sorted.size(); ++k)
    if (k == sorted.size() || (k > start && sorted[k] - sorted[k - 1] > 1e-3)) {
      if (k - start > 100) ++major;
      start = k;
    }
  CHECK(major >= 4);
  CHECK(major <= 6);
}

TEST_CASE("DW: the same seed gives the same run, and another replicate another", "[sim][dw][determinism]") {
  const Graph g = erdos_renyi_gnp(300, 0.05, 6);
  const auto x0 = uniform_initial(300, 6);
  DeffuantWeisbuch a(g, dw(0.3)), b(g, dw(0.3)), c(g, dw(0.3));
  a.reset(x0);
  b.reset(x0);
  c.reset(x0);
  for (std::uint64_t t = 0; t < 5; ++t) {
    a.step({t, 9, 0, 1});
    b.step({t, 9, 0, 2});
    c.step({t, 9, 1, 1});
  }
  CHECK(state(a) == state(b));
  CHECK(state(a) != state(c));
  CHECK_THROWS_AS(DeffuantWeisbuch(g, dw(0.3, 0.6)), contagion::ParameterError);
}
