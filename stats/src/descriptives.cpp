#include "contagion/stats/descriptives.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "contagion/stats/missing.hpp"

namespace contagion::stats {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// pandas' _zero_out_fperr: sums this small are rounding noise.
double zero_out_rounding(double v) {
  return std::fabs(v) < 1e-14 ? 0.0 : v;
}
}  // namespace

double mean(std::span<const double> x) {
  if (x.empty()) return kNaN;
  double sum = 0.0;
  for (const double v : x) sum += v;
  return sum / static_cast<double>(x.size());
}

double variance(std::span<const double> x, int ddof) {
  const double dof = static_cast<double>(x.size()) - ddof;
  if (x.empty() || dof <= 0.0) return kNaN;
  const double m = mean(x);
  double ss = 0.0;
  for (const double v : x) ss += (v - m) * (v - m);
  return ss / dof;
}

double standard_deviation(std::span<const double> x, int ddof) {
  return std::sqrt(variance(x, ddof));
}

double quantile_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double index = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(index));
  if (lo + 1 >= sorted.size()) return sorted.back();
  const double t = index - static_cast<double>(lo), a = sorted[lo], b = sorted[lo + 1];
  // numpy's _lerp: from the nearer end, so that t = 1 gives b exactly.
  return t >= 0.5 ? b - (b - a) * (1.0 - t) : a + (b - a) * t;
}

std::vector<double> average_ranks(std::span<const double> x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> ranks(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    const double rank = 0.5 * static_cast<double>(i + j) + 1.0;  // average of i+1 .. j+1
    for (std::size_t k = i; k <= j; ++k) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

std::vector<std::size_t> tie_group_sizes(std::span<const double> x) {
  std::vector<double> sorted(x.begin(), x.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j + 1 < sorted.size() && sorted[j + 1] == sorted[i]) ++j;
    if (j > i) sizes.push_back(j - i + 1);
    i = j + 1;
  }
  return sizes;
}

Descriptives describe(std::span<const double> input) {
  Sample s = drop_missing(input);
  std::vector<double>& x = s.values;
  std::sort(x.begin(), x.end());
  Descriptives d{};
  d.n = x.size();
  d.missing = s.missing;
  const double n = static_cast<double>(d.n);
  d.mean = mean(x);
  d.variance = variance(x, 1);
  d.sd = std::sqrt(d.variance);
  d.sem = d.sd / std::sqrt(n);
  d.min = x.empty() ? kNaN : x.front();
  d.max = x.empty() ? kNaN : x.back();
  d.median = quantile_sorted(x, 0.5);
  d.q1 = quantile_sorted(x, 0.25);
  d.q3 = quantile_sorted(x, 0.75);
  // Central moment sums.
  double s2 = 0.0, s3 = 0.0, s4 = 0.0;
  for (const double v : x) {
    const double dv = v - d.mean, dv2 = dv * dv;
    s2 += dv2;
    s3 += dv2 * dv;
    s4 += dv2 * dv2;
  }
  // scipy: moments as means; NaN when m2 is zero up to rounding relative to the mean.
  const double m2 = s2 / n, m3 = s3 / n, m4 = s4 / n;
  const double resolution = 1e-15 * d.mean;
  const bool flat = x.empty() || m2 <= resolution * resolution;
  d.skew_biased = flat ? kNaN : m3 / std::pow(m2, 1.5);
  d.kurtosis_excess_biased = flat ? kNaN : m4 / (m2 * m2) - 3.0;
  // pandas: from the sums, 0 for a constant sample, NaN below 3 (skew) or 4 (kurtosis) values.
  const double z2 = zero_out_rounding(s2), z3 = zero_out_rounding(s3);
  if (d.n < 3)
    d.skew_unbiased = kNaN;
  else
    d.skew_unbiased = z2 == 0.0 ? 0.0 : (n * std::sqrt(n - 1.0) / (n - 2.0)) * (z3 / std::pow(z2, 1.5));
  if (d.n < 4) {
    d.kurtosis_excess_unbiased = kNaN;
  } else {
    const double adj = 3.0 * (n - 1.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0));
    const double numerator = zero_out_rounding(n * (n + 1.0) * (n - 1.0) * s4);
    const double denominator = zero_out_rounding((n - 2.0) * (n - 3.0) * s2 * s2);
    d.kurtosis_excess_unbiased = denominator == 0.0 ? 0.0 : numerator / denominator - adj;
  }
  return d;
}

}  // namespace contagion::stats
