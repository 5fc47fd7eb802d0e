#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/influence.hpp"
#include "helpers.hpp"

using namespace contagion::sim;
using Catch::Matchers::Contains;
using contagion::sim::test::dense;

namespace {
InfluenceMatrix make(const Graph& g, InfluenceScheme scheme, double alpha = 0.5, double self = 0.0, bool tie = false) {
  InfluenceSpec spec;
  spec.scheme = scheme;
  spec.alpha = alpha;
  spec.self_weight = self;
  spec.use_tie_strength = tie;
  return InfluenceMatrix(g, spec);
}
}  // namespace

TEST_CASE("every scheme gives row-stochastic matrices with the documented entries", "[sim][influence]") {
  const Graph g = barabasi_albert(200, 2, 1);
  for (auto scheme : {InfluenceScheme::french, InfluenceScheme::random_walk, InfluenceScheme::lazy,
                      InfluenceScheme::metropolis, InfluenceScheme::weighted}) {
    const Eigen::MatrixXd w = dense(make(g, scheme));
    CHECK((w.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-12);
    CHECK(w.minCoeff() >= 0.0);
  }
  const auto french = make(g, InfluenceScheme::french);
  CHECK(french.self_weights()[0] == Approx(1.0 / (g.degree(0) + 1)));
  const auto lazy = make(g, InfluenceScheme::lazy, 0.3);
  CHECK(lazy.self_weights()[5] == 0.3);
  CHECK(lazy.arc_weights()[g.offsets()[5]] == Approx(0.7 / g.degree(5)));
}

TEST_CASE("Metropolis weights are doubly stochastic and symmetric", "[sim][influence]") {
  const Eigen::MatrixXd w = dense(make(barabasi_albert(300, 3, 2), InfluenceScheme::metropolis));
  CHECK((w.colwise().sum().array() - 1.0).abs().maxCoeff() < 1e-12);
  CHECK((w - w.transpose()).cwiseAbs().maxCoeff() < 1e-15);
  BuildOptions o;
  o.directed = true;
  CHECK_THROWS_WITH(make(Graph::from_arcs(3, {{0, 1}}, o), InfluenceScheme::metropolis), Contains("undirected"));
}

TEST_CASE("random-walk rows of isolated nodes keep their own opinion", "[sim][influence]") {
  const auto w = make(Graph::from_arcs(3, {{0, 1}}), InfluenceScheme::random_walk);
  CHECK(w.self_weights()[2] == 1.0);
  CHECK(w.self_weights()[0] == 0.0);
}

TEST_CASE("weighted influence is proportional to tie strength", "[sim][influence]") {
  const Graph g = Graph::from_arcs(3, {{0, 1, 1.0f}, {0, 2, 3.0f}});
  const auto w = make(g, InfluenceScheme::weighted, 0.5, 0.2, false);
  CHECK(w.self_weights()[0] == 0.2);
  CHECK(w.arc_weights()[*g.find_arc(0, 1)] == Approx(0.8 * 0.25));
  CHECK(w.arc_weights()[*g.find_arc(0, 2)] == Approx(0.8 * 0.75));
  const Graph tied = g.with_tie_strengths({1.0f, 1.0f, 1.0f, 1.0f});
  CHECK(make(tied, InfluenceScheme::weighted, 0.5, 0.2, true).arc_weights()[*g.find_arc(0, 1)] == Approx(0.4));
}

TEST_CASE("given weights must not exceed 1 per row, and the self-weight is the rest", "[sim][influence]") {
  BuildOptions o;
  o.directed = true;
  const Graph ok = Graph::from_arcs(3, {{0, 1, 0.25f}, {0, 2, 0.5f}, {1, 2, 1.0f}}, o);
  const auto w = make(ok, InfluenceScheme::given);
  CHECK(w.self_weights()[0] == Approx(0.25));
  CHECK(w.self_weights()[1] == 0.0);
  CHECK(w.self_weights()[2] == 1.0);
  const Graph bad = Graph::from_arcs(3, {{0, 1, 0.25f}, {1, 0, 0.75f}, {1, 2, 0.5f}}, o);
  CHECK_THROWS_WITH(make(bad, InfluenceScheme::given), Contains("row 1 of the influence matrix is not stochastic"));
}

TEST_CASE("explicit matrices are validated", "[sim][influence]") {
  const Graph g = path_graph(2);
  CHECK_THROWS_WITH(InfluenceMatrix(g, {0.5, 0.5}, {0.5, 0.6}), Contains("row 1 of the influence matrix sums to 1.1"));
  CHECK_THROWS_WITH(InfluenceMatrix(g, {1.5, 0.5}, {-0.5, 0.5}), Contains("negative"));
  CHECK_THROWS_WITH(InfluenceMatrix(g, {1.0}, {0.0, 0.0}), Contains("do not match"));
  CHECK_THROWS_AS(make(g, InfluenceScheme::lazy, 1.0), contagion::ParameterError);
}

TEST_CASE("the sparse product agrees with the dense one, for topics and threads", "[sim][influence]") {
  const Graph g = erdos_renyi_gnp(400, 0.02, 3);
  const auto w = make(g, InfluenceScheme::french);
  const Eigen::MatrixXd d = dense(w);
  const std::size_t topics = 3;
  std::vector<double> x(400 * topics);
  for (std::size_t k = 0; k < x.size(); ++k) x[k] = std::sin(static_cast<double>(k));
  std::vector<double> y1(x.size()), y2(x.size());
  w.multiply(x, y1, topics, 1);
  w.multiply(x, y2, topics, 2);
  CHECK(y1 == y2);  // bitwise: each row is summed by one thread in a fixed order
  Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> X(x.data(), 400, topics);
  const Eigen::MatrixXd expected = d * X;
  for (std::size_t i = 0; i < 400; ++i)
    for (std::size_t c = 0; c < topics; ++c) REQUIRE(y1[i * topics + c] == Approx(expected(i, c)).margin(1e-14));
}
