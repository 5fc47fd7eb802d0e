#include "contagion/sim/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

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
  if (time.empty()) return out;
  const auto first_time = [&](const MetricSeries& m, auto&& reached) {
    for (std::size_t k = 0; k < time.size(); ++k)
      if (reached(m.values[k])) return time[k];
    return std::numeric_limits<double>::quiet_NaN();
  };
  // A series "coverage", or "<prefix>_coverage" for one emotion of several: the results carry
  // the same prefix.
  const auto prefix_of = [](const std::string& name, std::string_view base) -> std::optional<std::string> {
    if (name == base) return "";
    if (name.size() > base.size() + 1 && name.ends_with(base) && name[name.size() - base.size() - 1] == '_')
      return name.substr(0, name.size() - base.size());
    return std::nullopt;
  };
  for (const auto& m : metrics) {
    if (m.columns != 1 || m.values.size() != time.size()) continue;
    if (const auto prefix = prefix_of(m.name, "coverage")) {
      out.push_back({*prefix + "final_coverage", m.values.back()});
      for (const double q : levels) {
        const double reached = first_time(m, [q](double c) { return c >= q; });
        out.push_back({fmt::format("{}t_coverage_{}", *prefix, q), reached});
        out.push_back({fmt::format("{}velocity_{}", *prefix, q),
                       reached > 0.0 ? 1.0 / reached : std::numeric_limits<double>::quiet_NaN()});
      }
    } else if (m.name.find("reached_block_") != std::string::npos) {
      out.push_back({"t_" + m.name, first_time(m, [](double r) { return r > 0.0; })});
    } else if (const auto infected = prefix_of(m.name, "I")) {
      const auto peak = std::max_element(m.values.begin(), m.values.end());
      out.push_back({*infected + "peak_I", *peak});
      out.push_back({*infected + "t_peak_I", time[static_cast<std::size_t>(peak - m.values.begin())]});
    }
  }
  return out;
}

}  // namespace contagion::sim
