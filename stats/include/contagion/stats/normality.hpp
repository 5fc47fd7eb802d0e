#pragma once
// Shapiro–Wilk's test of normality: Royston's algorithm AS R94 in double precision, as R's
// shapiro.test runs it (scipy 1.10 runs the same algorithm in single precision, so its W is
// good to about 1e-7 only; STATS.md). Missing values are dropped and counted.

#include <cstddef>
#include <span>

namespace contagion::stats {

struct ShapiroWilk {
  double w, p;
  std::size_t n = 0, missing = 0;
};

/// Throws contagion::Error for fewer than 3 values. All values equal: W and p are NaN (R
/// refuses such a sample; scipy returns W = p = 1, its starting values). Above 5000 values the
/// p-value approximation is outside its validated range (R refuses; we compute, like scipy).
ShapiroWilk shapiro_wilk(std::span<const double> x);

}  // namespace contagion::stats
