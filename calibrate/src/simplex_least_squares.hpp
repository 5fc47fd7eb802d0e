#pragma once
// What the averaging fits share (private to calibrate/): the simplex-constrained row solver,
// the checks on observed trajectories, and percentiles for bootstrap intervals.

#include <vector>

#include <Eigen/Core>

namespace contagion::calibrate::detail {

/// min_w ||y - Z w||^2 subject to w >= 0, sum w = 1 and w_j = 0 where mask_j is false, given
/// the normal-equation pieces gram = Z'Z, zty = Z'y, yy = y'y. Accelerated projected gradient
/// (FISTA, step 1/lipschitz with lipschitz >= 2 lambda_max(Z'Z)), then an active-set polish
/// that solves the equality-constrained problem on the support exactly (KKT system).
Eigen::VectorXd simplex_least_squares(const Eigen::MatrixXd& gram, const Eigen::VectorXd& zty, double yy,
                                      double lipschitz, const std::vector<bool>& mask, int max_iterations,
                                      double tolerance);

/// 2 lambda_max(gram): the Lipschitz constant of the least-squares gradient.
double lipschitz_constant(const Eigen::MatrixXd& gram);

/// Throws contagion::Error (naming `model`) when there are no trajectories, when their widths
/// differ, or when a value is missing or infinite (naming the trajectory, step and agent).
/// Returns the number of agents.
Eigen::Index check_trajectories(const std::vector<Eigen::MatrixXd>& trajectories, const char* model);

/// Linear-interpolation percentile of sorted values, q in [0, 1].
double percentile(const std::vector<double>& sorted, double q);

}  // namespace contagion::calibrate::detail
