// GraphML reader (pugixml). Nodes are numbered in document order; edge weights come from the
// edge <data> whose <key> has attr.name="weight"; numeric node <data> become node attributes.

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <pugixml.hpp>
#include <unordered_map>

#include "contagion/core/error.hpp"
#include "contagion/core/text_file.hpp"
#include "contagion/sim/graph_io.hpp"

namespace contagion::sim {
namespace {

/// Line (1-based) of a byte offset in the document.
std::uint64_t line_of(const std::string& text, std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  std::uint64_t line = 1;
  for (std::ptrdiff_t i = 0; i < offset && i < static_cast<std::ptrdiff_t>(text.size()); ++i)
    if (text[static_cast<std::size_t>(i)] == '\n') ++line;
  return line;
}

std::optional<double> parse_double(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  double v = 0.0;
  const auto [ptr, ec] = fast_float::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

Graph parse_graphml(const std::string& text, const std::string& source_name, const ReadOptions& options,
                    BuildReport* report) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed)
    throw Error(fmt::format("not well-formed XML: {}", parsed.description()),
                ErrorContext{source_name, line_of(text, parsed.offset)});
  auto where = [&](const pugi::xml_node& node, std::string field = "") {
    return ErrorContext{source_name, line_of(text, node.offset_debug()), 0, std::move(field)};
  };

  const pugi::xml_node root = doc.child("graphml");
  if (!root) throw Error("no <graphml> root element", ErrorContext{source_name, 1});
  const pugi::xml_node graph = root.child("graph");
  if (!graph) throw Error("no <graph> element", where(root));
  if (graph.next_sibling("graph"))
    throw Error("more than one <graph>; only one is supported", where(graph.next_sibling("graph")));
  const std::string edgedefault = graph.attribute("edgedefault").as_string("directed");
  if (edgedefault != "directed" && edgedefault != "undirected")
    throw Error(fmt::format("edgedefault must be 'directed' or 'undirected', got '{}'", edgedefault),
                where(graph, "edgedefault"));

  // Keys: id -> (for, attr.name).
  std::string weight_key;
  std::map<std::string, std::string> node_keys;  // key id -> attribute name
  for (const pugi::xml_node key : root.children("key")) {
    const std::string id = key.attribute("id").as_string();
    const std::string domain = key.attribute("for").as_string("all");
    const std::string name = key.attribute("attr.name").as_string(id.c_str());
    if (id.empty()) throw Error("<key> without an id", where(key));
    if ((domain == "edge" || domain == "all") && name == "weight") weight_key = id;
    if (domain == "node" || domain == "all") node_keys[id] = name;
  }

  std::unordered_map<std::string, NodeId> index;
  std::vector<std::string> ids;
  std::map<std::string, std::vector<double>, std::less<>> attributes;
  for (const pugi::xml_node node : graph.children("node")) {
    const std::string id = node.attribute("id").as_string();
    if (id.empty()) throw Error("<node> without an id", where(node, "id"));
    if (!index.emplace(id, static_cast<NodeId>(ids.size())).second)
      throw Error(fmt::format("node id '{}' appears twice", id), where(node, "id"));
    ids.push_back(id);
  }
  const auto n = static_cast<NodeId>(ids.size());
  for (const pugi::xml_node node : graph.children("node")) {
    const NodeId v = index[node.attribute("id").as_string()];
    for (const pugi::xml_node data : node.children("data")) {
      const auto key = node_keys.find(data.attribute("key").as_string());
      if (key == node_keys.end()) continue;
      const auto value = parse_double(data.child_value());
      if (!value) continue;  // non-numeric attributes (labels) are not kept
      auto& column = attributes[key->second];
      if (column.empty()) column.assign(n, std::nan(""));
      column[v] = *value;
    }
  }

  std::vector<Arc> arcs;
  for (const pugi::xml_node edge : graph.children("edge")) {
    Arc arc;
    for (const char* end : {"source", "target"}) {
      const std::string id = edge.attribute(end).as_string();
      const auto it = index.find(id);
      if (it == index.end())
        throw Error(fmt::format("edge {} '{}' is not a declared <node>", end, id), where(edge, end));
      (std::string_view(end) == "source" ? arc.source : arc.target) = it->second;
    }
    if (!weight_key.empty()) {
      for (const pugi::xml_node data : edge.children("data")) {
        if (weight_key != data.attribute("key").as_string()) continue;
        const auto w = parse_double(data.child_value());
        if (!w || !(std::isfinite(*w) && *w > 0.0))
          throw Error(fmt::format("edge weight '{}' is not a finite number > 0", data.child_value()),
                      where(data, "weight"));
        arc.weight = static_cast<float>(*w);
      }
    }
    if (arc.source == arc.target && options.build.self_loops == BuildOptions::SelfLoops::error)
      throw Error(fmt::format("self-loop on node '{}'", ids[arc.source]), where(edge));
    arcs.push_back(arc);
  }
  if (n == 0) throw Error("the graph has no nodes", where(graph));

  BuildOptions build = options.build;
  build.directed = edgedefault == "directed";
  Graph g = [&] {
    try {
      return Graph::from_arcs(n, std::move(arcs), build, report);
    } catch (const Error& e) {
      throw Error(e.message(), ErrorContext{source_name});
    }
  }();
  for (auto& [name, values] : attributes) g = g.with_attribute(name, std::move(values));
  return g.with_provenance({source_name, "graphml", fmt::format("file={} directed={}", source_name, build.directed)});
}

Graph read_graphml(const std::string& path, const ReadOptions& options, BuildReport* report) {
  return parse_graphml(read_text_file(path, "the GraphML file"), path, options, report);
}

}  // namespace contagion::sim
