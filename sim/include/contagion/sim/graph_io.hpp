#pragma once
// Graph readers. Both convert into the one Graph type; node ids of the file are mapped to
// 0..n-1 in ascending order of the original id (edge lists) or in document order (GraphML),
// and the original ids are kept (node attribute "original_id" for numeric edge-list ids).
// Every error names the file and line; nothing is returned from a file with an error.

#include <string>
#include <vector>

#include "contagion/sim/graph.hpp"

namespace contagion::sim {

struct ReadOptions {
  BuildOptions build;  ///< directed?, self-loops, duplicates
};

/// SNAP-style edge list: one edge per line, "u v" or "u v weight", separated by spaces, tabs
/// or commas; lines starting with '#' or '%' and blank lines are comments. Node ids are
/// non-negative integers (need not be contiguous). All data lines must have the same number
/// of fields. Weights must be finite and > 0. Line endings \n, \r\n or \r; a UTF-8 BOM is
/// skipped.
Graph read_edge_list(const std::string& path, const ReadOptions& options = {}, BuildReport* report = nullptr);

/// The same from text in memory; `source_name` stands for the file name in errors.
Graph parse_edge_list(const std::string& text, const std::string& source_name, const ReadOptions& options = {},
                      BuildReport* report = nullptr);

/// GraphML (graphml.graphdrawing.org): <node id=...>, <edge source=... target=...>. The
/// graph's edgedefault decides directedness (options.build.directed is ignored). An edge
/// <data> whose <key> has attr.name "weight" gives the weight; numeric node <data> become
/// node attributes named by attr.name (NaN where a node has no value).
Graph read_graphml(const std::string& path, const ReadOptions& options = {}, BuildReport* report = nullptr);
Graph parse_graphml(const std::string& text, const std::string& source_name, const ReadOptions& options = {},
                    BuildReport* report = nullptr);

/// GraphML text of a graph, readable by read_graphml, NetworkX and igraph: nodes "n0", "n1", ...
/// (or `node_ids`, one per node), every node attribute as a double <data>, and per edge its
/// weight and tie strength (read_graphml takes the weight; tie strengths are written for
/// other tools). An undirected graph writes each edge once.
std::string format_graphml(const Graph& graph, const std::vector<std::string>& node_ids = {});
/// The same into a file, through a temporary name. Throws contagion::Error.
void write_graphml(const Graph& graph, const std::string& path, const std::vector<std::string>& node_ids = {});

}  // namespace contagion::sim
