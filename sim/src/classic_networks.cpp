#include "contagion/sim/classic_networks.hpp"

#include <cstdint>
#include <vector>

namespace contagion::sim {
namespace {

struct WeightedEdge {
  std::uint8_t u, v, weight;
};

// Zachary (1977), J. Anthropol. Res. 33:452-473: the friendship edges with the number of
// interaction contexts (matrix C), members renumbered 0..33. Taken from NetworkX 2.8.8's
// karate_club_graph(); tests/data/sim/make_karate.py prints this table and writes the
// fixtures that tests/sim/test_classic_networks.cpp compares it with.
constexpr WeightedEdge kKarateEdges[] = {
    {0, 1, 4},   {0, 2, 5},   {0, 3, 3},   {0, 4, 3},   {0, 5, 3},   {0, 6, 3},   {0, 7, 2},   {0, 8, 2},   {0, 10, 2},
    {0, 11, 3},  {0, 12, 1},  {0, 13, 3},  {0, 17, 2},  {0, 19, 2},  {0, 21, 2},  {0, 31, 2},  {1, 2, 6},   {1, 3, 3},
    {1, 7, 4},   {1, 13, 5},  {1, 17, 1},  {1, 19, 2},  {1, 21, 2},  {1, 30, 2},  {2, 3, 3},   {2, 7, 4},   {2, 8, 5},
    {2, 9, 1},   {2, 13, 3},  {2, 27, 2},  {2, 28, 2},  {2, 32, 2},  {3, 7, 3},   {3, 12, 3},  {3, 13, 3},  {4, 6, 2},
    {4, 10, 3},  {5, 6, 5},   {5, 10, 3},  {5, 16, 3},  {6, 16, 3},  {8, 30, 3},  {8, 32, 3},  {8, 33, 4},  {9, 33, 2},
    {13, 33, 3}, {14, 32, 3}, {14, 33, 2}, {15, 32, 3}, {15, 33, 4}, {18, 32, 1}, {18, 33, 2}, {19, 33, 1}, {20, 32, 3},
    {20, 33, 1}, {22, 32, 2}, {22, 33, 3}, {23, 25, 5}, {23, 27, 4}, {23, 29, 3}, {23, 32, 5}, {23, 33, 4}, {24, 25, 2},
    {24, 27, 3}, {24, 31, 2}, {25, 31, 7}, {26, 29, 4}, {26, 33, 2}, {27, 33, 4}, {28, 31, 2}, {28, 33, 2}, {29, 32, 4},
    {29, 33, 2}, {30, 32, 3}, {30, 33, 3}, {31, 32, 4}, {31, 33, 4}, {32, 33, 5},
};

// The members NetworkX lists in the 'Officer' faction; the others joined 'Mr. Hi'.
constexpr std::uint8_t kKarateOfficer[] = {9, 14, 15, 18, 20, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33};

}  // namespace

Graph karate_club() {
  constexpr NodeId n = 34;
  std::vector<Arc> arcs;
  for (const WeightedEdge& e : kKarateEdges) arcs.push_back({e.u, e.v, static_cast<float>(e.weight)});
  std::vector<double> club(n, 0.0);
  for (const std::uint8_t v : kKarateOfficer) club[v] = 1.0;
  return Graph::from_arcs(n, std::move(arcs))
      .with_provenance(
          {"", "karate", std::string("Zachary (1977) J. Anthropol. Res. 33:452-473; weight = interaction contexts")})
      .with_attribute("club", club)
      .with_attribute("block", club);
}

}  // namespace contagion::sim
