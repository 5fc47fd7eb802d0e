#include "contagion/stats/ttest.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "contagion/core/error.hpp"
#include "contagion/stats/descriptives.hpp"
#include "contagion/stats/distributions.hpp"
#include "contagion/stats/missing.hpp"

namespace contagion::stats {
namespace {

struct Groups {
  Sample x, y;
};

Groups groups(std::span<const double> x, std::span<const double> y) {
  Groups g{drop_missing(x), drop_missing(y)};
  if (g.x.values.empty() || g.y.values.empty())
    throw Error("a two-sample t-test needs at least one value in each group (after dropping missing values)");
  return g;
}

double interval_half_width(double se, double df, double confidence) {
  return t_ppf(1.0 - (1.0 - confidence) / 2.0, df) * se;
}

TTest finish(double difference, double se, double df, double confidence, const Groups& g) {
  TTest r{};
  r.mean_difference = difference;
  r.se = se;
  r.df = df;
  r.t = difference / se;  // +-inf when se = 0 and the means differ, NaN for 0/0
  // An infinite t (zero variance, different means) has p = 0 whatever the df, which is NaN
  // for Welch when both variances are 0 (scipy substitutes df = 1).
  r.p = std::isinf(r.t) ? 0.0 : t_two_sided_p(r.t, df);
  const double h = interval_half_width(se, df, confidence);
  r.ci_low = difference - h;
  r.ci_high = difference + h;
  r.n1 = g.x.values.size();
  r.n2 = g.y.values.size();
  r.missing = g.x.missing + g.y.missing;
  return r;
}

}  // namespace

TTest student_t(std::span<const double> x, std::span<const double> y, double confidence) {
  const Groups g = groups(x, y);
  const double n1 = static_cast<double>(g.x.values.size()), n2 = static_cast<double>(g.y.values.size());
  const double df = n1 + n2 - 2.0;
  const double v1 = n1 > 1 ? variance(g.x.values) : 0.0, v2 = n2 > 1 ? variance(g.y.values) : 0.0;
  const double pooled = ((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / df;
  const double se = std::sqrt(pooled * (1.0 / n1 + 1.0 / n2));
  return finish(mean(g.x.values) - mean(g.y.values), se, df, confidence, g);
}

TTest welch_t(std::span<const double> x, std::span<const double> y, double confidence) {
  const Groups g = groups(x, y);
  const double n1 = static_cast<double>(g.x.values.size()), n2 = static_cast<double>(g.y.values.size());
  const double a = variance(g.x.values) / n1, b = variance(g.y.values) / n2;
  const double df = (a + b) * (a + b) / (a * a / (n1 - 1.0) + b * b / (n2 - 1.0));
  return finish(mean(g.x.values) - mean(g.y.values), std::sqrt(a + b), df, confidence, g);
}

TTest paired_t(std::span<const double> x, std::span<const double> y, double confidence) {
  const Pairs pairs = complete_pairs(x, y);
  if (pairs.x.empty()) throw Error("a paired t-test needs at least one complete pair");
  std::vector<double> d(pairs.x.size());
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = pairs.x[i] - pairs.y[i];
  const double n = static_cast<double>(d.size());
  Groups g{{pairs.x, 0}, {pairs.y, 0}};
  TTest r = finish(mean(d), standard_deviation(d) / std::sqrt(n), n - 1.0, confidence, g);
  r.missing = pairs.missing;
  return r;
}

EffectSizes effect_sizes(std::span<const double> x, std::span<const double> y, const TTest& test) {
  const Groups g = groups(x, y);
  const double n1 = static_cast<double>(g.x.values.size()), n2 = static_cast<double>(g.y.values.size());
  const double s1 = variance(g.x.values), s2 = variance(g.y.values);
  const double difference = mean(g.x.values) - mean(g.y.values);
  EffectSizes e{};
  e.cohen_d_pooled = difference / std::sqrt(((n1 - 1.0) * s1 + (n2 - 1.0) * s2) / (n1 + n2 - 2.0));
  e.hedges_g = e.cohen_d_pooled * (1.0 - 3.0 / (4.0 * (n1 + n2) - 9.0));
  e.glass_delta = difference / std::sqrt(s1);
  e.r_signed = test.t / std::sqrt(test.t * test.t + test.df);
  e.r_unsigned = std::sqrt(test.t * test.t / (test.t * test.t + test.df));
  e.cohen_d_from_t = test.t * std::sqrt(1.0 / n1 + 1.0 / n2);
  return e;
}

PairedEffectSizes paired_effect_sizes(std::span<const double> x, std::span<const double> y, const TTest& test) {
  const Pairs pairs = complete_pairs(x, y);
  std::vector<double> d(pairs.x.size());
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = pairs.x[i] - pairs.y[i];
  PairedEffectSizes e{};
  e.d = mean(d) / standard_deviation(d);
  e.d_av = (mean(pairs.x) - mean(pairs.y)) / ((standard_deviation(pairs.x) + standard_deviation(pairs.y)) / 2.0);
  e.r_signed = test.t / std::sqrt(test.t * test.t + test.df);
  return e;
}

}  // namespace contagion::stats
