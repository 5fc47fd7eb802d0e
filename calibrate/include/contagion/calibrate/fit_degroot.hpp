#pragma once
// Fitting DeGroot averaging to observed time series (MODELS.md §A3.3): each agent's next value
// is a convex combination of the current values, x_i(t+1) = sum_j w_ij x_j(t) with w_ij >= 0,
// sum_j w_ij = 1. Each row of W is the constrained least-squares fit of agent i's next values
// on the current values (accelerated projected gradient onto the probability simplex), over
// every step of every trajectory given. Held-out steps give the prediction error against the
// persistence baseline x(t+1) = x(t); a bootstrap over steps gives percentile intervals.

#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace contagion::calibrate {

/// One observed trajectory: rows are time steps, columns agents (or macro-agents).
using Trajectory = Eigen::MatrixXd;

struct DeGrootFitOptions {
  /// Optional support: allowed(i, j) = false forbids a weight (a known graph; the diagonal is
  /// always allowed). Empty: every weight allowed.
  Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic> allowed;
  int max_iterations = 20000;
  double tolerance = 1e-13;  ///< stop when the objective improves by less than this, relatively
};

struct DeGrootFit {
  Eigen::MatrixXd weights;  ///< n x n, row-stochastic
  double train_mse = 0.0;   ///< mean squared one-step error on the fitting steps
  std::size_t steps = 0;    ///< transitions used
};

/// Throws contagion::Error for trajectories of different widths, non-finite values, or
/// fewer transitions than one.
DeGrootFit fit_degroot(const std::vector<Trajectory>& trajectories, const DeGrootFitOptions& options = {});

struct Prediction {
  double model_mse = 0.0, persistence_mse = 0.0;
  double r2_vs_persistence = 0.0;  ///< 1 - model / persistence (0: no better than persistence)
};

/// One-step predictions of held-out trajectories.
Prediction predict_degroot(const Eigen::MatrixXd& weights, const std::vector<Trajectory>& held_out);

struct WeightIntervals {
  Eigen::MatrixXd low, high;  ///< percentile bounds per weight
};

/// Resamples the transitions with replacement `replicates` times (seeded) and refits.
WeightIntervals bootstrap_degroot(const std::vector<Trajectory>& trajectories, int replicates, double confidence,
                                  std::uint64_t seed, const DeGrootFitOptions& options = {});

/// Euclidean projection onto the probability simplex (Duchi et al. 2008), restricted to the
/// entries where `mask` is true (the others are set to 0).
Eigen::VectorXd project_to_simplex(const Eigen::VectorXd& v, const std::vector<bool>& mask);

}  // namespace contagion::calibrate
