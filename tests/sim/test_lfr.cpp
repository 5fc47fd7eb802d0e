#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "contagion/core/error.hpp"
#include "contagion/sim/lfr.hpp"

using namespace contagion::sim;
using contagion::ParameterError;

namespace {

LfrParams params(double mu) {
  LfrParams p;
  p.n = 2000;
  p.average_degree = 20.0;
  p.max_degree = 50;
  p.tau1 = 2.0;
  p.tau2 = 1.0;
  p.min_community = 20;
  p.max_community = 100;
  p.mu = mu;
  return p;
}

/// Edges between communities / all edges, counted on the graph.
double mixing(const Graph& g) {
  const auto& block = g.attribute("block");
  double between = 0.0;
  for (NodeId i = 0; i < g.num_nodes(); ++i)
    for (const NodeId j : g.neighbours(i)) between += block[i] != block[j];
  return between / static_cast<double>(g.num_arcs());
}

bool same_graph(const Graph& a, const Graph& b) {
  return std::ranges::equal(a.offsets(), b.offsets()) && std::ranges::equal(a.targets(), b.targets()) &&
         a.attribute("block") == b.attribute("block");
}

}  // namespace

TEST_CASE("LFR: achieved mixing, mean degree and community sizes", "[sim][generators][lfr]") {
  for (const double mu : {0.1, 0.3, 0.5}) {
    LfrReport report;
    const LfrParams p = params(mu);
    const Graph g = lfr_benchmark(p, 42, &report);
    CAPTURE(mu, report.achieved_mu, report.stubs_dropped, report.internal_capped);
    REQUIRE(g.num_nodes() == 2000);
    CHECK_FALSE(g.directed());
    CHECK(std::abs(report.achieved_mu - mu) < 0.05);
    CHECK(mixing(g) == Approx(report.achieved_mu).margin(1e-12));
    const double mean_degree = static_cast<double>(g.num_arcs()) / g.num_nodes();
    CHECK(std::abs(mean_degree - p.average_degree) < 0.1 * p.average_degree);
    for (NodeId v = 0; v < g.num_nodes(); ++v) CHECK(g.degree(v) <= p.max_degree);
    std::map<double, NodeId> size;
    for (const double b : g.attribute("block")) ++size[b];
    CHECK(size.size() == report.communities);
    for (const auto& [label, s] : size) {
      CHECK(s >= p.min_community);
      CHECK(s <= p.max_community);
    }
    CHECK(report.stubs_dropped < 0.01 * g.num_arcs());
    CHECK_THAT(g.provenance().parameters, Catch::Matchers::Contains("achieved_mu="));
  }
}

TEST_CASE("LFR at mu = 0 has no edge between communities, at mu = 1 none inside", "[sim][generators][lfr]") {
  LfrReport report;
  const Graph inside = lfr_benchmark(params(0.0), 7, &report);
  CHECK(report.achieved_mu == 0.0);
  CHECK(mixing(inside) == 0.0);
  const Graph between = lfr_benchmark(params(1.0), 7, &report);
  CHECK(report.achieved_mu == 1.0);
  CHECK(mixing(between) == 1.0);
  CHECK(between.num_edges() > 0);
}

TEST_CASE("LFR is deterministic for a seed", "[sim][generators][lfr][determinism]") {
  const LfrParams p = params(0.3);
  CHECK(same_graph(lfr_benchmark(p, 9), lfr_benchmark(p, 9)));
  CHECK_FALSE(same_graph(lfr_benchmark(p, 9), lfr_benchmark(p, 10)));
}

TEST_CASE("LFR degrees follow the power law's mean for other exponents", "[sim][generators][lfr]") {
  LfrParams p = params(0.2);
  p.n = 5000;
  p.tau1 = 3.0;
  p.tau2 = 2.0;
  p.average_degree = 8.0;
  p.max_degree = 40;
  p.min_community = 10;
  p.max_community = 200;
  LfrReport report;
  const Graph g = lfr_benchmark(p, 1, &report);
  CHECK(std::abs(static_cast<double>(g.num_arcs()) / g.num_nodes() - 8.0) < 0.8);
  CHECK(std::abs(report.achieved_mu - 0.2) < 0.05);
}

TEST_CASE("LFR parameters are checked, naming the parameter", "[sim][generators][lfr]") {
  const auto error = [](auto change) {
    LfrParams p = params(0.3);
    change(p);
    try {
      lfr_benchmark(p, 1);
    } catch (const ParameterError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error([](LfrParams& p) { p.mu = 1.5; }), Catch::Matchers::StartsWith("mu = 1.5"));
  CHECK_THAT(error([](LfrParams& p) { p.max_degree = 2000; }), Catch::Matchers::StartsWith("max_degree = 2000"));
  CHECK_THAT(error([](LfrParams& p) { p.average_degree = 60; }), Catch::Matchers::StartsWith("average_degree = 60"));
  // The mean of d^-2 on [1, 50] is about 2.8: a mean degree of 2 cannot be had.
  CHECK_THAT(error([](LfrParams& p) { p.average_degree = 2; }), Catch::Matchers::StartsWith("average_degree = 2"));
  CHECK_THAT(error([](LfrParams& p) { p.min_community = 200; }), Catch::Matchers::StartsWith("max_community = 100"));
  // (1 - 0.3) * 50 = 35 internal edges need a community of 36.
  CHECK_THAT(error([](LfrParams& p) { p.max_community = 30; }), Catch::Matchers::StartsWith("max_community = 30"));
  CHECK_THAT(error([](LfrParams& p) { p.tau1 = -1; }), Catch::Matchers::StartsWith("tau1 = -1"));
  // Communities of exactly 30 cannot cover 2000 nodes.
  CHECK_THAT(error([](LfrParams& p) {
               p.min_community = 30;
               p.max_community = 30;
               p.max_degree = 30;
               p.average_degree = 10;
             }),
             Catch::Matchers::StartsWith("n = 2000"));
}
