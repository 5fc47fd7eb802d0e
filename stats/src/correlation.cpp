#include "contagion/stats/correlation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "contagion/core/error.hpp"
#include "contagion/stats/descriptives.hpp"
#include "contagion/stats/distributions.hpp"
#include "contagion/stats/missing.hpp"

namespace contagion::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Pairs checked_pairs(std::span<const double> x, std::span<const double> y) {
  Pairs pairs = complete_pairs(x, y);
  if (pairs.x.size() < 2) throw Error("a correlation needs at least 2 complete pairs");
  return pairs;
}

/// r = <xm / |xm|, ym / |ym|> with centred vectors (pearsonr's normalisation), clipped.
double pearson_r(std::span<const double> x, std::span<const double> y) {
  const double mx = mean(x), my = mean(y);
  double nx = 0.0, ny = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    nx += (x[i] - mx) * (x[i] - mx);
    ny += (y[i] - my) * (y[i] - my);
  }
  nx = std::sqrt(nx);
  ny = std::sqrt(ny);
  if (nx == 0.0 || ny == 0.0) return kNaN;  // a constant input
  double r = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) r += ((x[i] - mx) / nx) * ((y[i] - my) / ny);
  return std::clamp(r, -1.0, 1.0);
}

void fisher_interval(Correlation& c, double confidence) {
  const double n = static_cast<double>(c.n);
  if (c.n <= 3 || std::isnan(c.r)) {
    c.ci_low = std::isnan(c.r) ? kNaN : -1.0;
    c.ci_high = std::isnan(c.r) ? kNaN : 1.0;
    return;
  }
  const double z = std::atanh(c.r), h = normal_ppf(0.5 + confidence / 2.0) / std::sqrt(n - 3.0);
  c.ci_low = std::tanh(z - h);
  c.ci_high = std::tanh(z + h);
}

/// Two-sided p of r with n - 2 df; r = +-1 gives 0.
double correlation_p(double r, std::size_t n) {
  if (std::isnan(r)) return kNaN;
  const double df = static_cast<double>(n) - 2.0;
  if (df <= 0.0) return kNaN;
  if (std::fabs(r) == 1.0) return 0.0;
  return t_two_sided_p(r * std::sqrt(df / ((1.0 + r) * (1.0 - r))), df);
}

}  // namespace

Correlation pearson(std::span<const double> x, std::span<const double> y, double confidence) {
  const Pairs pairs = checked_pairs(x, y);
  Correlation c{};
  c.n = pairs.x.size();
  c.missing = pairs.missing;
  c.r = pearson_r(pairs.x, pairs.y);
  c.p = c.n == 2 && !std::isnan(c.r) ? 1.0 : correlation_p(c.r, c.n);  // two points always fit a line
  fisher_interval(c, confidence);
  return c;
}

Correlation spearman(std::span<const double> x, std::span<const double> y, double confidence) {
  const Pairs pairs = checked_pairs(x, y);
  Correlation c{};
  c.n = pairs.x.size();
  c.missing = pairs.missing;
  c.r = pearson_r(average_ranks(pairs.x), average_ranks(pairs.y));
  c.p = correlation_p(c.r, c.n);
  fisher_interval(c, confidence);
  return c;
}

}  // namespace contagion::stats
