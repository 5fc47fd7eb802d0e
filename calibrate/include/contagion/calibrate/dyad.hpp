#pragma once
// Dyadic contagion from two people's signals at a common frame rate (e.g. one facial channel
// each; MODELS.md §A5.1, "fit by least squares on dyadic response time series"): per direction
//   x_a(t+1) = inertia_a x_a(t) + contagion_{b->a} x_b(t - lag) + c_a,
// ordinary least squares for each lag 0..max_lag on the same targets (t >= max_lag, so the
// criteria compare), the lag chosen by AIC (or BIC); OLS standard errors and t-intervals.
// Inertia is the partner-independent carry-over of one's own state, contagion the weight of
// the partner's earlier state. Frames should be equally spaced; a lag is in frames.

#include <cstddef>
#include <vector>

#include <Eigen/Core>

namespace contagion::calibrate {

struct DyadOptions {
  int max_lag = 5;           ///< lags 0..max_lag frames
  bool use_bic = false;      ///< choose the lag by BIC instead of AIC
  double confidence = 0.95;  ///< of the intervals
};

struct DyadDirection {
  int lag = 0;  ///< chosen lag (frames)
  double inertia = 0.0, inertia_se = 0.0, inertia_low = 0.0, inertia_high = 0.0;
  double contagion = 0.0, contagion_se = 0.0, contagion_low = 0.0, contagion_high = 0.0, contagion_p = 0.0;
  double intercept = 0.0;
  double r_squared = 0.0;
  std::size_t observations = 0;
  std::vector<double> criterion;  ///< AIC (or BIC) per lag 0..max_lag
};

struct DyadFit {
  DyadDirection b_to_a;  ///< a's next value from its own and b's
  DyadDirection a_to_b;  ///< b's next value from its own and a's
};

/// Throws contagion::Error for series of different lengths, missing or infinite values, a
/// negative max_lag, or fewer than max_lag + 5 frames.
DyadFit fit_dyad(const Eigen::VectorXd& a, const Eigen::VectorXd& b, const DyadOptions& options = {});

}  // namespace contagion::calibrate
