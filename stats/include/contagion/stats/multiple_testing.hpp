#pragma once
// Corrections for multiple comparisons, as statsmodels' multipletests computes them:
// Benjamini–Hochberg (false discovery rate) and Holm (family-wise error), adjusted p-values
// in input order and the rejections at level alpha.

#include <span>
#include <vector>

namespace contagion::stats {

struct Adjusted {
  std::vector<double> p;     ///< adjusted p-values, in input order, clipped at 1
  std::vector<bool> reject;  ///< hypothesis rejected at alpha
};

/// Throws contagion::Error for a missing (NaN) or out-of-range p-value: drop them first
/// (statsmodels turns every result into NaN).
Adjusted benjamini_hochberg(std::span<const double> p, double alpha = 0.05);
Adjusted holm(std::span<const double> p, double alpha = 0.05);

}  // namespace contagion::stats
