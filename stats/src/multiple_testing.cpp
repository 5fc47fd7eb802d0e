#include "contagion/stats/multiple_testing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "contagion/core/error.hpp"

namespace contagion::stats {
namespace {

std::vector<std::size_t> ascending_order(std::span<const double> p) {
  for (std::size_t i = 0; i < p.size(); ++i)
    if (!(p[i] >= 0.0 && p[i] <= 1.0))
      throw Error(fmt::format("p-value {} (position {}) is not in [0, 1]; drop missing values first", p[i], i + 1));
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  return order;
}

}  // namespace

Adjusted benjamini_hochberg(std::span<const double> p, double alpha) {
  const std::vector<std::size_t> order = ascending_order(p);
  const std::size_t m = p.size();
  Adjusted out{std::vector<double>(m), std::vector<bool>(m, false)};
  // Reject the k smallest, k the largest rank with p_(k) <= k alpha / m.
  std::size_t rejected = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const double ecdf = static_cast<double>(i + 1) / static_cast<double>(m);
    if (p[order[i]] <= ecdf * alpha) rejected = i + 1;
  }
  double running = 1.0;  // running minimum of p_(j) m / j from the largest j down
  for (std::size_t i = m; i > 0; --i) {
    const double ecdf = static_cast<double>(i) / static_cast<double>(m);
    running = std::min(running, p[order[i - 1]] / ecdf);
    out.p[order[i - 1]] = std::min(running, 1.0);
    out.reject[order[i - 1]] = i <= rejected;
  }
  return out;
}

Adjusted holm(std::span<const double> p, double alpha) {
  const std::vector<std::size_t> order = ascending_order(p);
  const std::size_t m = p.size();
  Adjusted out{std::vector<double>(m), std::vector<bool>(m, false)};
  bool stopped = false;  // the first p_(i) above alpha / (m - i + 1) stops the rejections
  double running = 0.0;  // running maximum of (m - i + 1) p_(i)
  for (std::size_t i = 0; i < m; ++i) {
    const double factor = static_cast<double>(m - i), value = p[order[i]];
    if (value > alpha / factor) stopped = true;
    out.reject[order[i]] = !stopped;
    running = std::max(running, value * factor);
    out.p[order[i]] = std::min(running, 1.0);
  }
  return out;
}

}  // namespace contagion::stats
