// Discrete-time SI / SIS / SIR (MODELS.md §A7): exact degenerate timelines, the SIS threshold,
// seeds, determinism.

#include <catch2/catch.hpp>

#include <set>

#include "contagion/core/error.hpp"
#include "contagion/sim/engine.hpp"
#include "contagion/sim/epidemic.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/metrics.hpp"
#include "contagion/sim/node_values.hpp"
#include "helpers.hpp"

using namespace contagion::sim;
using namespace contagion::sim::test;
using Catch::Matchers::Contains;

namespace {
EpidemicParams sir(double beta, double gamma, EpidemicKind kind = EpidemicKind::sir) {
  EpidemicParams p;
  p.kind = kind;
  p.transmission = beta;
  p.recovery = gamma;
  return p;
}
std::vector<double> seeded(NodeId n, std::initializer_list<NodeId> infected) {
  std::vector<double> x(n, 0.0);
  for (const NodeId v : infected) x[v] = 1.0;
  return x;
}
std::vector<int> compartments(const DiscreteEpidemic& m) {
  return {m.compartments().begin(), m.compartments().end()};
}
double observed(const DiscreteEpidemic& m, const std::string& name) {
  for (const auto& o : m.observations())
    if (o.name == name) return o.value;
  FAIL("no observation " << name);
  return 0;
}
}  // namespace

TEST_CASE("epidemic: transmission 0 spreads nothing", "[sim][epidemic]") {
  DiscreteEpidemic model(barabasi_albert(500, 3, 1), sir(0.0, 0.0, EpidemicKind::si));
  EngineSettings s;
  s.tolerance = 0.0;
  const EngineResult r = run_model(model, seeded(500, {0}), s);
  CHECK(r.converged);  // nothing can change: absorbed at once
  CHECK(r.steps == 1);
  CHECK(observed(model, "I") == 1.0 / 500);
}

TEST_CASE("epidemic: transmission 1 on a star reaches every leaf in one step", "[sim][epidemic]") {
  DiscreteEpidemic centre(star_graph(10), sir(1.0, 0.0, EpidemicKind::si));
  run_steps(centre, seeded(10, {0}), 1);
  CHECK(compartments(centre) == std::vector<int>(10, 1));
  DiscreteEpidemic leaf(star_graph(10), sir(1.0, 0.0, EpidemicKind::si));
  run_steps(leaf, seeded(10, {3}), 1);
  CHECK(observed(leaf, "I") == 0.2);  // the leaf and the centre
  leaf.step({1, 1, 0, 1});
  CHECK(observed(leaf, "I") == 1.0);
}

TEST_CASE("epidemic: SIR with beta = gamma = 1 on a path is a wave of width one", "[sim][epidemic]") {
  DiscreteEpidemic model(path_graph(6), sir(1.0, 1.0));
  model.reset(seeded(6, {0}));
  for (std::uint64_t t = 1; t <= 6; ++t) {
    model.step({t - 1, 1, 0, 1});
    std::vector<int> expected(6, 0);
    for (NodeId v = 0; v < 6; ++v) expected[v] = v < t ? 2 : v == t ? 1 : 0;
    CHECK(compartments(model) == expected);
  }
  CHECK(observed(model, "R") == 1.0);
  CHECK(observed(model, "coverage") == 1.0);
}

TEST_CASE("epidemic: empty and single-node graphs, and spontaneous infection", "[sim][epidemic]") {
  DiscreteEpidemic lonely(empty_graph(1), sir(1.0, 0.5));
  EngineSettings s;
  s.tolerance = 0.0;
  s.max_steps = 1000;
  const EngineResult r = run_model(lonely, std::vector<double>{1.0}, s);
  CHECK(r.converged);  // recovered and nobody left to infect
  CHECK(observed(lonely, "R") == 1.0);
  EpidemicParams sisa = sir(0.0, 0.0, EpidemicKind::sis);
  sisa.spontaneous = 1.0;
  DiscreteEpidemic everyone(empty_graph(20), sisa);
  run_steps(everyone, std::vector<double>(20, 0.0), 1);
  CHECK(observed(everyone, "I") == 1.0);
}

TEST_CASE("epidemic: SIS dies out below beta/gamma = 1/lambda_max and persists above", "[sim][epidemic]") {
  const Graph g = watts_strogatz(400, 6, 0.1, 2);
  // Largest eigenvalue of the adjacency matrix by power iteration.
  std::vector<double> v(g.num_nodes(), 1.0), w(g.num_nodes());
  double lambda = 0.0;
  for (int k = 0; k < 500; ++k) {
    for (NodeId i = 0; i < g.num_nodes(); ++i) {
      w[i] = 0.0;
      for (const NodeId j : g.neighbours(i)) w[i] += v[j];
    }
    lambda = std::sqrt(std::inner_product(w.begin(), w.end(), w.begin(), 0.0));
    for (NodeId i = 0; i < g.num_nodes(); ++i) v[i] = w[i] / lambda;
  }
  const double gamma = 0.2;
  for (std::uint64_t replicate = 0; replicate < 5; ++replicate) {
    DiscreteEpidemic below(g, sir(0.5 / lambda * gamma, gamma, EpidemicKind::sis));
    DiscreteEpidemic above(g, sir(std::min(1.0, 3.0 / lambda * gamma), gamma, EpidemicKind::sis));
    below.reset(std::vector<double>(g.num_nodes(), 1.0));
    above.reset(std::vector<double>(g.num_nodes(), 1.0));
    for (std::uint64_t t = 0; t < 400; ++t) {
      below.step({t, 7, replicate, 1});
      above.step({t, 7, replicate, 1});
    }
    CHECK(observed(below, "I") == 0.0);
    CHECK(observed(above, "I") > 0.2);
  }
}

TEST_CASE("epidemic: per-arc transmission from the weights", "[sim][epidemic]") {
  EpidemicParams p = sir(1.0, 0.0, EpidemicKind::si);
  p.scale = EpidemicParams::Scale::weight;
  const Graph g = Graph::from_arcs(3, {{0, 1, 1.0f}, {0, 2, 1e-9f}});
  DiscreteEpidemic model(g, p);
  run_steps(model, seeded(3, {0}), 1);
  CHECK(compartments(model) == std::vector<int>{1, 1, 0});  // the weak tie almost never transmits
}

TEST_CASE("epidemic: initial states and parameters are checked", "[sim][epidemic]") {
  DiscreteEpidemic sis(path_graph(3), sir(0.5, 0.5, EpidemicKind::sis));
  CHECK_THROWS_WITH(sis.reset(std::vector<double>{0, 2, 0}), Contains("node 1 is 2; the states are 0 (S), 1 (I)"));
  CHECK_THROWS_WITH(DiscreteEpidemic(path_graph(3), sir(1.5, 0.1)), "transmission = 1.5 is outside [0, 1]");
  CHECK_THROWS_AS(DiscreteEpidemic(path_graph(3), sir(0.5, -0.1)), contagion::ParameterError);
}

TEST_CASE("epidemic: bitwise the same for 1 and 2 threads", "[sim][epidemic][determinism]") {
  const Graph g = barabasi_albert(20000, 3, 4);
  DiscreteEpidemic a(g, sir(0.05, 0.1)), b(g, sir(0.05, 0.1));
  const auto x0 = seeded(20000, {0, 100, 5000});
  run_steps(a, x0, 40, 1, 9);
  run_steps(b, x0, 40, 2, 9);
  CHECK(compartments(a) == compartments(b));
  CHECK(observed(a, "coverage") > 0.05);  // it did spread
}

TEST_CASE("seeds: given nodes, a random fraction, the highest degrees, a block", "[sim][epidemic]") {
  const Graph g = stochastic_block_model({50, 50}, {{0.2, 0.01}, {0.01, 0.2}}, 3);
  NodeValuesSpec spec;
  spec.kind = NodeValuesSpec::Kind::seeds;
  const contagion::StreamKey key{5, contagion::StreamPurpose::initial_state, 0, 0, 0};
  spec.seeds = NodeValuesSpec::Seeds::fraction;
  spec.fraction = 0.1;
  const auto random = seed_nodes(spec, g, key);
  CHECK(random.size() == 10);
  CHECK(std::set<NodeId>(random.begin(), random.end()).size() == 10);
  CHECK(seed_nodes(spec, g, key) == random);  // from the stream, not the clock
  spec.seeds = NodeValuesSpec::Seeds::top_degree;
  spec.top_degree = 3;
  const auto hubs = seed_nodes(spec, g, key);
  for (NodeId v = 0; v < 100; ++v)
    if (std::find(hubs.begin(), hubs.end(), v) == hubs.end()) CHECK(g.degree(v) <= g.degree(hubs.back()));
  spec.seeds = NodeValuesSpec::Seeds::block;
  spec.block = 1;
  const auto block = make_node_values(spec, g, 1, key);
  CHECK(std::accumulate(block.begin(), block.end(), 0.0) == 50);
  CHECK(block[49] == 0.0);
  CHECK(block[50] == 1.0);
}

TEST_CASE("independent cascade (SIR with recovery 1): exact expected spread on a path and a star",
          "[sim][epidemic][cascade]") {
  // Kempe et al.: seed at one end of a path of n nodes: E|A| = (1 - p^n) / (1 - p);
  // seed at the centre of a star: 1 + (n - 1) p. 4000 cascades each, 5 standard errors.
  const double p = 0.6;
  const NodeId n = 8;
  auto mean_spread = [&](const Graph& g, NodeId seed, double* variance) {
    double sum = 0.0, sum2 = 0.0;
    const int runs = 4000;
    for (int r = 0; r < runs; ++r) {
      DiscreteEpidemic cascade(g, sir(p, 1.0));
      cascade.reset(seeded(n, {seed}));
      for (std::uint64_t t = 0; t < n + 1; ++t) cascade.step({t, 3, static_cast<std::uint64_t>(r), 1});
      const double size = observed(cascade, "coverage") * n;
      sum += size;
      sum2 += size * size;
    }
    *variance = (sum2 - sum * sum / runs) / (runs - 1) / runs;
    return sum / runs;
  };
  double var = 0.0;
  const double path = mean_spread(path_graph(n), 0, &var);
  CHECK(std::abs(path - (1 - std::pow(p, n)) / (1 - p)) < 5 * std::sqrt(var));
  const double star = mean_spread(star_graph(n), 0, &var);
  CHECK(std::abs(star - (1 + (n - 1) * p)) < 5 * std::sqrt(var));
}

TEST_CASE("weak-tie diffusion: kappa > 0 crosses a weak bridge sooner and covers more", "[sim][epidemic][weak]") {
  // Two cliques of 12 joined by one bridge of weight 0.05 (clique ties 1); SI seeded at node 0 of
  // the first clique; p0 = 0.1. kappa = +1 makes the bridge about 20 times likelier to transmit
  // than its strength suggests, kappa = -1 about 20 times less; the clique ties stay near p0.
  // Over 200 replicates, the mean time to 90 % coverage (which needs the crossing) is shorter
  // and the mean coverage after 8 steps larger with kappa = +1.
  const Graph g = two_cliques_bridge(12, 0.05f);
  auto run = [&](double kappa, double* coverage_at_8) {
    double total_time = 0.0, total_coverage = 0.0;
    const int runs = 200;
    for (int r = 0; r < runs; ++r) {
      EpidemicParams p = sir(0.1, 0.0, EpidemicKind::si);
      p.scale = EpidemicParams::Scale::weak_ties;
      p.kappa = kappa;
      DiscreteEpidemic model(g, p);
      model.reset(seeded(24, {0}));
      double reached = 200.0;
      for (std::uint64_t t = 0; t < 200; ++t) {
        model.step({t, 12, static_cast<std::uint64_t>(r), 1});
        const double coverage = observed(model, "coverage");
        if (t + 1 == 8) total_coverage += coverage;
        if (coverage >= 0.9 && reached == 200.0) reached = static_cast<double>(t + 1);
        if (t + 1 >= 8 && reached < 200.0) break;
      }
      total_time += reached;
    }
    *coverage_at_8 = total_coverage / runs;
    return total_time / runs;
  };
  double weak_coverage = 0.0, strong_coverage = 0.0;
  const double weak_time = run(1.0, &weak_coverage), strong_time = run(-1.0, &strong_coverage);
  CHECK(weak_time < 0.5 * strong_time);
  CHECK(weak_coverage > strong_coverage + 0.1);
}

TEST_CASE("SIR final size on a configuration-model graph matches Newman's formula", "[sim][epidemic][newman]") {
  // Recovery 1 makes the infectious period exactly one step, so every edge transmits
  // independently with T = beta and the final size is Newman's (PRE 66, 016128):
  // R = 1 - G0(u), u = 1 - T + T G1(u). For a 4-regular graph G0(x) = x^4, G1(x) = x^3.
  const NodeId n = 20000;
  const Graph g = configuration_model(std::vector<std::uint32_t>(n, 4), 3);
  for (const double T : {0.45, 0.6}) {  // the threshold is T_c = <k> / (<k^2> - <k>) = 1/3
    double u = 0.0;
    for (int k = 0; k < 10000; ++k) u = 1 - T + T * u * u * u;
    const double expected = 1 - std::pow(u, 4);
    for (std::uint64_t replicate = 0; replicate < 3; ++replicate) {
      DiscreteEpidemic model(g, sir(T, 1.0));
      model.reset(seeded(n, {1, 5000, 9000, 13000, 17000}));
      for (std::uint64_t t = 0; t < 1000 && observed(model, "I") > 0.0; ++t) model.step({t, 21, replicate, 2});
      INFO("T = " << T << ", replicate " << replicate);
      CHECK(observed(model, "R") == Approx(expected).margin(0.02));
    }
  }
}

TEST_CASE("community penetration: blocks reached and the time each is first reached", "[sim][epidemic]") {
  // Two cliques of 5 joined by the bridge 4 - 5; SI with beta = 1 from node 0: the first clique
  // (block 0) is reached at once, the second (block 1) when the bridge fires at step 2.
  DiscreteEpidemic model(two_cliques_bridge(5), sir(1.0, 0.0, EpidemicKind::si));
  EngineSettings s;
  s.max_steps = 5;
  s.tolerance = 0.0;
  const EngineResult r = run_model(model, seeded(10, {0}), s);
  const auto results = spread_results(r.time, r.metrics, {1.0});
  auto value = [&](const std::string& name) { return std::get<double>(*contagion::find_parameter(results, name)); };
  CHECK(value("t_reached_block_0") == 0.0);
  CHECK(value("t_reached_block_1") == 2.0);
  CHECK(value("t_coverage_1") == 3.0);  // the rest of the second clique one step later
  CHECK(observed(model, "blocks_reached") == 1.0);
}
