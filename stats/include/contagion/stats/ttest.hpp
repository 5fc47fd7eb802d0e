#pragma once
// Student, Welch and paired t-tests as scipy.stats.ttest_ind / ttest_rel compute them, with
// the mean difference and its confidence interval, and the effect sizes researchpy reports
// (both of its conventions, STATS.md). Missing values are dropped per group (paired: per
// pair) and counted.

#include <cstddef>
#include <span>

namespace contagion::stats {

struct TTest {
  double t, df, p;             ///< two-sided p; Welch's df is fractional (NaN when both variances are 0)
  double mean_difference;      ///< mean(x) - mean(y) (paired: mean of x - y)
  double se;                   ///< standard error of the difference
  double ci_low, ci_high;      ///< mean_difference -+ t_{df}(1 - (1 - confidence) / 2) se
  std::size_t n1 = 0, n2 = 0;  ///< values used (paired: n1 = n2 = pairs)
  std::size_t missing = 0;     ///< values (paired: pairs) dropped
};

/// Student's two-sample t-test (pooled variance). Throws contagion::Error when a group is empty.
TTest student_t(std::span<const double> x, std::span<const double> y, double confidence = 0.95);
/// Welch's t-test (Welch–Satterthwaite df).
TTest welch_t(std::span<const double> x, std::span<const double> y, double confidence = 0.95);
/// Paired t-test on x - y; zero differences are kept. Throws when the lengths differ.
TTest paired_t(std::span<const double> x, std::span<const double> y, double confidence = 0.95);

/// Two-sample effect sizes (missing values dropped per group).
struct EffectSizes {
  double cohen_d_pooled;  ///< (mean x - mean y) / pooled SD (researchpy >= 0.3, for Student and Welch)
  double hedges_g;        ///< d (1 - 3 / (4 (n1 + n2) - 9))
  double glass_delta;     ///< (mean x - mean y) / SD of x
  double r_signed;        ///< t / sqrt(t^2 + df) of the given test (researchpy since 2022)
  double r_unsigned;      ///< sqrt(t^2 / (t^2 + df)) (researchpy 0.3.1-0.3.2)
  double cohen_d_from_t;  ///< t sqrt(1/n1 + 1/n2) (researchpy <= 0.2)
};

EffectSizes effect_sizes(std::span<const double> x, std::span<const double> y, const TTest& test);

/// Paired effect sizes: d = mean(diff) / SD(diff), d_av = (mean x - mean y) / ((SD x + SD y) / 2).
struct PairedEffectSizes {
  double d, d_av, r_signed;
};

PairedEffectSizes paired_effect_sizes(std::span<const double> x, std::span<const double> y, const TTest& test);

}  // namespace contagion::stats
