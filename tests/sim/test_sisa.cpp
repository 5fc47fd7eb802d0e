// SISa with several emotional states (MODELS.md §A5.2): the discrete and continuous-time
// versions against their exact Markov chains on two nodes, the binary case against the
// discrete epidemic model, and the mean-field equilibrium on a large random regular graph.

#include <catch2/catch.hpp>

#include <Eigen/Dense>
#include <array>
#include <cmath>

#include "contagion/core/error.hpp"
#include "contagion/sim/engine.hpp"
#include "contagion/sim/epidemic.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/sisa.hpp"

using namespace contagion::sim;
using Catch::Matchers::Contains;

namespace {

SisaParams two_emotions(bool continuous) {
  SisaParams p;
  p.continuous = continuous;
  p.states = {{"content", 0.10, 0.40, 0.30}, {"discontent", 0.05, 0.60, 0.20}};
  return p;
}

/// Per-node transition probabilities of the discrete rule when the only neighbour is in
/// state `other`: row = own state now, column = own state next.
Eigen::Matrix3d discrete_node_chain(const SisaParams& p, int other) {
  Eigen::Matrix3d m = Eigen::Matrix3d::Zero();
  for (int k = 1; k <= 2; ++k) {
    m(k, 0) = p.states[k - 1].recovery;
    m(k, k) = 1.0 - p.states[k - 1].recovery;
  }
  std::array<double, 2> q{}, h{};
  for (int k = 0; k < 2; ++k) {
    q[k] = (1.0 - p.states[k].spontaneous) * (other == k + 1 ? 1.0 - p.states[k].contagion : 1.0);
    h[k] = -std::log(q[k]);
  }
  const double move = 1.0 - q[0] * q[1];
  m(0, 0) = 1.0 - move;
  for (int k = 0; k < 2; ++k) m(0, k + 1) = move * h[k] / (h[0] + h[1]);
  return m;
}

/// Stationary distribution of the pair (s0, s1), index 3 s0 + s1, of the discrete chain.
Eigen::VectorXd discrete_pair_stationary(const SisaParams& p) {
  Eigen::MatrixXd t = Eigen::MatrixXd::Zero(9, 9);
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) {
      const Eigen::Matrix3d ma = discrete_node_chain(p, b), mb = discrete_node_chain(p, a);
      for (int a2 = 0; a2 < 3; ++a2)
        for (int b2 = 0; b2 < 3; ++b2) t(3 * a + b, 3 * a2 + b2) = ma(a, a2) * mb(b, b2);
    }
  Eigen::VectorXd pi = Eigen::VectorXd::Constant(9, 1.0 / 9);
  for (int k = 0; k < 5000; ++k) pi = t.transpose() * pi;
  return pi / pi.sum();
}

/// Stationary distribution of the pair's continuous-time chain: pi Q = 0, sum pi = 1.
Eigen::VectorXd continuous_pair_stationary(const SisaParams& p) {
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(9, 9);
  auto node_rate = [&](int own, int other, int to) {
    if (own != 0) return to == 0 ? p.states[own - 1].recovery : 0.0;
    if (to == 0) return 0.0;
    return p.states[to - 1].spontaneous + (other == to ? p.states[to - 1].contagion : 0.0);
  };
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b)
      for (int to = 0; to < 3; ++to) {
        if (to != a) q(3 * a + b, 3 * to + b) += node_rate(a, b, to);
        if (to != b) q(3 * a + b, 3 * a + to) += node_rate(b, a, to);
      }
  for (int s = 0; s < 9; ++s) q(s, s) = -q.row(s).sum();
  Eigen::MatrixXd system = q.transpose();
  system.row(8).setOnes();
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(9);
  rhs(8) = 1.0;
  return system.fullPivLu().solve(rhs);
}

/// Fraction of samples in each pair state, sampling after every step.
Eigen::VectorXd sampled_pair_distribution(Sisa& model, int samples) {
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(9);
  model.reset(std::vector<double>{0.0, 0.0});
  for (int t = 0; t < samples; ++t) {
    model.step({static_cast<std::uint64_t>(t), 99, 0, 1});
    counts(3 * model.states()[0] + model.states()[1]) += 1.0;
  }
  return counts / samples;
}

double observed(const Sisa& model, const std::string& name) {
  for (const auto& o : model.observations())
    if (o.name == name) return o.value;
  FAIL("no observation " << name);
  return 0.0;
}

}  // namespace

TEST_CASE("SISa discrete: the pair distribution of two nodes matches the exact Markov chain", "[sim][sisa]") {
  const SisaParams p = two_emotions(false);
  Sisa model(path_graph(2), p);
  const Eigen::VectorXd expected = discrete_pair_stationary(p);
  const Eigen::VectorXd seen = sampled_pair_distribution(model, 200000);
  for (int s = 0; s < 9; ++s) {
    INFO("pair state " << s << ": expected " << expected(s) << ", seen " << seen(s));
    CHECK(std::abs(seen(s) - expected(s)) < 0.006);
  }
}

TEST_CASE("SISa continuous: the pair distribution of two nodes matches the master equation", "[sim][sisa]") {
  SisaParams p = two_emotions(true);
  p.window = 2.0;  // samples 2 time units apart: nearly independent at these rates
  Sisa model(path_graph(2), p);
  const Eigen::VectorXd expected = continuous_pair_stationary(p);
  const Eigen::VectorXd seen = sampled_pair_distribution(model, 100000);
  for (int s = 0; s < 9; ++s) {
    INFO("pair state " << s << ": expected " << expected(s) << ", seen " << seen(s));
    CHECK(std::abs(seen(s) - expected(s)) < 0.006);
  }
}

TEST_CASE("SISa discrete with one state is the discrete SISa of the epidemic model, step for step", "[sim][sisa]") {
  const Graph g = barabasi_albert(2000, 3, 4);
  SisaParams p;
  p.continuous = false;
  p.states = {{"affected", 0.01, 0.08, 0.2}};
  EpidemicParams e;
  e.kind = EpidemicKind::sis;
  e.transmission = 0.08;
  e.recovery = 0.2;
  e.spontaneous = 0.01;
  Sisa sisa(g, p);
  DiscreteEpidemic epidemic(g, e);
  std::vector<double> x0(2000, 0.0);
  for (std::size_t i = 0; i < x0.size(); i += 50) x0[i] = 1.0;
  sisa.reset(x0);
  epidemic.reset(x0);
  for (std::uint64_t t = 0; t < 60; ++t) {
    sisa.step({t, 8, 0, 1});
    epidemic.step({t, 8, 0, 1});
    REQUIRE(std::equal(sisa.states().begin(), sisa.states().end(), epidemic.compartments().begin()));
  }
  CHECK(observed(sisa, "affected") > 0.1);
}

TEST_CASE("SISa continuous on a random regular graph: the mean-field equilibrium", "[sim][sisa][meanfield]") {
  // MODELS.md §A5.2: a = 0.02, b = 0.005, g = 0.04 with k = 4 contacts gives
  // i* = sqrt(2) - 1 = 0.41421. Mean field ignores neighbour correlations, which matter little
  // here because spontaneous acquisition (a = 0.02) outweighs contagion (b k = 0.02 at most);
  // we accept 0.02 (the network value is a little lower).
  std::vector<std::uint32_t> degrees(20000, 4);
  const Graph g = configuration_model(degrees, 3);
  SisaParams p;
  p.states = {{"obese", 0.02, 0.005, 0.04}};
  p.window = 10.0;
  Sisa model(g, p);
  model.reset(std::vector<double>(20000, 0.0));
  double sum = 0.0;
  int samples = 0;
  for (std::uint64_t t = 0; t < 60; ++t) {  // t = 0 .. 600; relaxation time ~ 1 / 0.06
    model.step({t, 21, 0, 1});
    if (t >= 20) {
      sum += observed(model, "obese");
      ++samples;
    }
  }
  const double equilibrium = sum / samples;
  INFO("time-averaged prevalence " << equilibrium);
  CHECK(std::abs(equilibrium - (std::sqrt(2.0) - 1.0)) < 0.02);
}

TEST_CASE("SISa continuous, content and discontent: the two-state mean-field equilibrium", "[sim][sisa][meanfield]") {
  // dc/dt = (a_c + b_c k c) n - g_c c, dd/dt = (a_d + b_d k d) n - g_d d, n = 1 - c - d
  // (Hill et al.'s rates per year: contagion 0.02 and 0.04 per contact, durations 10 and 5
  // years); k = 10 contacts.
  const int k = 10;
  std::vector<std::uint32_t> degrees(20000, k);
  const Graph g = configuration_model(degrees, 5);
  SisaParams p;
  p.states = {{"content", 0.02, 0.02, 0.1}, {"discontent", 0.02, 0.04, 0.2}};
  p.window = 5.0;
  double c = 0.0, d = 0.0;  // the mean-field equilibrium by integrating the ODE
  for (int s = 0; s < 400000; ++s) {
    const double n = 1.0 - c - d, h = 0.01;
    const double dc = (0.02 + 0.02 * k * c) * n - 0.1 * c, dd = (0.02 + 0.04 * k * d) * n - 0.2 * d;
    c += h * dc;
    d += h * dd;
  }
  Sisa model(g, p);
  model.reset(std::vector<double>(20000, 0.0));
  double content = 0.0, discontent = 0.0;
  int samples = 0;
  for (std::uint64_t t = 0; t < 80; ++t) {  // to t = 400
    model.step({t, 22, 0, 1});
    if (t >= 40) {
      content += observed(model, "content");
      discontent += observed(model, "discontent");
      ++samples;
    }
  }
  INFO("mean field c = " << c << ", d = " << d << "; simulated " << content / samples << ", " << discontent / samples);
  CHECK(std::abs(content / samples - c) < 0.03);
  CHECK(std::abs(discontent / samples - d) < 0.03);
}

TEST_CASE("SISa: nothing moves without spontaneous acquisition or contagion, and recovery 1 empties a state",
          "[sim][sisa]") {
  for (const bool continuous : {false, true}) {
    SisaParams p;
    p.continuous = continuous;
    p.states = {{"content", 0.0, 0.0, 0.0}, {"discontent", 0.0, 0.0, 0.0}};
    Sisa still(ring_graph(10, 2), p);
    std::vector<double> x0{1, 2, 0, 0, 1, 0, 2, 0, 0, 0};
    still.reset(x0);
    CHECK(still.step({0, 1, 0, 1}) == 0.0);  // absorbed
    CHECK(std::equal(x0.begin(), x0.end(), still.state().begin()));
    CHECK(observed(still, "coverage") == Approx(0.4));
    CHECK(observed(still, "content_coverage") == Approx(0.2));
  }
  SisaParams p;
  p.continuous = false;
  p.states = {{"content", 0.0, 0.0, 1.0}};
  Sisa recover(star_graph(5), p);
  recover.reset(std::vector<double>{1, 1, 1, 1, 1});
  recover.step({0, 1, 0, 1});
  CHECK(observed(recover, "neutral") == 1.0);
  CHECK(observed(recover, "coverage") == 1.0);  // ever affected stays
}

TEST_CASE("SISa discrete with contagion 1: a neighbour in a state makes it certain", "[sim][sisa]") {
  SisaParams p;
  p.continuous = false;
  p.states = {{"content", 0.0, 1.0, 0.0}, {"discontent", 0.0, 0.0, 0.0}};
  Sisa model(path_graph(4), p);
  model.reset(std::vector<double>{1, 0, 0, 2});
  model.step({0, 1, 0, 1});
  CHECK(model.states()[1] == 1);  // content spreads with certainty
  CHECK(model.states()[2] == 0);  // discontent has no contagion
  model.step({1, 1, 0, 1});
  CHECK(model.states()[2] == 1);
}

TEST_CASE("SISa: bitwise the same for 1 and 2 threads and for any window", "[sim][sisa][determinism]") {
  const Graph g = watts_strogatz(3000, 6, 0.1, 2);
  std::vector<double> x0(3000, 0.0);
  for (std::size_t i = 0; i < x0.size(); i += 30) x0[i] = 1.0 + static_cast<double>(i % 2);
  Sisa one(g, two_emotions(false)), two(g, two_emotions(false));
  one.reset(x0);
  two.reset(x0);
  for (std::uint64_t t = 0; t < 30; ++t) {
    one.step({t, 3, 1, 1});
    two.step({t, 3, 1, 2});
  }
  CHECK(std::equal(one.states().begin(), one.states().end(), two.states().begin()));
  SisaParams fine_p = two_emotions(true), coarse_p = two_emotions(true);
  fine_p.window = 0.1;
  coarse_p.window = 2.5;
  Sisa fine(g, fine_p), coarse(g, coarse_p);
  fine.reset(x0);
  coarse.reset(x0);
  for (std::uint64_t t = 0; t < 100; ++t) fine.step({t, 4, 0, 1});  // to time 10
  for (std::uint64_t t = 0; t < 4; ++t) coarse.step({t, 4, 0, 2});  // to time 10
  CHECK(std::equal(fine.states().begin(), fine.states().end(), coarse.states().begin()));
  CHECK(observed(fine, "coverage") > 0.2);
}

TEST_CASE("SISa: parameters, names and initial states are checked", "[sim][sisa]") {
  const Graph g = ring_graph(6, 2);
  SisaParams p = two_emotions(false);
  p.states[1].contagion = 1.5;  // a probability in discrete time
  CHECK_THROWS_WITH(Sisa(g, p), Contains("discontent.contagion") && Contains("[0, 1]"));
  p.continuous = true;  // a rate in continuous time
  CHECK_NOTHROW(Sisa(g, p));
  p.states[1].name = "neutral";
  CHECK_THROWS_WITH(Sisa(g, p), Contains("neutral"));
  p.states[1].name = "content";
  CHECK_THROWS_WITH(Sisa(g, p), Contains("twice"));
  p.states[1].name = "dis/content";
  CHECK_THROWS_WITH(Sisa(g, p), Contains("letters"));
  p.states.clear();
  CHECK_THROWS_WITH(Sisa(g, p), Contains("1 to 16"));
  Sisa model(g, two_emotions(true));
  CHECK_THROWS_WITH(model.reset(std::vector<double>{0, 1, 2, 3, 0, 0}), Contains("node 3") && Contains("discontent"));
  CHECK_THROWS_WITH(model.reset(std::vector<double>{0, 0.5, 0, 0, 0, 0}), Contains("node 1"));
}
