// contagion synth graph: a graph with ground truth (planted communities, tie strengths, the
// karate club's factions) written as GraphML, with a node table of the truth. The graph keys
// are the scenario's [graph] keys (docs/scenarios.md), from a file or --set.

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "common.hpp"
#include "contagion/core/config.hpp"
#include "contagion/core/config_edit.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/table.hpp"
#include "contagion/core/text_file.hpp"
#include "contagion/sim/graph_io.hpp"
#include "contagion/sim/scenario.hpp"

namespace contagion::cli {
namespace {

struct SynthGraphOptions {
  std::string config;
  std::vector<std::string> set;
  std::string output, nodes;
  std::uint64_t seed = 1;
  CommonOptions common;
};

/// The node table: node (the GraphML id), degree, and every node attribute.
Table node_table(const sim::Graph& g) {
  std::vector<std::string> ids;
  std::vector<double> degree;
  for (sim::NodeId v = 0; v < g.num_nodes(); ++v) {
    ids.push_back(fmt::format("n{}", v));
    degree.push_back(static_cast<double>(g.offsets()[v + 1] - g.offsets()[v]));
  }
  Table t;
  t.add_text("node", ids);
  t.add_numbers("degree", degree);
  for (const auto& [name, values] : g.attributes()) t.add_numbers(name, values);
  return t;
}

void synth_graph_command(const SynthGraphOptions& o) {
  std::string text = "[graph]\n";
  std::string source = "--set";
  std::string base_dir = ".";
  if (!o.config.empty()) {
    text = read_text_file(o.config, "the graph file");
    source = o.config;
    const std::string dir = std::filesystem::path(o.config).parent_path().string();
    base_dir = dir.empty() ? "." : dir;
  }
  std::vector<KeyAssignment> changes;
  for (const std::string& s : o.set) {
    const std::size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("--set '{}': expected KEY=VALUE", s));
    changes.push_back({"graph." + s.substr(0, eq), s.substr(eq + 1)});
  }
  if (!changes.empty()) text = assign_config_keys(text, source, changes);
  const ConfigTable root = ConfigTable::parse_string(text, source);
  sim::BuildReport report;
  const sim::Graph graph =
      sim::graph_from_config(root.required_table("graph"), o.seed, base_dir, resolve_threads(o.common), &report);
  root.finish();
  sim::write_graphml(graph, o.output);
  if (!o.nodes.empty()) write_csv(node_table(graph), o.nodes);
  std::vector<std::string> attributes;
  for (const auto& [name, values] : graph.attributes()) attributes.push_back(name);
  if (o.common.json) {
    std::cout << nlohmann::json{{"output", o.output},
                                {"nodes", graph.num_nodes()},
                                {"edges", graph.num_edges()},
                                {"directed", graph.directed()},
                                {"generator", graph.provenance().generator},
                                {"parameters", graph.provenance().parameters},
                                {"attributes", attributes}}
                     .dump(2)
              << '\n';
    return;
  }
  if (o.common.quiet) return;
  fmt::print("{}: {} nodes, {} edges{}; node attributes: {}\n  {}\nwrote {}{}\n", graph.provenance().generator,
             graph.num_nodes(), graph.num_edges(), graph.directed() ? " (directed)" : "",
             attributes.empty() ? "none" : fmt::format("{}", fmt::join(attributes, ", ")),
             graph.provenance().parameters, o.output, o.nodes.empty() ? "" : " and " + o.nodes);
}

}  // namespace

void add_synth_graph_command(CLI::App& synth) {
  auto options = std::make_shared<SynthGraphOptions>();
  CLI::App* cmd = synth.add_subcommand("graph", "A graph with ground truth (planted communities, tie strengths)");
  cmd->add_option("--config", options->config, "TOML file with a [graph] table (the scenario keys)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--set", options->set, "KEY=VALUE of the [graph] table (repeat); wins over --config")
      ->expected(1)
      ->take_all();
  cmd->add_option("--seed", options->seed, "seed of the generator (unless the table has its own)")
      ->capture_default_str();
  cmd->add_option("-o,--output", options->output, "GraphML file to write")->required();
  cmd->add_option("--nodes", options->nodes, "also write the node table (id, degree, every attribute) as CSV");
  add_threads_option(*cmd, options->common);
  add_output_options(*cmd, options->common);
  cmd->footer(
      "Examples:\n"
      "  contagion synth graph --set generator=karate -o karate.graphml --nodes karate.csv\n"
      "  contagion synth graph --set generator=lfr --set n=2000 --set average_degree=15 --set max_degree=60 \\\n"
      "      --set min_community=20 --set max_community=150 --set mu=0.2 --set tie_strength=planted \\\n"
      "      -o lfr.graphml --nodes truth.csv      # the planted community is the attribute 'block'\n"
      "  contagion synth graph --config sbm.toml -o sbm.graphml\n"
      "The keys are those of a scenario's [graph] table (docs/scenarios.md). The GraphML holds every\n"
      "node attribute and each edge's weight and tie strength; `[graph] file = \"lfr.graphml\"` reads it back.");
  cmd->callback([options] { synth_graph_command(*options); });
}

}  // namespace contagion::cli
