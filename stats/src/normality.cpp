#include "contagion/stats/normality.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "contagion/core/error.hpp"
#include "contagion/stats/distributions.hpp"
#include "contagion/stats/missing.hpp"

namespace contagion::stats {
namespace {

// c[0] + c[1] x + c[2] x^2 + ...
template <std::size_t N>
double poly(const double (&c)[N], double x) {
  double result = 0.0;
  for (std::size_t i = N; i > 0; --i) result = result * x + c[i - 1];
  return result;
}

// Royston's coefficient polynomials (AS R94).
constexpr double kC1[] = {0.0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056};
constexpr double kC2[] = {0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633};
constexpr double kC3[] = {0.544, -0.39978, 0.025054, -6.714e-4};
constexpr double kC4[] = {1.3822, -0.77857, 0.062767, -0.0020322};
constexpr double kC5[] = {-1.5861, -0.31082, -0.083751, 0.0038915};
constexpr double kC6[] = {-0.4803, -0.082676, 0.0030302};
constexpr double kG[] = {-2.273, 0.459};

/// The antisymmetric coefficients a_1 .. a_{n/2} (a_1 the largest in magnitude).
std::vector<double> coefficients(std::size_t n) {
  const std::size_t half = n / 2;
  std::vector<double> a(half + 1);  // 1-based as in the algorithm
  if (n == 3) {
    a[1] = 0.70710678;  // sqrt(1/2), truncated as in AS R94
    return a;
  }
  const double an = static_cast<double>(n);
  double summ2 = 0.0;
  for (std::size_t i = 1; i <= half; ++i) {
    a[i] = normal_ppf((static_cast<double>(i) - 0.375) / (an + 0.25));
    summ2 += a[i] * a[i];
  }
  summ2 *= 2.0;
  const double ssumm2 = std::sqrt(summ2), rsn = 1.0 / std::sqrt(an);
  const double a1 = poly(kC1, rsn) - a[1] / ssumm2;
  std::size_t first = 2;
  double fac = 0.0;
  if (n > 5) {
    first = 3;
    const double a2 = -a[2] / ssumm2 + poly(kC2, rsn);
    fac = std::sqrt((summ2 - 2.0 * a[1] * a[1] - 2.0 * a[2] * a[2]) / (1.0 - 2.0 * a1 * a1 - 2.0 * a2 * a2));
    a[2] = a2;
  } else {
    fac = std::sqrt((summ2 - 2.0 * a[1] * a[1]) / (1.0 - 2.0 * a1 * a1));
  }
  a[1] = a1;
  for (std::size_t i = first; i <= half; ++i) a[i] /= -fac;
  return a;
}

}  // namespace

ShapiroWilk shapiro_wilk(std::span<const double> input) {
  Sample s = drop_missing(input);
  std::vector<double>& x = s.values;
  const std::size_t n = x.size();
  if (n < 3) throw Error(fmt::format("Shapiro-Wilk needs at least 3 values, got {}", n));
  ShapiroWilk result{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(), n, s.missing};
  std::sort(x.begin(), x.end());
  double range = x.back() - x.front();
  if (range < 1e-10) return result;  // all values equal
  if (range < 1.0) {                 // R rescales small ranges before the algorithm, which scales by the range again
    for (double& v : x) v /= range;
    range = x.back() - x.front();
  }
  const std::vector<double> a = coefficients(n);
  // Coefficient of the i-th order statistic: -a_{i+1} in the lower half, +a in the upper.
  const auto coefficient = [&](std::size_t i) {
    const std::size_t j = n - 1 - i;
    if (i == j) return 0.0;
    return i < j ? -a[1 + i] : a[1 + j];
  };
  // W is the squared correlation between the data and the coefficients; 1 - W from centred
  // sums keeps precision near W = 1.
  double sa = 0.0, sx = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sa += coefficient(i);
    sx += x[i] / range;
  }
  const double an = static_cast<double>(n);
  sa /= an;
  sx /= an;
  double ssa = 0.0, ssx = 0.0, sax = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double asa = coefficient(i) - sa, xsx = x[i] / range - sx;
    ssa += asa * asa;
    ssx += xsx * xsx;
    sax += asa * xsx;
  }
  const double ssassx = std::sqrt(ssa * ssx);
  const double w1 = (ssassx - sax) * (ssassx + sax) / (ssa * ssx);
  result.w = 1.0 - w1;
  if (n == 3) {  // exact
    result.p = std::max(0.0, 1.90985931710274 * (std::asin(std::sqrt(result.w)) - 1.04719755119660));
    return result;
  }
  double y = std::log(w1), m = 0.0, sd = 0.0;
  if (n <= 11) {
    const double gamma = poly(kG, an);
    if (y >= gamma) {
      result.p = 1e-99;  // R's value for W below the approximation's range
      return result;
    }
    y = -std::log(gamma - y);
    m = poly(kC3, an);
    sd = std::exp(poly(kC4, an));
  } else {
    const double u = std::log(an);
    m = poly(kC5, u);
    sd = std::exp(poly(kC6, u));
  }
  result.p = normal_sf((y - m) / sd);
  return result;
}

}  // namespace contagion::stats
