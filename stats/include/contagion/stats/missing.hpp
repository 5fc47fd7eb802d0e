#pragma once
// Missing values (NaN) are dropped explicitly, as STATS.md recommends, and the count is
// reported with every result: per group for one- and two-sample tests, pairwise for
// correlations, listwise for regressions.

#include <cstddef>
#include <span>
#include <vector>

namespace contagion::stats {

/// The non-missing values of a sample, and how many were dropped.
struct Sample {
  std::vector<double> values;
  std::size_t missing = 0;
};

Sample drop_missing(std::span<const double> x);

/// Pairs (x_i, y_i) with both present. Throws contagion::Error when the sizes differ.
struct Pairs {
  std::vector<double> x, y;
  std::size_t missing = 0;  ///< pairs dropped
};

Pairs complete_pairs(std::span<const double> x, std::span<const double> y);

}  // namespace contagion::stats
