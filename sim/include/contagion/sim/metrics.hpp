#pragma once
// Observers: summary metrics of a state vector, computed per column (topic).
// Sums use deterministic reductions, so metrics are bitwise identical for any thread count.

#include <span>
#include <string>
#include <vector>

namespace contagion::sim {

enum class Metric { mean, variance, min, max, spread, clusters, above };

/// "mean", "variance" (population, divisor n), "min", "max", "spread" (max - min),
/// "clusters" (number of groups of sorted values separated by gaps > cluster_gap),
/// "above" (fraction of nodes with a value > threshold, e.g. an emotion level).
std::string to_string(Metric metric);
Metric parse_metric(const std::string& name);
/// The metrics taken when a scenario does not list them: all but "above".
std::vector<Metric> all_metrics();

struct MetricOptions {
  double cluster_gap = 1e-3;  ///< gap that separates opinion clusters
  double threshold = 0.5;     ///< for "above"
};

/// The metric of column `column` of a row-major n x columns state.
double compute_metric(Metric metric, std::span<const double> state, std::size_t columns, std::size_t column,
                      const MetricOptions& options, int threads);

}  // namespace contagion::sim
