#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "contagion/core/error.hpp"
#include "contagion/core/text_file.hpp"
#include "contagion/sim/graph_io.hpp"

namespace contagion::sim {
namespace {

struct RawEdge {
  std::uint64_t source, target;
  float weight;
};

bool is_separator(char c) {
  return c == ' ' || c == '\t' || c == ',';
}

}  // namespace

Graph parse_edge_list(const std::string& text, const std::string& source_name, const ReadOptions& options,
                      BuildReport* report) {
  std::vector<RawEdge> edges;
  std::size_t fields_per_line = 0;  // fixed by the first data line
  std::uint64_t line_no = 0;
  std::size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  std::string_view fields[4];
  std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t> first_seen;  // only for duplicates = error

  while (pos < text.size()) {
    ++line_no;
    std::size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + pos, end - pos);
    pos = end + (end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n' ? 2 : 1);

    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#' || line[first] == '%') continue;

    auto context = [&](std::size_t column, std::string field) {
      return ErrorContext{source_name, line_no, column + 1, std::move(field)};
    };
    std::size_t count = 0;
    std::size_t columns[4] = {0, 0, 0, 0};
    for (std::size_t i = first; i < line.size();) {
      while (i < line.size() && is_separator(line[i])) ++i;
      if (i >= line.size()) break;
      std::size_t j = i;
      while (j < line.size() && !is_separator(line[j])) ++j;
      if (count == 3)
        throw Error("too many fields: expected 'source target' or 'source target weight'", context(i, ""));
      columns[count] = i;
      fields[count++] = line.substr(i, j - i);
      i = j;
    }
    if (count < 2) throw Error("expected 'source target' or 'source target weight', got one field", context(first, ""));
    if (fields_per_line == 0) fields_per_line = count;
    if (count != fields_per_line)
      throw Error(fmt::format("{} fields, but the first edge line has {}; every line must have the same columns", count,
                              fields_per_line),
                  context(first, ""));

    RawEdge edge{0, 0, 1.0f};
    for (int f = 0; f < 2; ++f) {
      const std::string_view s = fields[f];
      std::uint64_t id = 0;
      const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
      if (ec != std::errc() || ptr != s.data() + s.size() || id > 0xFFFFFFFFFFFFull)
        throw Error(fmt::format("expected a node id (a non-negative integer), got '{}'", s),
                    context(columns[f], f == 0 ? "source" : "target"));
      (f == 0 ? edge.source : edge.target) = id;
    }
    if (count == 3) {
      const std::string_view s = fields[2];
      double w = 0.0;
      const auto [ptr, ec] = fast_float::from_chars(s.data(), s.data() + s.size(), w);
      if (ec != std::errc() || ptr != s.data() + s.size())
        throw Error(fmt::format("expected a weight (a number), got '{}'", s), context(columns[2], "weight"));
      if (!(std::isfinite(w) && w > 0.0))
        throw Error(fmt::format("weight {} is not finite and > 0", s), context(columns[2], "weight"));
      edge.weight = static_cast<float>(w);
    }
    if (edge.source == edge.target && options.build.self_loops == BuildOptions::SelfLoops::error)
      throw Error(fmt::format("self-loop on node {}", edge.source), context(first, ""));
    if (options.build.duplicates == BuildOptions::Duplicates::error) {
      const bool swap = !options.build.directed && edge.source > edge.target;
      const auto key = std::make_pair(swap ? edge.target : edge.source, swap ? edge.source : edge.target);
      const auto [it, inserted] = first_seen.emplace(key, line_no);
      if (!inserted)
        throw Error(fmt::format("duplicate {} {} {} (first on line {})", options.build.directed ? "arc" : "edge",
                                edge.source, edge.target, it->second),
                    context(first, ""));
    }
    edges.push_back(edge);
  }
  if (edges.empty()) throw Error("no edges found (only comments or blank lines)", ErrorContext{source_name});

  // Map the original ids to 0..n-1 in ascending order.
  std::vector<std::uint64_t> ids;
  ids.reserve(2 * edges.size());
  for (const auto& e : edges) {
    ids.push_back(e.source);
    ids.push_back(e.target);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.size() > 0xFFFFFFFFull) throw Error("more than 2^32 - 1 nodes", ErrorContext{source_name});
  auto index = [&](std::uint64_t id) {
    return static_cast<NodeId>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
  };
  std::vector<Arc> arcs;
  arcs.reserve(edges.size());
  for (const auto& e : edges) arcs.push_back({index(e.source), index(e.target), e.weight});
  edges = {};

  const auto n = static_cast<NodeId>(ids.size());
  Graph g = [&] {
    try {
      return Graph::from_arcs(n, std::move(arcs), options.build, report);
    } catch (const Error& e) {
      throw Error(e.message(), ErrorContext{source_name});
    }
  }();
  std::vector<double> original(ids.begin(), ids.end());
  return g.with_attribute("original_id", std::move(original))
      .with_provenance(
          {source_name, "edgelist", fmt::format("file={} directed={}", source_name, options.build.directed)});
}

Graph read_edge_list(const std::string& path, const ReadOptions& options, BuildReport* report) {
  return parse_edge_list(read_text_file(path, "the edge list"), path, options, report);
}

}  // namespace contagion::sim
