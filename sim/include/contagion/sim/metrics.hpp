#pragma once
// Observers: summary metrics of a state vector, computed per column (topic).
// Sums use deterministic reductions, so metrics are bitwise identical for any thread count.

#include <span>
#include <string>
#include <vector>

#include "contagion/core/parameters.hpp"
#include "contagion/core/run_record.hpp"

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

/// Summaries of a spreading run, from its recorded series (empty when it has no "coverage"):
/// final_coverage; for each level q, t_coverage_<q> (the first recorded time with coverage >= q)
/// and velocity_<q> = 1 / t (both NaN when never reached); for each reached_block_<b> series,
/// t_reached_block_<b> (community penetration); with an "I" series, peak_I and t_peak_I.
/// Their time resolution is the metrics interval.
ParameterList spread_results(const std::vector<double>& time, const std::vector<MetricSeries>& metrics,
                             const std::vector<double>& levels);

}  // namespace contagion::sim
