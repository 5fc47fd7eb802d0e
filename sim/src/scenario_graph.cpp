// The [graph] section of a scenario: a generator with its parameters, or a file.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/sim/classic_networks.hpp"
#include "contagion/sim/generators.hpp"
#include "contagion/sim/graph_io.hpp"
#include "contagion/sim/lfr.hpp"
#include "contagion/sim/node_values.hpp"
#include "contagion/sim/scenario.hpp"
#include "contagion/sim/tie_strength.hpp"

namespace contagion::sim {
namespace {

constexpr double kMaxNodes = 4294967295.0;

NodeId node_count(const ConfigTable& t, const char* key = "n") {
  return static_cast<NodeId>(t.integer_in(key, 1, static_cast<std::int64_t>(kMaxNodes)));
}

Graph generate(const ConfigTable& t, const std::string& generator, std::uint64_t seed, BuildReport* report) {
  if (generator == "erdos_renyi_gnp")
    return erdos_renyi_gnp(node_count(t), t.number_in("p", Range::unit()), seed, t.boolean("directed", false));
  if (generator == "erdos_renyi_gnm")
    return erdos_renyi_gnm(node_count(t), static_cast<std::uint64_t>(t.integer_in("m", 0, INT64_MAX)), seed,
                           t.boolean("directed", false));
  if (generator == "watts_strogatz")
    return watts_strogatz(node_count(t), static_cast<std::uint32_t>(t.integer_in("k", 2, 1 << 30)),
                          t.number_in("beta", Range::unit()), seed);
  if (generator == "barabasi_albert")
    return barabasi_albert(node_count(t), static_cast<std::uint32_t>(t.integer_in("m", 1, 1 << 30)), seed);
  if (generator == "stochastic_block_model") {
    std::vector<NodeId> sizes;
    for (const auto s : t.integers("sizes")) {
      if (s < 1 || s > static_cast<std::int64_t>(kMaxNodes))
        t.fail("sizes", fmt::format("block size {} is outside [1, {}]", s, kMaxNodes));
      sizes.push_back(static_cast<NodeId>(s));
    }
    std::vector<std::vector<double>> p(sizes.size(), std::vector<double>(sizes.size()));
    if (t.is_number("p_in") || t.is_number("p_out") || !t.has("probabilities")) {
      const double p_in = t.number_in("p_in", Range::unit());
      const double p_out = t.number_in("p_out", Range::unit());
      for (std::size_t a = 0; a < sizes.size(); ++a)
        for (std::size_t b = 0; b < sizes.size(); ++b) p[a][b] = a == b ? p_in : p_out;
    } else {
      const std::vector<double> flat = t.numbers("probabilities");
      if (flat.size() != sizes.size() * sizes.size())
        t.fail("probabilities", fmt::format("expected {} values (a {}x{} matrix, row by row), got {}",
                                            sizes.size() * sizes.size(), sizes.size(), sizes.size(), flat.size()));
      for (std::size_t a = 0; a < sizes.size(); ++a)
        for (std::size_t b = 0; b < sizes.size(); ++b) p[a][b] = flat[a * sizes.size() + b];
    }
    return stochastic_block_model(sizes, p, seed);
  }
  if (generator == "lfr") {
    LfrParams p;
    p.n = node_count(t);
    p.average_degree = t.number_in("average_degree", Range::at_least(1.0));
    p.max_degree = static_cast<std::uint32_t>(t.integer_in("max_degree", 1, static_cast<std::int64_t>(p.n) - 1));
    p.tau1 = t.number_in("tau1", Range::closed(0.0, 10.0), 2.0);
    p.tau2 = t.number_in("tau2", Range::closed(0.0, 10.0), 1.0);
    p.min_community = static_cast<NodeId>(t.integer_in("min_community", 1, p.n));
    p.max_community = static_cast<NodeId>(t.integer_in("max_community", p.min_community, p.n));
    p.mu = t.number_in("mu", Range::unit());
    try {
      return lfr_benchmark(p, seed);
    } catch (const ParameterError& e) {
      // Located at the key the message names ("max_community = 10 is outside ..."), else at [graph].
      const std::string key = e.message().substr(0, e.message().find(" = "));
      t.fail(t.has(key) ? key : "", e.message());
    }
  }
  if (generator == "karate") return karate_club();
  if (generator == "configuration_model") {
    std::vector<std::uint32_t> degrees;
    for (const auto d : t.integers("degrees")) {
      if (d < 0 || d > static_cast<std::int64_t>(kMaxNodes)) t.fail("degrees", "degrees must be non-negative");
      degrees.push_back(static_cast<std::uint32_t>(d));
    }
    return configuration_model(degrees, seed, report);
  }
  if (generator == "empty") return empty_graph(node_count(t));
  if (generator == "complete") return complete_graph(node_count(t));
  if (generator == "ring")
    return ring_graph(node_count(t), static_cast<std::uint32_t>(t.integer_in("k", 1, 1 << 30, 1)));
  if (generator == "star") return star_graph(node_count(t));
  if (generator == "path") return path_graph(node_count(t));
  if (generator == "two_cliques_bridge")
    return two_cliques_bridge(static_cast<NodeId>(t.integer_in("clique_size", 2, 1 << 20)),
                              static_cast<float>(t.number_in("bridge_weight", Range::greater_than(0.0), 1.0)));
  t.fail("generator", fmt::format("unknown generator '{}'", generator));
}

/// A tie strength: a number (every such tie) or [low, high] (uniform per edge).
TieRange tie_range(const ConfigTable& t, const char* key, double fallback) {
  if (!t.has(key) || t.is_number(key)) {
    const double v = t.number_in(key, Range::at_least(0.0), fallback);
    return {v, v};
  }
  const std::vector<double> v = t.numbers(key);
  if (v.size() != 2 || !(v[0] >= 0.0 && v[0] <= v[1] && std::isfinite(v[1])))
    t.fail(key, "expected a number >= 0 or [low, high] with 0 <= low <= high < inf");
  return {v[0], v[1]};
}

const std::vector<std::string> kGenerators = {"erdos_renyi_gnp",
                                              "erdos_renyi_gnm",
                                              "watts_strogatz",
                                              "barabasi_albert",
                                              "stochastic_block_model",
                                              "configuration_model",
                                              "lfr",
                                              "karate",
                                              "empty",
                                              "complete",
                                              "ring",
                                              "star",
                                              "path",
                                              "two_cliques_bridge"};

}  // namespace

Graph graph_from_config(const ConfigTable& t, std::uint64_t seed, const std::string& base_dir, int threads,
                        BuildReport* report) {
  BuildReport local;
  const bool from_file = t.has("file");
  if (from_file == t.has("generator")) t.fail("", "give either 'generator' or 'file' in [graph]");

  Graph graph;
  if (from_file) {
    std::filesystem::path file = t.string("file");
    if (file.is_relative()) file = std::filesystem::path(base_dir) / file;
    ReadOptions options;
    options.build.directed = t.boolean("directed", false);
    const std::string loops = t.choice("self_loops", {"drop", "error"}, "drop");
    options.build.self_loops = loops == "drop" ? BuildOptions::SelfLoops::drop : BuildOptions::SelfLoops::error;
    const std::string dups = t.choice("duplicates", {"first", "sum", "error"}, "first");
    options.build.duplicates = dups == "first" ? BuildOptions::Duplicates::first
                               : dups == "sum" ? BuildOptions::Duplicates::sum
                                               : BuildOptions::Duplicates::error;
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string format = t.choice("format", {"auto", "edgelist", "graphml"}, "auto");
    const bool graphml = format == "graphml" || (format == "auto" && (ext == ".graphml" || ext == ".xml"));
    graph = graphml ? read_graphml(file.string(), options, &local) : read_edge_list(file.string(), options, &local);
    if (graphml && t.has("directed") && options.build.directed != graph.directed())
      t.fail("directed", fmt::format("the GraphML file says edgedefault=\"{}\"; 'directed' cannot change it",
                                     graph.directed() ? "directed" : "undirected"));
    GraphProvenance provenance = graph.provenance();
    provenance.name = file.stem().string();
    graph = graph.with_provenance(std::move(provenance));
  } else {
    const std::string generator = t.choice("generator", kGenerators);
    // Only random generators have (and record) a seed.
    const bool random = generator.rfind("erdos_renyi", 0) == 0 || generator == "watts_strogatz" ||
                        generator == "barabasi_albert" || generator == "stochastic_block_model" ||
                        generator == "configuration_model" || generator == "lfr";
    const auto graph_seed =
        random ? static_cast<std::uint64_t>(t.integer_in("seed", 0, INT64_MAX, static_cast<std::int64_t>(seed))) : 0;
    try {
      graph = generate(t, generator, graph_seed, &local);
    } catch (const Error& e) {
      if (!e.context().file.empty()) throw;
      throw Error(e.message(), t.where());  // the generator's own checks, located at [graph]
    }
  }

  // [graph.attributes.<name>]: node attributes, drawn once from the scenario seed.
  if (const auto attributes = t.table("attributes")) {
    for (const std::string& name : attributes->keys()) {
      const ConfigTable spec_table = attributes->required_table(name);
      const NodeValuesSpec spec = node_values_from_config(spec_table, base_dir);
      check_node_values(spec, graph, 1, spec_table);
      graph = graph.with_attribute(
          name, make_node_values(spec, graph, 1, {seed, StreamPurpose::attributes, 0, stream_id(name), 0}));
    }
  }
  // Tie strengths after the attributes, so that planted ties can use a drawn community label.
  const std::string tie = t.choice("tie_strength", {"weight", "overlap", "planted"}, "weight");
  if (tie == "overlap") {
    try {
      graph = graph.with_tie_strengths(edge_overlap(graph, threads));
    } catch (const Error& e) {
      t.fail("tie_strength", e.message());
    }
  } else if (tie == "planted") {
    const std::string community = t.string("community", "block");
    if (!graph.has_attribute(community))
      t.fail(
          t.has("community") ? "community" : "tie_strength",
          fmt::format("planted tie strengths need community labels; the graph has no node attribute '{}'", community));
    PlantedTies ties;
    ties.within = tie_range(t, "tie_within", ties.within.low);
    ties.between = tie_range(t, "tie_between", ties.between.low);
    graph = graph.with_tie_strengths(planted_tie_strengths(graph, community, ties, seed));
  }

  GraphProvenance provenance = graph.provenance();
  provenance.name = t.string("name", provenance.name.empty() ? provenance.generator : provenance.name);
  // What construction changed in the input is stored with the graph.
  if (local.self_loops_dropped > 0)
    provenance.parameters += fmt::format(" self_loops_dropped={}", local.self_loops_dropped);
  if (local.duplicates_merged > 0)
    provenance.parameters += fmt::format(" duplicates_merged={}", local.duplicates_merged);
  if (report) *report = local;
  return graph.with_provenance(std::move(provenance));
}

}  // namespace contagion::sim
