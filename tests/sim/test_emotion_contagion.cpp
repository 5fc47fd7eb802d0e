// MODELS.md §A5.1 oracles for the Bosse et al. emotion-contagion model.

#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/emotion_contagion.hpp"
#include "contagion/sim/engine.hpp"
#include "contagion/sim/generators.hpp"
#include "helpers.hpp"

using namespace contagion::sim;
using namespace contagion::sim::test;
using Catch::Matchers::Contains;

namespace {
EmotionContagionParams params(double eta, double beta, double dt = 0.05) {
  EmotionContagionParams p;
  p.amplification = eta;
  p.bias = beta;
  p.dt = dt;
  return p;
}
std::vector<double> levels(std::size_t n, std::uint64_t seed) {
  return uniform_initial(n, seed);
}
/// A graph whose arc weights are in [0, 1] (channel strengths) and symmetric.
Graph channels(NodeId n, std::uint64_t seed) {
  const Graph g = erdos_renyi_gnp(n, 0.1, seed);
  std::vector<float> w(g.num_arcs());
  for (NodeId i = 0; i < n; ++i)
    for (EdgeId e = g.offsets()[i]; e < g.offsets()[i + 1]; ++e) {
      const NodeId j = g.targets()[e];
      w[e] = 0.2f + 0.6f * static_cast<float>(((std::min(i, j) * 31 + std::max(i, j) * 17) % 100) / 100.0);
    }
  return g.with_weights(std::move(w));
}
}  // namespace

TEST_CASE("emotion contagion: f(c,c) - c = eta (2 beta - 1) c (1 - c) for a uniform state", "[sim][emotion]") {
  const Graph g = complete_graph(6);
  for (const double eta : {0.0, 0.4, 1.0})
    for (const double beta : {0.0, 0.5, 0.8, 1.0})
      for (const double c : {0.0, 0.3, 1.0}) {
        EmotionContagion model(g, params(eta, beta));
        model.reset(std::vector<double>(6, c));
        model.step({0, 0, 0, 1});
        // gamma_A = 5 (five senders, all strengths 1): one step moves c by gamma dt (f - c).
        const double expected = c + 5.0 * 0.05 * eta * (2 * beta - 1) * c * (1 - c);
        for (const double q : model.state()) REQUIRE(q == Approx(expected).margin(1e-15));
      }
}

TEST_CASE("emotion contagion: eta = 1, beta = 1/2 is absorption at half speed", "[sim][emotion]") {
  const Graph g = channels(40, 1);
  EmotionContagion amplified(g, params(1.0, 0.5, 0.1)), absorbing(g, params(0.0, 0.5, 0.05));
  const auto q0 = levels(40, 1);
  run_steps(amplified, q0, 30);
  run_steps(absorbing, q0, 30);
  for (NodeId i = 0; i < 40; ++i) REQUIRE(amplified.state()[i] == Approx(absorbing.state()[i]).margin(1e-14));
}

TEST_CASE("emotion contagion: pure absorption with symmetric strengths conserves the mean", "[sim][emotion]") {
  EmotionContagion model(channels(60, 2), params(0.0, 0.5, 0.1));
  const auto q0 = levels(60, 2);
  const double mean = std::accumulate(q0.begin(), q0.end(), 0.0) / 60.0;
  model.reset(q0);
  for (int t = 0; t < 3000; ++t) {
    model.step({static_cast<std::uint64_t>(t), 0, 0, 1});
    REQUIRE(std::accumulate(model.state().begin(), model.state().end(), 0.0) / 60.0 == Approx(mean).epsilon(1e-12));
  }
  for (const double q : model.state()) CHECK(q == Approx(mean).epsilon(1e-9));  // Laplacian consensus
}

TEST_CASE("emotion contagion: an upward spiral rises to 1, a downward one falls to 0", "[sim][emotion]") {
  const Graph g = watts_strogatz(50, 4, 0.1, 3);
  for (const double beta : {1.0, 0.0}) {
    EmotionContagion model(g, params(1.0, beta, 0.1));
    model.reset(levels(50, 3));
    std::vector<double> previous(model.state().begin(), model.state().end());
    for (int t = 0; t < 2000; ++t) {
      model.step({static_cast<std::uint64_t>(t), 0, 0, 1});
      for (NodeId i = 0; i < 50; ++i)
        REQUIRE((beta == 1.0 ? model.state()[i] >= previous[i] : model.state()[i] <= previous[i]));
      previous.assign(model.state().begin(), model.state().end());
    }
    for (const double q : model.state()) CHECK(q == Approx(beta).margin(1e-6));
  }
}

TEST_CASE("emotion contagion: levels stay in [0, 1] when gamma dt <= 1", "[sim][emotion]") {
  const Graph g = channels(80, 4);
  std::vector<double> eps(80), delta(80), eta(80), beta(80);
  for (NodeId i = 0; i < 80; ++i) {
    eps[i] = ((i * 13) % 10) / 10.0;
    delta[i] = ((i * 7) % 11) / 10.0;
    eta[i] = ((i * 3) % 5) / 4.0;
    beta[i] = ((i * 11) % 7) / 6.0;
  }
  EmotionContagionParams p;
  p.expressiveness = NodeParameter(eps);
  p.openness = NodeParameter(delta);
  p.amplification = NodeParameter(eta);
  p.bias = NodeParameter(beta);
  p.dt = 1e-9;
  const EmotionContagion probe(g, p);
  const double max_gamma = *std::max_element(probe.total_strength().begin(), probe.total_strength().end());
  p.dt = 1.0 / max_gamma;  // the largest allowed step
  EmotionContagion model(g, p);
  model.reset(levels(80, 4));
  for (int t = 0; t < 500; ++t) {
    model.step({static_cast<std::uint64_t>(t), 0, 0, 1});
    for (const double q : model.state()) REQUIRE((q >= 0.0 && q <= 1.0));
  }
  p.dt = 1.01 / max_gamma;
  CHECK_THROWS_WITH(EmotionContagion(g, p), Contains("gamma * dt at node") && Contains("use a smaller dt"));
}

TEST_CASE("emotion contagion: parameters and levels are checked", "[sim][emotion]") {
  const Graph g = path_graph(3);
  EmotionContagionParams p = params(0.5, 0.5);
  p.openness = 1.5;
  CHECK_THROWS_WITH(EmotionContagion(g, p), "openness = 1.5 is outside [0, 1]");
  p = params(0.5, 0.5);
  CHECK_THROWS_WITH(EmotionContagion(g.with_weights({2.0f, 1.0f, 1.0f, 1.0f}), p),
                    Contains("channel strength of arc 0 -> 1 (weight) = 2 is outside [0, 1]"));
  EmotionContagion model(g, p);
  CHECK_THROWS_WITH(model.reset(std::vector<double>{0.2, 1.2, 0.3}), Contains("node 1 is 1.2"));
}

TEST_CASE("emotion contagion: nobody reached keeps their level, and time advances by dt", "[sim][emotion]") {
  EmotionContagion model(Graph::from_arcs(3, {{0, 1}}), params(0.0, 0.5, 0.25));
  EngineSettings s;
  s.max_steps = 4;
  s.tolerance = -1.0;
  const EngineResult r = run_model(model, std::vector<double>{0.0, 1.0, 0.7}, s);
  CHECK(r.final_state[2] == 0.7);
  CHECK(r.time == std::vector<double>{0.0, 0.25, 0.5, 0.75, 1.0});
}

TEST_CASE("emotion contagion is bitwise identical for 1 and 2 threads", "[sim][emotion][determinism]") {
  const Graph g = barabasi_albert(20000, 3, 5).with_weights(std::vector<float>(2 * 3 * (20000 - 3), 0.5f));
  EmotionContagion a(g, params(0.7, 0.8, 1e-3)), b(g, params(0.7, 0.8, 1e-3));  // hubs: gamma ~ 300
  const auto q0 = levels(20000, 5);
  run_steps(a, q0, 20, 1);
  run_steps(b, q0, 20, 2);
  CHECK(std::equal(a.state().begin(), a.state().end(), b.state().begin()));
}
