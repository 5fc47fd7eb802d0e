#pragma once
// The stepping engine, written once for every model: steps until max_steps or until the
// largest change in a step is <= tolerance, takes metrics every k steps (and at the start
// and the end), records full states every k steps when asked, and can be stopped between
// steps (Ctrl-C) through a flag.

#include <cstdint>
#include <vector>

#include "contagion/core/run_control.hpp"
#include "contagion/core/run_record.hpp"
#include "contagion/sim/metrics.hpp"
#include "contagion/sim/model.hpp"

namespace contagion::sim {

struct EngineSettings {
  std::uint64_t max_steps = 1000;
  double tolerance = 1e-9;          ///< stop when max_i |x_i(t+1) - x_i(t)| <= tolerance; < 0: never
  std::uint64_t metrics_every = 1;  ///< k >= 1
  std::uint64_t states_every = 0;   ///< 0: do not record states
  std::vector<Metric> metrics = all_metrics();
  MetricOptions metric_options;                      ///< cluster gap, threshold
  std::vector<double> coverage_levels = {0.5, 0.9};  ///< for spread_results()
  std::uint64_t seed = 0;
  std::uint64_t replicate = 0;
  int threads = 1;
};

struct EngineResult {
  std::uint64_t steps = 0;   ///< steps taken
  bool converged = false;    ///< stopped by the tolerance
  bool interrupted = false;  ///< stopped by the stop flag
  double last_change = 0.0;
  std::vector<double> time;           ///< times (steps x model.dt()) at which metrics were taken
  std::vector<MetricSeries> metrics;  ///< "mean", ..., and "<extra>_mean" for extra states
  std::optional<StateSeries> states;
  std::vector<double> final_state;
};

/// Runs `model` from `initial`. A stop request ends the run after the current step (the
/// result is then marked interrupted); progress is reported as (steps, max_steps).
EngineResult run_model(Model& model, std::span<const double> initial, const EngineSettings& settings,
                       const RunControl& control = {});

}  // namespace contagion::sim
