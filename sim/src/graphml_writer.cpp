// GraphML writer (pugixml does the escaping); the reader is graphml.cpp.

#include <fmt/format.h>

#include <pugixml.hpp>
#include <sstream>

#include "contagion/core/error.hpp"
#include "contagion/core/table.hpp"
#include "contagion/core/text_file.hpp"
#include "contagion/sim/graph_io.hpp"

namespace contagion::sim {

std::string format_graphml(const Graph& g, const std::vector<std::string>& node_ids) {
  if (!node_ids.empty() && node_ids.size() != g.num_nodes())
    throw Error(fmt::format("{} node ids for a graph of {} nodes", node_ids.size(), g.num_nodes()));
  pugi::xml_document doc;
  auto declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("graphml");
  root.append_attribute("xmlns") = "http://graphml.graphdrawing.org/xmlns";
  const auto key = [&](const std::string& id, const char* domain, const std::string& name) {
    pugi::xml_node k = root.append_child("key");
    k.append_attribute("id") = id.c_str();
    k.append_attribute("for") = domain;
    k.append_attribute("attr.name") = name.c_str();
    k.append_attribute("attr.type") = "double";
  };
  std::vector<std::string> attribute_names;
  for (const auto& [name, values] : g.attributes()) attribute_names.push_back(name);
  for (std::size_t a = 0; a < attribute_names.size(); ++a) key(fmt::format("v{}", a), "node", attribute_names[a]);
  key("weight", "edge", "weight");
  key("tie_strength", "edge", "tie_strength");

  pugi::xml_node graph = root.append_child("graph");
  graph.append_attribute("edgedefault") = g.directed() ? "directed" : "undirected";
  const auto id_of = [&](NodeId v) { return node_ids.empty() ? fmt::format("n{}", v) : node_ids[v]; };
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    pugi::xml_node node = graph.append_child("node");
    node.append_attribute("id") = id_of(v).c_str();
    for (std::size_t a = 0; a < attribute_names.size(); ++a) {
      pugi::xml_node data = node.append_child("data");
      data.append_attribute("key") = fmt::format("v{}", a).c_str();
      data.text() = format_double(g.attribute(attribute_names[a])[v]).c_str();
    }
  }
  const auto offsets = g.offsets();
  const auto targets = g.targets();
  for (NodeId v = 0; v < g.num_nodes(); ++v)
    for (EdgeId e = offsets[v]; e < offsets[v + 1]; ++e) {
      if (!g.directed() && targets[e] < v) continue;  // each undirected edge once
      pugi::xml_node edge = graph.append_child("edge");
      edge.append_attribute("source") = id_of(v).c_str();
      edge.append_attribute("target") = id_of(targets[e]).c_str();
      pugi::xml_node w = edge.append_child("data");
      w.append_attribute("key") = "weight";
      w.text() = format_double(g.weights()[e]).c_str();
      pugi::xml_node t = edge.append_child("data");
      t.append_attribute("key") = "tie_strength";
      t.text() = format_double(g.tie_strengths()[e]).c_str();
    }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

void write_graphml(const Graph& graph, const std::string& path, const std::vector<std::string>& node_ids) {
  write_text_file(path, format_graphml(graph, node_ids));
}

}  // namespace contagion::sim
