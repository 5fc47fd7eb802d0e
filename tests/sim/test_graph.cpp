#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/graph.hpp"

using namespace contagion::sim;
using Catch::Matchers::Contains;
using contagion::Error;

TEST_CASE("undirected edges are stored as two arcs with sorted rows", "[sim][graph]") {
  const Graph g = Graph::from_arcs(4, {{2, 0}, {0, 1}, {3, 2}, {1, 3, 2.5f}});
  CHECK(g.num_nodes() == 4);
  CHECK(g.num_arcs() == 8);
  CHECK(g.num_edges() == 4);
  CHECK_FALSE(g.directed());
  CHECK(std::vector<NodeId>(g.neighbours(0).begin(), g.neighbours(0).end()) == std::vector<NodeId>{1, 2});
  CHECK(std::vector<NodeId>(g.neighbours(3).begin(), g.neighbours(3).end()) == std::vector<NodeId>{1, 2});
  REQUIRE(g.find_arc(3, 1));
  CHECK(g.weights()[*g.find_arc(3, 1)] == 2.5f);
  CHECK(g.weights()[*g.find_arc(1, 3)] == 2.5f);
  CHECK_FALSE(g.find_arc(0, 3));
  CHECK(g.offsets().size() == 5);
  CHECK(g.offsets().back() == 8);
}

TEST_CASE("directed arcs are kept one way", "[sim][graph]") {
  BuildOptions o;
  o.directed = true;
  const Graph g = Graph::from_arcs(3, {{0, 1}, {1, 2}}, o);
  CHECK(g.num_arcs() == 2);
  CHECK(g.num_edges() == 2);
  CHECK(g.find_arc(0, 1));
  CHECK_FALSE(g.find_arc(1, 0));
  CHECK(g.degree(2) == 0);
}

TEST_CASE("self-loops are dropped and reported, or rejected", "[sim][graph]") {
  BuildReport report;
  const Graph g = Graph::from_arcs(3, {{0, 0}, {0, 1}, {2, 2}}, {}, &report);
  CHECK(report.self_loops_dropped == 2);
  CHECK(g.num_edges() == 1);
  BuildOptions strict;
  strict.self_loops = BuildOptions::SelfLoops::error;
  CHECK_THROWS_WITH(Graph::from_arcs(3, {{0, 1}, {2, 2}}, strict), Contains("self-loop on node 2"));
}

TEST_CASE("duplicate edges: first, sum, or error", "[sim][graph]") {
  const std::vector<Arc> arcs{{0, 1, 1.0f}, {1, 0, 2.0f}, {0, 1, 4.0f}};
  BuildReport report;
  const Graph first = Graph::from_arcs(2, arcs, {}, &report);
  CHECK(report.duplicates_merged == 2);
  CHECK(first.num_edges() == 1);
  CHECK(first.weights()[0] == 1.0f);
  BuildOptions sum;
  sum.duplicates = BuildOptions::Duplicates::sum;
  CHECK(Graph::from_arcs(2, arcs, sum).weights()[0] == 7.0f);
  BuildOptions strict;
  strict.duplicates = BuildOptions::Duplicates::error;
  CHECK_THROWS_WITH(Graph::from_arcs(2, arcs, strict), Contains("duplicate edge 0 -> 1"));
  // Directed: 0->1 and 1->0 are different arcs.
  BuildOptions directed;
  directed.directed = true;
  directed.duplicates = BuildOptions::Duplicates::error;
  CHECK(Graph::from_arcs(2, {{0, 1}, {1, 0}}, directed).num_arcs() == 2);
}

TEST_CASE("bad arcs are errors", "[sim][graph]") {
  CHECK_THROWS_WITH(Graph::from_arcs(2, {{0, 2}}), Contains("refers to a node >= n = 2"));
  CHECK_THROWS_WITH(Graph::from_arcs(2, {{0, 1, -1.0f}}), Contains("weights must be finite and > 0"));
  CHECK_THROWS_WITH(Graph::from_arcs(2, {{0, 1, 0.0f}}), Contains("weights must be finite and > 0"));
  CHECK_THROWS_AS(Graph::from_arcs(2, {{0, 1, std::numeric_limits<float>::quiet_NaN()}}), Error);
}

TEST_CASE("the graph is a BGL graph", "[sim][graph]") {
  // Two components: a path 0-1-2 and an edge 3-4; node 5 isolated.
  const Graph g = Graph::from_arcs(6, {{0, 1}, {1, 2}, {3, 4}});
  const auto& b = g.bgl();
  CHECK(boost::num_vertices(b) == 6);
  CHECK(boost::num_edges(b) == 6);
  CHECK(boost::out_degree(NodeId{1}, b) == 2);
  // connected_components needs an undirected graph type; BFS reachability works on the CSR.
  std::vector<boost::default_color_type> colour(6, boost::white_color);
  boost::breadth_first_search(
      b, 0, boost::color_map(boost::make_iterator_property_map(colour.begin(), get(boost::vertex_index, b))));
  CHECK(colour[2] == boost::black_color);
  CHECK(colour[3] == boost::white_color);
  // Edge index of the BGL edge descriptor addresses the weight arrays.
  for (auto [it, end] = boost::edges(b); it != end; ++it) {
    const auto e = boost::get(boost::edge_index, b, *it);
    CHECK(g.targets()[e] == boost::target(*it, b));
  }
}

TEST_CASE("attributes, weights and tie strengths are replaced immutably", "[sim][graph]") {
  const Graph g = Graph::from_arcs(3, {{0, 1}, {1, 2}});
  const Graph h = g.with_attribute("susceptibility", {0.1, 0.2, 0.3}).with_tie_strengths({1, 2, 3, 4});
  CHECK_FALSE(g.has_attribute("susceptibility"));
  CHECK(h.attribute("susceptibility")[2] == 0.3);
  CHECK(g.tie_strengths()[3] == 1.0f);  // defaults to the weight
  CHECK(h.tie_strengths()[3] == 4.0f);
  CHECK(h.weights()[3] == 1.0f);
  CHECK(h.offsets().data() == g.offsets().data());  // the structure is shared, not copied
  CHECK_THROWS_WITH(g.attribute("nope"), Contains("no node attribute 'nope'"));
  CHECK_THROWS_WITH(g.with_attribute("x", {1.0}), Contains("has 1 values for 3 nodes"));
  CHECK_THROWS_WITH(g.with_weights({1.0f}), Contains("1 weights given for 4 arcs"));
}
