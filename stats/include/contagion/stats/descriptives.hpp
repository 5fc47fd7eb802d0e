#pragma once
// Descriptive statistics with the conventions of the reference libraries: SDs with ddof = 1,
// numpy's linear quantiles (= pandas), skewness and excess kurtosis both biased (scipy's
// default) and bias-corrected (pandas' .skew() / .kurt()). Missing values (NaN) are dropped
// and counted.

#include <cstddef>
#include <span>
#include <vector>

namespace contagion::stats {

double mean(std::span<const double> x);                    ///< NaN when empty
double variance(std::span<const double> x, int ddof = 1);  ///< sum of squared deviations / (n - ddof)
double standard_deviation(std::span<const double> x, int ddof = 1);
/// numpy's default (linear) quantile of sorted values, q in [0, 1].
double quantile_sorted(std::span<const double> sorted, double q);
/// 1-based ranks with ties given their average rank (scipy.stats.rankdata's "average").
std::vector<double> average_ranks(std::span<const double> x);
/// Sizes of the groups of equal values (only groups of 2 or more), from any order.
std::vector<std::size_t> tie_group_sizes(std::span<const double> x);

struct Descriptives {
  std::size_t n = 0;        ///< values used
  std::size_t missing = 0;  ///< NaN dropped
  double mean, sd, variance, sem;
  double min, max, median, q1, q3;
  double skew_biased, skew_unbiased;                        ///< scipy.stats.skew; pandas .skew()
  double kurtosis_excess_biased, kurtosis_excess_unbiased;  ///< scipy.stats.kurtosis; pandas .kurt()
};

Descriptives describe(std::span<const double> x);

}  // namespace contagion::stats
