#pragma once
// Rank tests as scipy 1.10 computes them: Mann–Whitney U (two-sided; exact null distribution
// or the tie-corrected normal approximation with continuity correction, chosen by scipy's
// "auto" rule) and Kruskal–Wallis H. Missing values are dropped per group and counted.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace contagion::stats {

enum class UMethod { automatic, exact, asymptotic };

struct MannWhitney {
  double u;        ///< U of x: R1 - n1 (n1 + 1) / 2 (scipy's returned statistic, not min(U1, U2))
  double p;        ///< two-sided
  UMethod method;  ///< the method used (automatic resolved)
  std::size_t n1 = 0, n2 = 0, missing = 0;
};

/// "auto" (scipy's rule): exact when either sample has at most 8 values and there are no ties,
/// else asymptotic. Forced exact ignores ties. Throws contagion::Error for an empty sample, or
/// exact for samples too large for the exact distribution (n1 + n2 > 1000).
MannWhitney mann_whitney_u(std::span<const double> x, std::span<const double> y, UMethod method = UMethod::automatic);

std::string_view to_string(UMethod method);

struct KruskalWallis {
  double h, p, df;
  std::size_t n = 0, missing = 0;
};

/// Tie-corrected H with a chi-squared(k - 1) p-value. Needs at least two non-empty groups.
KruskalWallis kruskal_wallis(const std::vector<std::vector<double>>& groups);

}  // namespace contagion::stats
