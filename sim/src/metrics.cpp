#include "contagion/sim/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "contagion/core/error.hpp"
#include "parallel.hpp"

namespace contagion::sim {

std::string to_string(Metric metric) {
  switch (metric) {
    case Metric::mean:
      return "mean";
    case Metric::variance:
      return "variance";
    case Metric::min:
      return "min";
    case Metric::max:
      return "max";
    case Metric::spread:
      return "spread";
    case Metric::clusters:
      return "clusters";
    case Metric::above:
      return "above";
  }
  return "?";
}

std::vector<Metric> all_metrics() {
  return {Metric::mean, Metric::variance, Metric::min, Metric::max, Metric::spread, Metric::clusters};
}

Metric parse_metric(const std::string& name) {
  for (const Metric m : all_metrics())
    if (to_string(m) == name) return m;
  if (name == "above") return Metric::above;
  throw Error(fmt::format("unknown metric '{}' (mean, variance, min, max, spread, clusters, above)", name));
}

double compute_metric(Metric metric, std::span<const double> state, std::size_t columns, std::size_t column,
                      const MetricOptions& options, int threads) {
  const std::size_t n = columns == 0 ? 0 : state.size() / columns;
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  auto at = [&](std::size_t i) { return state[i * columns + column]; };
  switch (metric) {
    case Metric::mean:
      return detail::deterministic_sum(n, threads, at) / static_cast<double>(n);
    case Metric::variance: {
      const double mean = detail::deterministic_sum(n, threads, at) / static_cast<double>(n);
      return detail::deterministic_sum(n, threads,
                                       [&](std::size_t i) {
                                         const double d = at(i) - mean;
                                         return d * d;
                                       }) /
             static_cast<double>(n);
    }
    case Metric::min: {
      double m = at(0);
      for (std::size_t i = 1; i < n; ++i) m = std::min(m, at(i));
      return m;
    }
    case Metric::max: {
      double m = at(0);
      for (std::size_t i = 1; i < n; ++i) m = std::max(m, at(i));
      return m;
    }
    case Metric::spread: {
      double lo = at(0), hi = at(0);
      for (std::size_t i = 1; i < n; ++i) {
        lo = std::min(lo, at(i));
        hi = std::max(hi, at(i));
      }
      return hi - lo;
    }
    case Metric::clusters: {
      std::vector<double> sorted(n);
      for (std::size_t i = 0; i < n; ++i) sorted[i] = at(i);
      std::sort(sorted.begin(), sorted.end());
      double count = 1.0;
      for (std::size_t i = 1; i < n; ++i)
        if (sorted[i] - sorted[i - 1] > options.cluster_gap) count += 1.0;
      return count;
    }
    case Metric::above:
      return detail::deterministic_sum(n, threads,
                                       [&](std::size_t i) { return at(i) > options.threshold ? 1.0 : 0.0; }) /
             static_cast<double>(n);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

ParameterList spread_results(const std::vector<double>& time, const std::vector<MetricSeries>& metrics,
                             const std::vector<double>& levels) {
  ParameterList out;
  const auto series = [&](const std::string& name) -> const MetricSeries* {
    for (const auto& m : metrics)
      if (m.name == name && m.columns == 1 && m.values.size() == time.size()) return &m;
    return nullptr;
  };
  const MetricSeries* coverage = series("coverage");
  if (!coverage || time.empty()) return out;
  out.push_back({"final_coverage", coverage->values.back()});
  for (const double q : levels) {
    double reached = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t k = 0; k < time.size(); ++k)
      if (coverage->values[k] >= q) {
        reached = time[k];
        break;
      }
    out.push_back({fmt::format("t_coverage_{}", q), reached});
    out.push_back(
        {fmt::format("velocity_{}", q), reached > 0.0 ? 1.0 / reached : std::numeric_limits<double>::quiet_NaN()});
  }
  for (const auto& m : metrics) {
    if (m.name.rfind("reached_block_", 0) != 0 || m.values.size() != time.size()) continue;
    double reached = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t k = 0; k < time.size(); ++k)
      if (m.values[k] > 0.0) {
        reached = time[k];
        break;
      }
    out.push_back({"t_" + m.name, reached});
  }
  if (const MetricSeries* infected = series("I")) {
    const auto peak = std::max_element(infected->values.begin(), infected->values.end());
    out.push_back({"peak_I", *peak});
    out.push_back({"t_peak_I", time[static_cast<std::size_t>(peak - infected->values.begin())]});
  }
  return out;
}

}  // namespace contagion::sim
