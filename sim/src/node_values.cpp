#include "contagion/sim/node_values.hpp"

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "contagion/core/error.hpp"

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
      t.choice("distribution", {"uniform", "normal", "linspace", "values", "file", "attribute"}, "uniform");
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
  } else {
    spec.kind = NodeValuesSpec::Kind::attribute;
    spec.attribute = t.string("name");
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
  } else if (spec.kind == NodeValuesSpec::Kind::attribute) {
    if (!graph.has_attribute(spec.attribute))
      t.fail("name", fmt::format("the graph has no node attribute '{}'", spec.attribute));
    const auto& values = graph.attribute(spec.attribute);
    for (std::size_t i = 0; i < values.size(); ++i)
      if (!std::isfinite(values[i]))
        t.fail("name", fmt::format("node attribute '{}' is not finite at node {}", spec.attribute, i));
  }
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
  }
  return x;
}

}  // namespace contagion::sim
