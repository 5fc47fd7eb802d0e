#pragma once
// The scenario suite (bench/scenarios): run a scenario, check its expected result (its
// [bench] table, expectation.hpp) and measure it.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "contagion/core/run_control.hpp"
#include "contagion/core/run_record.hpp"
#include "contagion/sim/scenario.hpp"

namespace contagion::sim {

struct BenchResult {
  std::string name;  ///< the scenario's name
  std::string file;
  std::string model;
  std::uint64_t nodes = 0, arcs = 0, replicates = 0, steps = 0;  ///< steps: summed over replicates
  std::optional<Expectation> expectation;
  double value = 0.0;   ///< the expectation's statistic (NaN without one)
  bool met = false;     ///< false without an expectation
  double wall_s = 0.0;  ///< running the replicates (the graph build not included)
  /// Arc updates per second (steps x arcs / wall_s); node updates for graphs without arcs
  /// (complete mixing), `throughput_unit` says which.
  double throughput = 0.0;
  std::string throughput_unit;
};

/// Reads the scenario (with its [bench] reduced changes when `reduced`), runs every replicate
/// on `threads` threads, hands each record to `sink` (may be empty) and evaluates the
/// expectation.
BenchResult run_bench_scenario(const std::string& path, bool reduced, int threads,
                               const std::function<void(RunRecord&&, const Scenario&)>& sink = {},
                               const RunControl& control = {});

/// The scenario text with its [bench] reduced changes applied (the text itself without).
std::string reduced_scenario_text(const std::string& path);

}  // namespace contagion::sim
