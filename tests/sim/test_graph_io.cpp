#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/sim/classic_networks.hpp"
#include "contagion/sim/graph_io.hpp"

using namespace contagion::sim;
using Catch::Matchers::Contains;
using contagion::Error;

namespace {
std::string error_of(const std::string& text, const ReadOptions& options = {}) {
  try {
    parse_edge_list(text, "g.txt", options);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}
std::string graphml_error_of(const std::string& text) {
  try {
    parse_graphml(text, "g.graphml");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("SNAP edge lists: comments, separators, line endings, BOM", "[sim][io]") {
  const std::string text =
      "\xEF\xBB\xBF# Directed graph (each unordered pair of nodes is saved once)\r\n"
      "% another comment\r\n"
      "10\t20\r\n"
      "\r\n"
      "20 30\r"
      "30,10\n";
  const Graph g = parse_edge_list(text, "g.txt");
  CHECK(g.num_nodes() == 3);
  CHECK(g.num_edges() == 3);
  CHECK(g.attribute("original_id") == std::vector<double>{10, 20, 30});
  CHECK(g.find_arc(0, 2));
  CHECK(g.provenance().generator == "edgelist");
}

TEST_CASE("edge-list weights and directedness", "[sim][io]") {
  ReadOptions o;
  o.build.directed = true;
  const Graph g = parse_edge_list("0 1 0.5\n1 2 2e-1\n", "g.txt", o);
  CHECK(g.directed());
  CHECK(g.num_arcs() == 2);
  CHECK(g.weights()[*g.find_arc(1, 2)] == Approx(0.2f));
  CHECK_FALSE(g.find_arc(1, 0));
}

TEST_CASE("malformed edge lists are errors naming file, line and column", "[sim][io]") {
  CHECK(error_of("0 1\n1 x\n") == "g.txt:2:3: [target] expected a node id (a non-negative integer), got 'x'");
  CHECK(error_of("0 1\n-1 2\n") == "g.txt:2:1: [source] expected a node id (a non-negative integer), got '-1'");
  CHECK(error_of("0 1\n1\n") == "g.txt:2:1: expected 'source target' or 'source target weight', got one field");
  CHECK_THAT(error_of("0 1 1.0\n1 2\n"), Contains("g.txt:2:1:") && Contains("the first edge line has 3"));
  CHECK_THAT(error_of("0 1 2 3\n"), Contains("g.txt:1:7:") && Contains("too many fields"));
  CHECK(error_of("0 1 abc\n") == "g.txt:1:5: [weight] expected a weight (a number), got 'abc'");
  CHECK(error_of("0 1 -2\n") == "g.txt:1:5: [weight] weight -2 is not finite and > 0");
  CHECK(error_of("0 1 nan\n") == "g.txt:1:5: [weight] weight nan is not finite and > 0");
  CHECK(error_of("# only a comment\n\n") == "g.txt: no edges found (only comments or blank lines)");
  CHECK(error_of("0 1 1.5x\n") == "g.txt:1:5: [weight] expected a weight (a number), got '1.5x'");
}

TEST_CASE("edge-list self-loops and duplicates follow the options, with lines", "[sim][io]") {
  BuildReport report;
  const Graph g = parse_edge_list("0 1\n1 1\n1 0\n", "g.txt", {}, &report);
  CHECK(g.num_edges() == 1);
  CHECK(report.self_loops_dropped == 1);
  CHECK(report.duplicates_merged == 1);
  ReadOptions strict;
  strict.build.self_loops = BuildOptions::SelfLoops::error;
  CHECK(error_of("0 1\n1 1\n", strict) == "g.txt:2:1: self-loop on node 1");
  strict.build.self_loops = BuildOptions::SelfLoops::drop;
  strict.build.duplicates = BuildOptions::Duplicates::error;
  CHECK(error_of("0 1\n2 3\n1 0\n", strict) == "g.txt:3:1: duplicate edge 1 0 (first on line 1)");
}

TEST_CASE("a missing file is an error naming it", "[sim][io]") {
  CHECK_THROWS_WITH(read_edge_list("/nonexistent/edges.txt"), Contains("/nonexistent/edges.txt"));
}

TEST_CASE("GraphML: nodes, edges, weights and node attributes", "[sim][io]") {
  const std::string text = R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="edge" attr.name="weight" attr.type="double"/>
  <key id="d1" for="node" attr.name="susceptibility" attr.type="double"/>
  <key id="d2" for="node" attr.name="label" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
    <node id="a"><data key="d1">0.5</data><data key="d2">Ann</data></node>
    <node id="b"><data key="d1">0.7</data></node>
    <node id="c"/>
    <edge source="a" target="b"><data key="d0">2.0</data></edge>
    <edge source="b" target="c"/>
  </graph>
</graphml>)";
  const Graph g = parse_graphml(text, "g.graphml");
  CHECK(g.num_nodes() == 3);
  CHECK(g.num_edges() == 2);
  CHECK_FALSE(g.directed());
  CHECK(g.weights()[*g.find_arc(1, 0)] == 2.0f);
  CHECK(g.weights()[*g.find_arc(2, 1)] == 1.0f);
  CHECK(g.attribute("susceptibility")[1] == 0.7);
  CHECK(std::isnan(g.attribute("susceptibility")[2]));
  CHECK_FALSE(g.has_attribute("label"));
}

TEST_CASE("malformed GraphML is an error naming file and line", "[sim][io]") {
  const std::string head = "<graphml>\n<graph edgedefault=\"directed\">\n<node id=\"a\"/>\n";
  CHECK(graphml_error_of(head + "<edge source=\"a\" target=\"z\"/>\n</graph></graphml>") ==
        "g.graphml:4: [target] edge target 'z' is not a declared <node>");
  CHECK(graphml_error_of(head + "<node id=\"a\"/>\n</graph></graphml>") ==
        "g.graphml:4: [id] node id 'a' appears twice");
  CHECK_THAT(graphml_error_of(head + "<edge source=\"a\" target=\"a\"\n</graph></graphml>"),
             Contains("g.graphml:") && Contains("not well-formed XML"));
  CHECK_THAT(graphml_error_of("<root/>"), Contains("no <graphml> root element"));
  CHECK_THAT(graphml_error_of("<graphml><graph edgedefault=\"sideways\"/></graphml>"),
             Contains("edgedefault must be 'directed' or 'undirected'"));
  const std::string weighted =
      "<graphml><key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n"
      "<graph edgedefault=\"undirected\"><node id=\"a\"/><node id=\"b\"/>\n"
      "<edge source=\"a\" target=\"b\"><data key=\"w\">heavy</data></edge></graph></graphml>";
  CHECK(graphml_error_of(weighted) == "g.graphml:3: [weight] edge weight 'heavy' is not a finite number > 0");
}

TEST_CASE("GraphML written by format_graphml reads back with the same arcs, weights and attributes") {
  const Graph karate = karate_club();
  const std::string text = format_graphml(karate);
  const Graph back = parse_graphml(text, "karate.graphml");
  CHECK(back.num_nodes() == 34);
  CHECK(back.num_edges() == 78);
  CHECK_FALSE(back.directed());
  CHECK(std::vector<EdgeId>(back.offsets().begin(), back.offsets().end()) ==
        std::vector<EdgeId>(karate.offsets().begin(), karate.offsets().end()));
  CHECK(std::vector<NodeId>(back.targets().begin(), back.targets().end()) ==
        std::vector<NodeId>(karate.targets().begin(), karate.targets().end()));
  CHECK(std::vector<float>(back.weights().begin(), back.weights().end()) ==
        std::vector<float>(karate.weights().begin(), karate.weights().end()));
  CHECK(back.attribute("club") == karate.attribute("club"));
  CHECK(back.attribute("block") == karate.attribute("block"));
  CHECK_THAT(text, Contains("attr.name=\"tie_strength\""));

  const Graph directed = Graph::from_arcs(3, {{0, 1, 0.5f}, {1, 2, 2.0f}}, {.directed = true});
  const Graph d = parse_graphml(format_graphml(directed, {"a & b", "<c>", "d"}), "d.graphml");
  CHECK(d.directed());
  CHECK(d.num_arcs() == 2);
  CHECK(d.weights()[0] == 0.5f);
  CHECK_THROWS_WITH(format_graphml(directed, {"a"}), Contains("1 node ids for a graph of 3 nodes"));
}
