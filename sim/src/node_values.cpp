#include "contagion/sim/node_values.hpp"

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"

namespace contagion::sim {

/// Whitespace- or comma-separated numbers, one or more per line; '#' starts a comment.
std::vector<double> read_numbers(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open the numbers file for reading", ErrorContext{path});
  std::vector<double> values;
  std::string line;
  std::uint64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == ',' || line[i] == '\r')) ++i;
      if (i >= line.size()) break;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != ',' && line[j] != '\r') ++j;
      double v = 0.0;
      const auto [ptr, ec] = fast_float::from_chars(line.data() + i, line.data() + j, v);
      if (ec != std::errc() || ptr != line.data() + j || !std::isfinite(v))
        throw Error(fmt::format("expected a finite number, got '{}'", line.substr(i, j - i)),
                    ErrorContext{path, line_no, i + 1, ""});
      values.push_back(v);
      i = j;
    }
  }
  return values;
}

NodeValuesSpec node_values_from_config(const ConfigTable& t, const std::string& base_dir) {
  NodeValuesSpec spec;
  const std::string kind =
      t.choice("distribution", {"uniform", "normal", "linspace", "values", "file", "attribute", "seeds"}, "uniform");
  if (kind == "uniform" || kind == "linspace") {
    spec.kind = kind == "uniform" ? NodeValuesSpec::Kind::uniform : NodeValuesSpec::Kind::linspace;
    spec.low = t.number_in("low", Range::finite(), 0.0);
    spec.high = t.number_in("high", Range::finite(), 1.0);
    if (!(spec.high >= spec.low)) t.fail("high", fmt::format("high = {} is below low = {}", spec.high, spec.low));
  } else if (kind == "normal") {
    spec.kind = NodeValuesSpec::Kind::normal;
    spec.mean = t.number_in("mean", Range::finite(), 0.0);
    spec.sd = t.number_in("sd", {0.0, 1.7976931348623157e308, true, true}, 1.0);
  } else if (kind == "values") {
    spec.kind = NodeValuesSpec::Kind::values;
    spec.values = t.numbers("values");
  } else if (kind == "file") {
    spec.kind = NodeValuesSpec::Kind::values;
    std::filesystem::path file = t.string("path");
    if (file.is_relative()) file = std::filesystem::path(base_dir) / file;
    spec.values = read_numbers(file.string());
  } else if (kind == "attribute") {
    spec.kind = NodeValuesSpec::Kind::attribute;
    spec.attribute = t.string("name");
  } else {
    spec.kind = NodeValuesSpec::Kind::seeds;
    const int given = int{t.has("nodes")} + int{t.has("fraction")} + int{t.has("top_degree")} + int{t.has("block")};
    if (given != 1) t.fail("distribution", "seeds need exactly one of: nodes, fraction, top_degree, block");
    if (t.has("nodes")) {
      spec.seeds = NodeValuesSpec::Seeds::nodes;
      for (const auto v : t.integers("nodes")) {
        if (v < 0) t.fail("nodes", fmt::format("node {} is negative", v));
        spec.seed_nodes.push_back(static_cast<std::uint64_t>(v));
      }
    } else if (t.has("fraction")) {
      spec.seeds = NodeValuesSpec::Seeds::fraction;
      spec.fraction = t.number_in("fraction", Range::unit());
    } else if (t.has("top_degree")) {
      spec.seeds = NodeValuesSpec::Seeds::top_degree;
      spec.top_degree = static_cast<std::uint64_t>(t.integer_in("top_degree", 0, INT64_MAX));
    } else {
      spec.seeds = NodeValuesSpec::Seeds::block;
      spec.block = t.number_in("block", Range::finite());
    }
    spec.seed_value = t.number_in("value", Range::finite(), 1.0);
  }
  return spec;
}

void check_node_values(const NodeValuesSpec& spec, const Graph& graph, std::size_t columns, const ConfigTable& t) {
  if (spec.kind == NodeValuesSpec::Kind::values) {
    const std::size_t expected = std::size_t{graph.num_nodes()} * columns;
    if (spec.values.size() != expected)
      throw Error(fmt::format("{} values given; the graph has {} nodes x {} columns = {}", spec.values.size(),
                              graph.num_nodes(), columns, expected),
                  t.where());
  } else if (spec.kind == NodeValuesSpec::Kind::seeds) {
    if (spec.seeds == NodeValuesSpec::Seeds::nodes)
      for (const auto v : spec.seed_nodes)
        if (v >= graph.num_nodes())
          t.fail("nodes", fmt::format("seed node {} is not a node of the graph (0..{})", v, graph.num_nodes() - 1));
    if (spec.seeds == NodeValuesSpec::Seeds::top_degree && spec.top_degree > graph.num_nodes())
      t.fail("top_degree", fmt::format("top_degree = {} exceeds the {} nodes", spec.top_degree, graph.num_nodes()));
    if (spec.seeds == NodeValuesSpec::Seeds::block && !graph.has_attribute("block"))
      t.fail("block",
             "the graph has no node attribute 'block' (stochastic_block_model and two_cliques_bridge have one)");
  } else if (spec.kind == NodeValuesSpec::Kind::attribute) {
    if (!graph.has_attribute(spec.attribute))
      t.fail("name", fmt::format("the graph has no node attribute '{}'", spec.attribute));
    const auto& values = graph.attribute(spec.attribute);
    for (std::size_t i = 0; i < values.size(); ++i)
      if (!std::isfinite(values[i]))
        t.fail("name", fmt::format("node attribute '{}' is not finite at node {}", spec.attribute, i));
  }
}

std::vector<NodeId> seed_nodes(const NodeValuesSpec& spec, const Graph& graph, const StreamKey& key) {
  const NodeId n = graph.num_nodes();
  std::vector<NodeId> chosen;
  switch (spec.seeds) {
    case NodeValuesSpec::Seeds::nodes:
      for (const auto v : spec.seed_nodes) chosen.push_back(static_cast<NodeId>(v));
      break;
    case NodeValuesSpec::Seeds::fraction: {
      // The first k of a Fisher–Yates shuffle: k distinct nodes, every k-subset equally likely.
      const auto k = static_cast<NodeId>(std::llround(spec.fraction * n));
      std::vector<NodeId> order(n);
      for (NodeId i = 0; i < n; ++i) order[i] = i;
      RandomStream rng(key);
      for (NodeId i = 0; i < k; ++i) std::swap(order[i], order[i + rng.below(n - i)]);
      chosen.assign(order.begin(), order.begin() + k);
      break;
    }
    case NodeValuesSpec::Seeds::top_degree: {
      std::vector<NodeId> order(n);
      for (NodeId i = 0; i < n; ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(),
                       [&](NodeId a, NodeId b) { return graph.degree(a) > graph.degree(b); });
      chosen.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(spec.top_degree));
      break;
    }
    case NodeValuesSpec::Seeds::block: {
      const auto& block = graph.attribute("block");
      for (NodeId i = 0; i < n; ++i)
        if (block[i] == spec.block) chosen.push_back(i);
      break;
    }
  }
  return chosen;
}

std::vector<double> make_node_values(const NodeValuesSpec& spec, const Graph& graph, std::size_t columns,
                                     const StreamKey& key) {
  const std::size_t n = graph.num_nodes();
  std::vector<double> x(n * columns);
  switch (spec.kind) {
    case NodeValuesSpec::Kind::uniform:
    case NodeValuesSpec::Kind::normal:
      for (std::size_t i = 0; i < n; ++i) {
        StreamKey node_key = key;
        node_key.entity = i;
        RandomStream rng(node_key);
        for (std::size_t c = 0; c < columns; ++c)
          x[i * columns + c] = spec.kind == NodeValuesSpec::Kind::uniform ? rng.uniform(spec.low, spec.high)
                                                                          : spec.mean + spec.sd * rng.normal();
      }
      break;
    case NodeValuesSpec::Kind::linspace:
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < columns; ++c)
          x[i * columns + c] =
              n == 1 ? spec.low
                     : spec.low + (spec.high - spec.low) * static_cast<double>(i) / static_cast<double>(n - 1);
      break;
    case NodeValuesSpec::Kind::values:
      x = spec.values;
      break;
    case NodeValuesSpec::Kind::attribute: {
      const auto& a = graph.attribute(spec.attribute);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < columns; ++c) x[i * columns + c] = a[i];
      break;
    }
    case NodeValuesSpec::Kind::seeds:
      for (const NodeId v : seed_nodes(spec, graph, key))
        for (std::size_t c = 0; c < columns; ++c) x[std::size_t{v} * columns + c] = spec.seed_value;
      break;
  }
  return x;
}

}  // namespace contagion::sim
