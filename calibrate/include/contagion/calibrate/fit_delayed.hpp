#pragma once
// Fitting DeGroot with delayed perception (MODELS.md §A3.1; sim::DelayedDeGroot) to observed
// time series: an agent perceives itself now and the others with lags 0..L,
//   x_i(t+1) = w_ii x_i(t) + sum_{j != i} sum_{tau=0..L} w_ij^tau x_j(t - tau),
// with all weights >= 0 and summing to 1 over (j, tau) per row: the simplex-constrained least
// squares of fit_degroot over the lagged regressors. The simulator gives each arc one delay
// tau_ij; its W and delays are recovered as w_ij = sum_tau w_ij^tau and tau_ij = the lag with
// the largest weight (a fit that spreads a pair's weight over several lags says the data do
// not pin one delay down).

#include <vector>

#include <Eigen/Core>

#include "contagion/calibrate/fit_degroot.hpp"

namespace contagion::calibrate {

struct DelayedFitOptions {
  int max_lag = 2;  ///< L >= 0
  /// true: also the agent's own past values x_i(t - tau), tau >= 1 (MODELS.md has the self-weight at lag 0 only)
  bool self_lags = false;
  /// true: x(-k) = x(0) before each trajectory's start (the simulator's default history), so
  /// every transition is used; false: the first L transitions of each trajectory only serve as history.
  bool constant_history = false;
  DeGrootFitOptions solver;  ///< support (allowed(i, j) applies to every lag) and iterations
};

struct DelayedFit {
  std::vector<Eigen::MatrixXd> lag_weights;  ///< L+1 matrices: lag_weights[tau](i, j) = w_ij^tau
  Eigen::MatrixXd weights;                   ///< sum over lags: row-stochastic
  Eigen::MatrixXi dominant_lag;              ///< lag with the largest weight per pair (0 where w_ij = 0)
  double train_mse = 0.0;
  std::size_t steps = 0;       ///< transitions used
  std::size_t parameters = 0;  ///< non-zero weights minus one per row
};

/// Throws contagion::Error for trajectories of different widths, non-finite values, a negative
/// max_lag, or no transition with a complete history.
DelayedFit fit_delayed_degroot(const std::vector<Trajectory>& trajectories, const DelayedFitOptions& options = {});

/// The next state from the states so far (`past`: rows are x(0)..x(t), at least L+1 rows
/// unless `constant_history`, which repeats x(0) before the start).
Eigen::VectorXd delayed_step(const DelayedFit& fit, const Eigen::MatrixXd& past, bool constant_history = false);

/// The weighted-mean delay of the arcs (the uniform delay closest to the fit, for a scenario).
double mean_delay(const DelayedFit& fit);

}  // namespace contagion::calibrate
