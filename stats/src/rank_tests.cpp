#include "contagion/stats/rank_tests.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "contagion/core/error.hpp"
#include "contagion/stats/descriptives.hpp"
#include "contagion/stats/distributions.hpp"
#include "contagion/stats/missing.hpp"

namespace contagion::stats {
namespace {

/// P(U >= k) under the null for sample sizes m, n (no ties): the number of arrangements with
/// U = j is the coefficient of q^j in the Gaussian binomial [m + n choose m]_q, built one
/// factor (1 - q^{n+i}) / (1 - q^i) at a time; by symmetry P(U >= k) = P(U <= mn - k).
double exact_u_sf(std::size_t k, std::size_t m, std::size_t n) {
  const std::size_t top = m * n;
  if (k > top) return 0.0;
  std::vector<double> c(top + 1, 0.0);
  c[0] = 1.0;
  for (std::size_t i = 1; i <= m; ++i) {
    const std::size_t degree = i * n;                                                   // degree of [n + i choose i]_q
    for (std::size_t j = degree; j >= n + i && j <= degree; --j) c[j] -= c[j - n - i];  // * (1 - q^{n+i})
    for (std::size_t j = i; j <= degree; ++j) c[j] += c[j - i];                         // / (1 - q^i)
  }
  double total = 0.0, below = 0.0;
  for (std::size_t j = 0; j <= top; ++j) total += c[j];
  for (std::size_t j = 0; j <= top - k; ++j) below += c[j];
  return below / total;
}

}  // namespace

std::string_view to_string(UMethod method) {
  switch (method) {
    case UMethod::exact:
      return "exact";
    case UMethod::asymptotic:
      return "asymptotic";
    default:
      return "auto";
  }
}

MannWhitney mann_whitney_u(std::span<const double> x_in, std::span<const double> y_in, UMethod method) {
  const Sample x = drop_missing(x_in), y = drop_missing(y_in);
  const std::size_t n1 = x.values.size(), n2 = y.values.size();
  if (n1 == 0 || n2 == 0) throw Error("Mann-Whitney U needs at least one value in each sample");
  std::vector<double> pooled(x.values);
  pooled.insert(pooled.end(), y.values.begin(), y.values.end());
  const std::vector<double> ranks = average_ranks(pooled);
  double r1 = 0.0;
  for (std::size_t i = 0; i < n1; ++i) r1 += ranks[i];
  const double a = static_cast<double>(n1), b = static_cast<double>(n2);
  MannWhitney r{};
  r.u = r1 - a * (a + 1.0) / 2.0;
  r.n1 = n1;
  r.n2 = n2;
  r.missing = x.missing + y.missing;
  const double u_max = std::max(r.u, a * b - r.u);
  const std::vector<std::size_t> ties = tie_group_sizes(pooled);
  if (method == UMethod::automatic) method = (n1 > 8 && n2 > 8) || !ties.empty() ? UMethod::asymptotic : UMethod::exact;
  r.method = method;
  double p = 0.0;
  if (method == UMethod::exact) {
    if (n1 + n2 > 1000)
      throw Error(fmt::format("the exact Mann-Whitney distribution is limited to 1000 values; got {} + {}", n1, n2));
    p = exact_u_sf(static_cast<std::size_t>(u_max), n1, n2);  // scipy truncates a half-integer U
  } else {
    const double total = a + b;
    double tie_term = 0.0;
    for (const std::size_t t : ties) {
      const double tt = static_cast<double>(t);
      tie_term += tt * tt * tt - tt;
    }
    const double sigma = std::sqrt(a * b / 12.0 * ((total + 1.0) - tie_term / (total * (total - 1.0))));
    const double z = (u_max - a * b / 2.0 - 0.5) / sigma;  // all tied: -0.5 / 0 = -inf, p = 1
    p = normal_sf(z);
  }
  r.p = std::clamp(2.0 * p, 0.0, 1.0);
  return r;
}

KruskalWallis kruskal_wallis(const std::vector<std::vector<double>>& groups) {
  std::vector<Sample> samples;
  std::vector<double> pooled;
  KruskalWallis r{};
  for (const auto& g : groups) {
    samples.push_back(drop_missing(g));
    r.missing += samples.back().missing;
    if (samples.back().values.empty()) throw Error("Kruskal-Wallis: a group has no values");
    pooled.insert(pooled.end(), samples.back().values.begin(), samples.back().values.end());
  }
  if (samples.size() < 2) throw Error("Kruskal-Wallis needs at least two groups");
  const std::vector<double> ranks = average_ranks(pooled);
  const double n = static_cast<double>(pooled.size());
  double sum = 0.0;
  std::size_t offset = 0;
  for (const Sample& s : samples) {
    double rank_sum = 0.0;
    for (std::size_t i = 0; i < s.values.size(); ++i) rank_sum += ranks[offset + i];
    offset += s.values.size();
    sum += rank_sum * rank_sum / static_cast<double>(s.values.size());
  }
  double tie_term = 0.0;
  for (const std::size_t t : tie_group_sizes(pooled)) {
    const double tt = static_cast<double>(t);
    tie_term += tt * tt * tt - tt;
  }
  const double correction = 1.0 - tie_term / (n * n * n - n);
  r.h = (12.0 / (n * (n + 1.0)) * sum - 3.0 * (n + 1.0)) / correction;
  r.df = static_cast<double>(samples.size() - 1);
  r.p = chi2_sf(r.h, r.df);
  r.n = pooled.size();
  return r;
}

}  // namespace contagion::stats
