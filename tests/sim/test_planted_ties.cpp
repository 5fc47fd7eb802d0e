#include <catch2/catch.hpp>

#include <cmath>

#include "contagion/core/error.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/tie_strength.hpp"

using namespace contagion::sim;
using contagion::ParameterError;

namespace {

const std::vector<NodeId> kSizes = {100, 150, 200};

Graph sbm(std::uint64_t seed) {
  std::vector<std::vector<double>> p(3, std::vector<double>(3, 0.01));
  for (std::size_t a = 0; a < 3; ++a) p[a][a] = 0.1;
  return stochastic_block_model(kSizes, p, seed);
}

}  // namespace

TEST_CASE("SBM plants its blocks, with binomial densities inside and between", "[sim][tie][generators]") {
  const Graph g = sbm(5);
  const auto& block = g.attribute("block");
  std::vector<std::uint64_t> size(3, 0);
  for (const double b : block) ++size[static_cast<std::size_t>(b)];
  CHECK(size == std::vector<std::uint64_t>{100, 150, 200});
  // Edge counts per block pair against Binomial(pairs, p), 5 standard deviations.
  std::vector<std::vector<double>> count(3, std::vector<double>(3, 0.0));
  for (NodeId i = 0; i < g.num_nodes(); ++i)
    for (const NodeId j : g.neighbours(i))
      if (i < j) count[static_cast<std::size_t>(block[i])][static_cast<std::size_t>(block[j])] += 1.0;
  for (std::size_t a = 0; a < 3; ++a)
    for (std::size_t b = a; b < 3; ++b) {
      const double pairs = a == b ? kSizes[a] * (kSizes[a] - 1.0) / 2.0 : static_cast<double>(kSizes[a]) * kSizes[b];
      const double p = a == b ? 0.1 : 0.01;
      CHECK(std::abs(count[a][b] - pairs * p) < 5.0 * std::sqrt(pairs * p * (1.0 - p)));
    }
}

TEST_CASE("planted ties are strong inside communities and weak between", "[sim][tie]") {
  const Graph g = sbm(5);
  const auto& block = g.attribute("block");
  PlantedTies ties;
  ties.within = {0.9, 0.9};
  ties.between = {0.05, 0.05};
  const auto tie = planted_tie_strengths(g, "block", ties, 1);
  REQUIRE(tie.size() == g.num_arcs());
  for (NodeId i = 0; i < g.num_nodes(); ++i)
    for (EdgeId e = g.offsets()[i]; e < g.offsets()[i + 1]; ++e)
      CHECK(tie[e] == (block[i] == block[g.targets()[e]] ? 0.9f : 0.05f));
  // The defaults: 1 inside, 0.1 between; the bridge of two cliques is the only weak tie.
  const Graph two = two_cliques_bridge(5);
  const auto t2 = planted_tie_strengths(two, "block", {}, 0);
  CHECK(t2[*two.find_arc(4, 5)] == 0.1f);
  CHECK(t2[*two.find_arc(5, 4)] == 0.1f);
  CHECK(t2[*two.find_arc(0, 1)] == 1.0f);
}

TEST_CASE("random planted ties are uniform in their range, symmetric and seeded", "[sim][tie][determinism]") {
  const Graph g = sbm(6);
  const auto& block = g.attribute("block");
  PlantedTies ties;
  ties.within = {0.5, 1.0};
  ties.between = {0.0, 0.2};
  const auto tie = planted_tie_strengths(g, "block", ties, 3);
  double sum_within = 0.0, n_within = 0.0;
  for (NodeId i = 0; i < g.num_nodes(); ++i)
    for (EdgeId e = g.offsets()[i]; e < g.offsets()[i + 1]; ++e) {
      const NodeId j = g.targets()[e];
      CHECK(tie[e] == tie[*g.find_arc(j, i)]);
      if (block[i] == block[j]) {
        CHECK((tie[e] >= 0.5f && tie[e] <= 1.0f));
        sum_within += tie[e];
        n_within += 1.0;
      } else {
        CHECK((tie[e] >= 0.0f && tie[e] <= 0.2f));
      }
    }
  // Mean of U(0.5, 1) is 0.75, sd 0.144; every edge counted twice.
  CHECK(std::abs(sum_within / n_within - 0.75) < 5.0 * 0.144 / std::sqrt(n_within / 2.0));
  CHECK(planted_tie_strengths(g, "block", ties, 3) == tie);
  CHECK(planted_tie_strengths(g, "block", ties, 4) != tie);
}

TEST_CASE("planted ties check their ranges and the community attribute", "[sim][tie]") {
  const Graph g = two_cliques_bridge(4);
  PlantedTies bad;
  bad.within = {1.0, 0.5};
  CHECK_THROWS_AS(planted_tie_strengths(g, "block", bad, 0), ParameterError);
  bad = {};
  bad.between = {-0.1, -0.1};
  CHECK_THROWS_WITH(planted_tie_strengths(g, "block", bad, 0), Catch::Matchers::Contains("tie_between"));
  CHECK_THROWS_WITH(planted_tie_strengths(g, "faction", {}, 0), Catch::Matchers::Contains("faction"));
}
