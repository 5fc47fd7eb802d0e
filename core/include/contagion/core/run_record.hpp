#pragma once
// The one record of a simulation run, as produced by sim/ and written by store/.
// Plain data: it lives in core so that neither of those modules depends on the other.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "contagion/core/parameters.hpp"

namespace contagion {

/// One metric over time: `values` is row-major [T × columns] (columns > 1 for
/// multi-topic models, one column per topic).
struct MetricSeries {
  std::string name;
  std::vector<double> values;
  std::size_t columns = 1;
};

/// Full states recorded every k steps: row-major [times.size() × nodes × columns].
struct StateSeries {
  std::vector<double> times;
  std::vector<float> values;
  std::size_t nodes = 0;
  std::size_t columns = 1;
};

struct RunRecord {
  std::string id;  ///< unique within a store, e.g. "degroot-demo.s42.r0"
  std::string scenario_name;
  std::string scenario_text;  ///< the scenario file verbatim
  std::string model;          ///< "degroot", "hk", ...
  ParameterList parameters;   ///< every scenario parameter, defaults included, dotted keys
  std::uint64_t seed = 0;
  std::uint64_t replicate = 0;
  std::string graph_id;  ///< content id of the graph in /graphs
  int threads = 1;
  std::string started;  ///< ISO 8601 UTC
  std::string finished;
  double wall_s = 0.0;
  std::string version;  ///< "contagion X.Y.Z (git SHA)"

  std::vector<double> time;           ///< [T] times at which metrics were taken
  std::vector<MetricSeries> metrics;  ///< each [T] or [T × columns]
  std::optional<StateSeries> states;  ///< only when recording was asked for
  std::vector<double> final_state;    ///< [N × columns], always kept
  std::size_t final_columns = 1;
  ParameterList results;  ///< steps, converged, ... (stored as "result.*" attributes)
};

/// Plain arrays describing a graph for storage: the CSR arrays of DESIGN.md's layout.
struct GraphArrays {
  std::string name;
  std::string generator;
  std::string parameters;  ///< generator parameters as "key=value" text
  bool directed = false;
  std::uint64_t nodes = 0;
  std::span<const std::uint64_t> offsets;  ///< [N+1]
  std::span<const std::uint32_t> targets;  ///< [M]
  std::span<const float> weight;           ///< [M]
  std::span<const float> tie_strength;     ///< [M]
  /// Named node attributes, each [N] (block labels, susceptibility, original ids, ...).
  std::vector<std::pair<std::string, std::span<const double>>> node_attributes;
};

}  // namespace contagion
