#pragma once
// Fitting the expressed–private opinion model (Ye, Qin, Govaert, Anderson & Cao, Automatica
// 107 (2019); MODELS.md §A3.2; sim::ExpressedPrivate) from the expressed opinions x̂ alone,
// through its reduced form. Eliminating the private opinions (Phi invertible) gives, for t >= 1,
//   x̂(t+1) = A1 x̂(t) + A2 x̂(t-1) + c,
//   A1 = Lambda D_W + Phi Lambda W~ + (I - Phi) W,  A2 = -Lambda D_W (I - Phi) W,
//   c  = Phi (I - Lambda) x(0)  (one constant per trajectory: x(0) is private),
// with D_W = diag(w_ii), W~ = W - D_W (MODELS.md gives the Lambda = I case; the Lambda terms
// follow the same algebra). Each row is fitted by ordinary least squares (A2 is <= 0, so no
// simplex constraint), then mapped back: s_i = sum_j (A1 + A2)_ij = 1 - phi_i (1 - lambda_i),
// w_ij = A1_ij / s_i (j != i), w_ii = 1 - sum_{j != i} w_ij, and phi_i, lambda_i from
// phi (2 - m_i - phi) = 1 - s_i, lambda_i = m_i - 1 + phi_i, m_i = A1_ii / w_ii.
// The reduced form cannot tell (phi_i, lambda_i) from (1 - lambda_i, 1 - phi_i): both give the
// same A1, A2 and c. We report the root with phi_i + lambda_i >= 1 (which contains every
// non-stubborn agent, lambda_i = 1) and the other one as `alternative_*`.

#include <vector>

#include <Eigen/Core>

#include "contagion/calibrate/fit_degroot.hpp"

namespace contagion::calibrate {

struct EpoFitOptions {
  /// One constant c per trajectory (stubborn agents, lambda < 1). false: c = 0 (Lambda = I).
  bool intercept = true;
};

struct EpoFit {
  Eigen::MatrixXd a1, a2;    ///< n x n reduced-form coefficients
  Eigen::MatrixXd constant;  ///< n x (trajectories): c per agent and trajectory (zero without intercept)
  // Mapped back to the structural parameters (clamped into their ranges under noise):
  Eigen::MatrixXd weights;                                             ///< W, row-stochastic
  Eigen::VectorXd resilience;                                          ///< phi_i in [0, 1]
  Eigen::VectorXd susceptibility;                                      ///< lambda_i in [0, 1]
  Eigen::VectorXd alternative_resilience, alternative_susceptibility;  ///< the observationally equivalent root
  double train_mse = 0.0;
  std::size_t steps = 0;       ///< transitions used (t >= 1 of each trajectory)
  std::size_t parameters = 0;  ///< n (2n + trajectories) with intercepts, 2 n^2 without
};

/// The trajectories are expressed opinions. Throws contagion::Error for trajectories of
/// different widths, non-finite values, or fewer transitions than coefficients per row.
EpoFit fit_epo(const std::vector<Trajectory>& expressed, const EpoFitOptions& options = {});

/// x̂(t+1) from the expressed states so far (`past`: rows x̂(0)..x̂(t), t >= 1) of trajectory `k`.
Eigen::VectorXd epo_step(const EpoFit& fit, const Eigen::MatrixXd& past, std::size_t k);

}  // namespace contagion::calibrate
