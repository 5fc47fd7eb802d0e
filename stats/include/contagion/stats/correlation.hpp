#pragma once
// Pearson and Spearman correlations as scipy.stats.pearsonr / spearmanr compute them, with
// two-sided p-values and Fisher-z confidence intervals. Rows with a missing value in either
// variable are dropped (pairwise deletion, as pandas .corr() and spearmanr(nan_policy='omit')).

#include <cstddef>
#include <span>

namespace contagion::stats {

struct Correlation {
  double r;                ///< Pearson r or Spearman rho, in [-1, 1]
  double p;                ///< two-sided; t-test with n - 2 df
  double ci_low, ci_high;  ///< Fisher z: tanh(atanh(r) -+ z_{(1+c)/2} / sqrt(n - 3)); [-1, 1] for n <= 3
  std::size_t n = 0, missing = 0;
};

/// Throws contagion::Error for fewer than 2 complete pairs or different lengths. A constant
/// variable gives NaN for r and p.
Correlation pearson(std::span<const double> x, std::span<const double> y, double confidence = 0.95);
/// Pearson on average ranks. n = 2 gives p = NaN (no degrees of freedom), as scipy.
Correlation spearman(std::span<const double> x, std::span<const double> y, double confidence = 0.95);

}  // namespace contagion::stats
