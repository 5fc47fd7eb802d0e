#pragma once
// Parameter sweeps: a scenario run at every point of a cartesian grid of key values, with
// replicates. Every (point, replicate) is an independent run whose id and random streams
// depend only on the point's values, the seed and the replicate, never on the order, thread
// or process that computes it: a sweep can be interrupted, resumed, split or run in parallel
// and gives the same runs.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contagion/core/config_edit.hpp"
#include "contagion/core/run_control.hpp"
#include "contagion/core/run_record.hpp"
#include "contagion/sim/scenario.hpp"

namespace contagion::sim {

/// One varied key ("model.epsilon") and its values as TOML value text.
struct SweepAxis {
  std::string key;
  std::vector<std::string> values;
};

/// Parses "KEY=A:B:N" (N evenly spaced values from A to B; integers when A and B are
/// integers and the step is whole) or "KEY=V1,V2,..." (values as written: numbers, true,
/// words). Throws UsageError for anything else.
SweepAxis parse_sweep_axis(std::string_view spec);

struct SweepOptions {
  std::optional<std::uint64_t> seed;        ///< the base seed (default: the scenario's)
  std::optional<std::uint64_t> replicates;  ///< default: the scenario's
  /// Every point runs with the base seed (common random numbers: the same random graph and
  /// streams everywhere). Otherwise each point derives its own seed from the base seed and
  /// its values.
  bool common_seed = false;
};

struct SweepPoint {
  std::vector<KeyAssignment> assignments;
  std::string label;   ///< "model.epsilon=0.2,graph.k=4" ("" without axes)
  std::uint64_t seed;  ///< the point's scenario seed
  std::string text;    ///< the point's complete scenario, stored with its runs
};

struct SweepPlan {
  std::string name;         ///< the scenario's name
  std::string source_name;  ///< the scenario file
  std::string base_dir;     ///< for the scenario's relative paths
  std::uint64_t replicates = 1;
  std::vector<SweepPoint> points;  ///< the cartesian grid, last axis varying fastest

  std::uint64_t runs() const noexcept { return points.size() * replicates; }
};

/// Reads the scenario and builds every point, checking each point's scenario completely
/// (an out-of-range value at any point is an error before anything runs).
SweepPlan plan_sweep(const std::string& path, const std::vector<SweepAxis>& axes, const SweepOptions& options = {});

/// The point's checked scenario (its graph built).
Scenario point_scenario(const SweepPlan& plan, std::size_t point);

/// "<name>@<label>.s<seed>.r<replicate>" ("<name>.s<seed>.r<replicate>" without axes).
std::string sweep_run_id(const SweepPlan& plan, std::size_t point, std::uint64_t replicate);

/// The seed a point gets from the base seed and its label: a Philox draw keyed by (base seed,
/// the label's FNV-1a hash), in [0, 2^63).
std::uint64_t derived_point_seed(std::uint64_t base_seed, std::string_view label);

/// Runs every (point, replicate) for which `done(id)` is false and hands each record to
/// `sink` with its point's scenario, as it finishes, one call at a time (from worker
/// threads). Small graphs run several runs at once, one thread each; large ones one run at
/// a time on all threads. The records carry "sweep.point" (the label) among their
/// parameters. A stop request ends the runs under way (their records say interrupted) and
/// starts no more. Progress is reported in runs.
void run_sweep(const SweepPlan& plan, int threads, const std::function<bool(const std::string& id)>& done,
               const std::function<void(RunRecord&&, const Scenario&)>& sink, const RunControl& control = {});

}  // namespace contagion::sim
