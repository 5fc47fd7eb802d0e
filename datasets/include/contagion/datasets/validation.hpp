#pragma once
// Validating a measure on synthetic studies (the synthetic-truth issue): many replicate studies
// of each sample size go through the real measurement pipeline (optionally through the export
// format and its reader), and the result says how well the truth is recovered: the power to
// detect the true reactivity-EQ correlation, the correlation between measured and true
// reactivity, the false-positive rate of a group t-test where no group effect exists, and the
// bias and RMSE of the measured peaks. Replicates run in parallel; the result does not
// depend on the thread count.

#include <vector>

#include "contagion/core/table.hpp"
#include "contagion/datasets/lab_study.hpp"

namespace contagion::datasets {

struct ValidationSpec {
  LabSpec lab;  ///< participants is replaced by each sample size
  std::vector<int> sample_sizes{20, 40, 80};
  int replicates = 100;
  double alpha = 0.05;
  bool through_format = true;  ///< write each recording in lab.format and read it back
  int threads = 1;
};

struct ValidationResult {
  /// Per sample size: n, replicates, power (Pearson test of EQ against measured overall
  /// reactivity, p < alpha) with its 95 % Wilson interval, mean r(EQ, measured), mean
  /// r(true, measured reactivity), and the false-positive rate of Welch's t-test of measured
  /// reactivity by gender (no true gender effect) with its Wilson interval.
  Table power;
  /// Per sample size: bias and RMSE of the measured max of every channel with a true
  /// response, against the true amplitude, both as fractions of the channel's scale.
  Table recovery;
};

/// Throws contagion::Error for no sample sizes, fewer than 4 participants, or replicates < 1.
ValidationResult validate_measures(const ValidationSpec& spec);

/// The sensitivity table: for each detector noise level (fraction of the scale), the first
/// sample size's power, mean r(true, measured reactivity) and peak RMSE; columns noise_sd,
/// n, power, mean_r_true_measured, peak_rmse.
Table noise_sensitivity(const ValidationSpec& spec, const std::vector<double>& noise_levels);

/// The 95 % Wilson score interval of k successes in n trials.
std::pair<double, double> wilson_interval(int k, int n);

}  // namespace contagion::datasets
