#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "contagion/sim/classic_networks.hpp"

using namespace contagion::sim;

namespace {

/// The data lines of a fixture written by tests/data/sim/make_karate.py, split at commas.
std::vector<std::vector<std::string>> read_fixture(const std::string& name) {
  std::ifstream in(std::string(CONTAGION_TEST_DATA) + "/sim/" + name);
  REQUIRE(in);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string field; std::getline(ss, field, ',');) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

}  // namespace

TEST_CASE("karate club: 34 members, 78 friendships, Zachary's degrees", "[sim][classic]") {
  const Graph g = karate_club();
  CHECK(g.num_nodes() == 34);
  CHECK(g.num_edges() == 78);
  CHECK_FALSE(g.directed());
  // Zachary's members 1, 34 and 33 (nodes 0, 33, 32).
  CHECK(g.degree(0) == 16);
  CHECK(g.degree(33) == 17);
  CHECK(g.degree(32) == 12);
  CHECK(g.provenance().generator == "karate");
  CHECK_THAT(g.provenance().parameters, Catch::Matchers::Contains("Zachary (1977)"));
}

TEST_CASE("karate club: two factions of 17 after the split", "[sim][classic]") {
  const Graph g = karate_club();
  const auto& club = g.attribute("club");
  REQUIRE(club.size() == 34);
  CHECK(std::count(club.begin(), club.end(), 0.0) == 17);
  CHECK(std::count(club.begin(), club.end(), 1.0) == 17);
  CHECK(club[0] == 0.0);   // Mr. Hi himself
  CHECK(club[33] == 1.0);  // the administrator
  CHECK(g.attribute("block") == club);
  CHECK(kKarateClubs[0] == "Mr. Hi");
  CHECK(kKarateClubs[1] == "Officer");
}

TEST_CASE("karate club agrees with NetworkX's karate_club_graph()", "[sim][classic]") {
  const Graph g = karate_club();
  const auto edges = read_fixture("karate_edges.csv");
  REQUIRE(edges.size() == 78);
  for (const auto& row : edges) {
    REQUIRE(row.size() == 3);
    const auto u = static_cast<NodeId>(std::stoul(row[0]));
    const auto v = static_cast<NodeId>(std::stoul(row[1]));
    const auto uv = g.find_arc(u, v), vu = g.find_arc(v, u);
    REQUIRE(uv.has_value());
    REQUIRE(vu.has_value());
    CHECK(g.weights()[*uv] == std::stof(row[2]));
    CHECK(g.weights()[*vu] == std::stof(row[2]));
    CHECK(g.tie_strengths()[*uv] == std::stof(row[2]));
  }
  const auto clubs = read_fixture("karate_club.csv");
  REQUIRE(clubs.size() == 34);
  for (const auto& row : clubs) {
    const auto v = std::stoul(row[0]);
    CHECK(kKarateClubs[static_cast<std::size_t>(g.attribute("club")[v])] == row[1]);
  }
}
