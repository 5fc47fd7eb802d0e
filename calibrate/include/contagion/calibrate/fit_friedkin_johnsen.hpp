#pragma once
// Fitting Friedkin–Johnsen (Friedkin & Johnsen 1990, 1999; MODELS.md §A2) to observed time
// series, with the simulator's parametrisation (sim::FriedkinJohnsen):
//   x_i(t+1) = lambda_i sum_j w_ij x_j(t) + (1 - lambda_i) u_i,  u = x(0) of the trajectory,
// W row-stochastic, susceptibility lambda_i in [0, 1]. Substituting v_ij = lambda_i w_ij and
// v_i0 = 1 - lambda_i makes each row one simplex-constrained least squares over the regressors
// (x_1(t), ..., x_n(t), u_i): the same solver as fit_degroot with one more column, so the fit
// is the global least-squares optimum. Then lambda_i = sum_j v_ij and w_ij = v_ij / lambda_i.
// (The original papers' coupling lambda_i = 1 - w_ii is not imposed.)

#include <vector>

#include <Eigen/Core>

#include "contagion/calibrate/fit_degroot.hpp"

namespace contagion::calibrate {

struct FriedkinJohnsenFit {
  Eigen::MatrixXd weights;         ///< n x n, row-stochastic; row i = e_i where lambda_i = 0 (not identified)
  Eigen::VectorXd susceptibility;  ///< lambda_i in [0, 1]
  double train_mse = 0.0;          ///< mean squared one-step error on the fitting steps
  std::size_t steps = 0;           ///< transitions used
  std::size_t parameters = 0;      ///< free parameters: non-zero (v_i, 1 - lambda_i) entries minus one per row
};

/// Each trajectory's first row is its prejudice u = x(0). `options.allowed` restricts W's
/// support (a known graph; the diagonal is always allowed). Throws contagion::Error for
/// trajectories of different widths, non-finite values, or no transition.
FriedkinJohnsenFit fit_friedkin_johnsen(const std::vector<Trajectory>& trajectories,
                                        const DeGrootFitOptions& options = {});

/// x(t+1) = Lambda W x(t) + (I - Lambda) u.
Eigen::VectorXd friedkin_johnsen_step(const FriedkinJohnsenFit& fit, const Eigen::VectorXd& x,
                                      const Eigen::VectorXd& prejudice);

}  // namespace contagion::calibrate
