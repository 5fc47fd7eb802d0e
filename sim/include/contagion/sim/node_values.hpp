#pragma once
// Per-node values described in a scenario: the initial state (drawn per replicate) and node
// attributes such as susceptibility (drawn once). One description, one way to draw it.

#include <cstdint>
#include <string>
#include <vector>

#include "contagion/core/config.hpp"
#include "contagion/core/random.hpp"
#include "contagion/sim/graph.hpp"

namespace contagion::sim {

struct NodeValuesSpec {
  enum class Kind { uniform, normal, linspace, values, attribute, seeds } kind = Kind::uniform;
  /// seeds: `seed_value` on the chosen nodes, 0 elsewhere. Chosen by exactly one of: given
  /// nodes, a random fraction (exactly round(fraction n) nodes, uniformly), the `top_degree`
  /// nodes of highest degree (ties: lower id first), or every node whose "block" attribute is
  /// `block`.
  enum class Seeds { nodes, fraction, top_degree, block } seeds = Seeds::nodes;
  std::vector<std::uint64_t> seed_nodes;
  double fraction = 0.0;
  std::uint64_t top_degree = 0;
  double block = 0.0;
  double seed_value = 1.0;
  double low = 0.0, high = 1.0;  ///< uniform on [low, high); linspace from low to high
  double mean = 0.0, sd = 1.0;   ///< normal
  std::vector<double> values;    ///< given in the scenario, or read from a file
  std::string attribute;         ///< a node attribute of the graph
};

/// Reads {distribution = "uniform" | "normal" | "linspace" | "values" | "file" | "attribute" |
/// "seeds", ...}; a relative file path is taken from `base_dir`. Defaults: uniform on [0, 1).
NodeValuesSpec node_values_from_config(const ConfigTable& table, const std::string& base_dir);

/// Checks the description against the graph (value counts, the attribute exists and is
/// finite); errors are located at `table`.
void check_node_values(const NodeValuesSpec& spec, const Graph& graph, std::size_t columns, const ConfigTable& table);

/// n x columns values. Random draws for node i come from the stream `key` with entity = i, so
/// they do not depend on the thread count or on the other nodes.
std::vector<double> make_node_values(const NodeValuesSpec& spec, const Graph& graph, std::size_t columns,
                                     const StreamKey& key);

/// The nodes a seeds description picks (random choices from the stream `key`).
std::vector<NodeId> seed_nodes(const NodeValuesSpec& spec, const Graph& graph, const StreamKey& key);

/// Whitespace- or comma-separated finite numbers, any number per line; '#' starts a comment.
/// Errors name the file, line and column.
std::vector<double> read_numbers(const std::string& path);

}  // namespace contagion::sim
