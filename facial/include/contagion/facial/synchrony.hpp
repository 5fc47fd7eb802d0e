#pragma once
// Dyadic synchrony as windowed lagged cross-correlation (Ramseyer & Tschacher; rMEA's
// MEAccf): in windows of `window_s` seconds every `step_s` seconds, the correlation of s1(t)
// with s2(t + lag) for lags -L..L (positive lag: s2 follows s1), with R's ccf normalisation
// (sums over the overlap divided by the window length and the window's SDs), then Fisher z
// (atanh of r clipped to +-(1 - 1e-7)) and its absolute value. Aggregates per window: lag 0,
// the mean over all lags, over positive lags (s2 follows), over negative lags (s1 follows),
// and the best lag; the grand average is the mean over windows of the all-lag mean.
//
// Pseudo-synchrony (the null): the same measure on s1 and segment-shuffled copies of s2
// (segments of `segment_s`, permuted by a seeded Philox stream), or on re-paired dyads.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace contagion::facial {

struct SynchronyOptions {
  double window_s = 60.0;
  double step_s = 30.0;
  double max_lag_s = 5.0;
};

struct Synchrony {
  double rate = 0.0;          ///< samples per second
  std::vector<double> lag_s;  ///< -L .. L in samples / rate
  std::vector<double> window_start_s;
  std::vector<std::vector<double>> z;  ///< [window][lag]: |Fisher z|; NaN where undefined
  std::vector<double> lag0, mean_all, mean_s2_follows, mean_s1_follows, best_lag_s;
  double grand_average = 0.0;  ///< mean over windows of mean_all (NaN windows skipped)
};

/// Throws contagion::Error when the series differ in length, the window does not fit, or
/// the options are not positive.
Synchrony lagged_synchrony(std::span<const double> s1, std::span<const double> s2, double rate,
                           const SynchronyOptions& options = {});

struct SurrogateSummary {
  std::vector<double> grand_averages;  ///< one per surrogate
  double mean = 0.0, sd = 0.0;
  double z = 0.0;  ///< (real - mean) / sd
  double p = 0.0;  ///< (1 + #surrogates >= real) / (1 + n)
};

/// Segment-shuffled surrogates of s2 against s1; deterministic in `seed`.
SurrogateSummary shuffled_surrogates(std::span<const double> s1, std::span<const double> s2, double rate,
                                     const SynchronyOptions& options, double real_grand_average, double segment_s,
                                     int count, std::uint64_t seed);

/// Re-paired dyads: s1 of dyad i with s2 of dyad j != i (each pair truncated to the shorter
/// length); the grand average of every such pair, in (i, j) order.
std::vector<double> repaired_grand_averages(const std::vector<std::vector<double>>& s1,
                                            const std::vector<std::vector<double>>& s2, double rate,
                                            const SynchronyOptions& options);

/// Two whitespace- or comma-separated columns with an optional header line (rMEA's text
/// files: "pat" "th"). Errors name the file and line.
void read_two_columns(const std::string& path, std::vector<double>& first, std::vector<double>& second,
                      std::vector<std::string>* names = nullptr);

}  // namespace contagion::facial
