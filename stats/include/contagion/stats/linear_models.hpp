#pragma once
// The scikit-learn pieces the field's studies use, with sklearn's definitions: StandardScaler
// (population SD; zero-variance columns keep scale 1), LinearRegression (least squares with an
// intercept, minimum-norm when rank-deficient) and ElasticNet by cyclic coordinate descent
// with sklearn's objective and duality-gap stopping rule, so that even its iteration counts
// at the default tolerance agree.

#include <cstddef>
#include <span>
#include <vector>

#include <Eigen/Core>

namespace contagion::stats {

struct StandardScaler {
  Eigen::RowVectorXd mean, scale;

  /// Fits on the given rows of x (all rows when empty).
  static StandardScaler fit(const Eigen::MatrixXd& x, std::span<const std::size_t> rows = {});
  Eigen::MatrixXd transform(const Eigen::MatrixXd& x) const;
};

struct LinearFit {
  Eigen::VectorXd coef;
  double intercept = 0.0;
  Eigen::VectorXd predict(const Eigen::MatrixXd& x) const;
};

/// Least squares on the given rows (all when empty), X and y centred on those rows.
LinearFit linear_regression(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::span<const std::size_t> rows = {});

struct ElasticNetOptions {
  double alpha = 1.0;     ///< overall penalty
  double l1_ratio = 0.5;  ///< rho: 1 = lasso, 0 = ridge
  double tol = 1e-4;
  std::size_t max_iter = 1000;
};

struct ElasticNetFit : LinearFit {
  std::size_t n_iter = 0;  ///< sweeps done
  double dual_gap = 0.0;   ///< the last duality gap / n (sklearn's dual_gap_)
  bool converged = false;  ///< gap below tol * ||y||^2 before max_iter ran out
};

/// The sufficient statistics of a least-squares problem on some rows, X and y centred on them:
/// G = X'X, q = X'y, ||y||^2, the means. Coordinate descent needs nothing else, and a grid
/// search builds it once per fold for every grid point.
struct CenteredGram {
  Eigen::MatrixXd gram;
  Eigen::VectorXd xty;
  double yy = 0.0;
  Eigen::RowVectorXd x_mean;
  double y_mean = 0.0;
  std::size_t rows = 0;

  static CenteredGram of(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::span<const std::size_t> rows = {});
};

/// Minimises (1 / (2n)) ||y - X w - b||^2 + alpha rho ||w||_1 + alpha (1 - rho) / 2 ||w||^2
/// on the given rows (all when empty), with X and y centred on those rows and b = mean y -
/// mean x' w. Throws contagion::Error for alpha < 0, rho outside [0, 1] or alpha = 0.
/// Sweeps, stopping rule and duality gap are sklearn's; the coordinate updates run on the Gram
/// matrix (the same iterates, up to rounding).
ElasticNetFit elastic_net(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const ElasticNetOptions& options,
                          std::span<const std::size_t> rows = {});
ElasticNetFit elastic_net(const CenteredGram& problem, const ElasticNetOptions& options);

/// The elastic-net objective of a fit on the given rows (all when empty).
double elastic_net_objective(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const LinearFit& fit,
                             const ElasticNetOptions& options, std::span<const std::size_t> rows = {});

/// 1 - SS_res / SS_tot with the mean of the scored y (not clipped: can be very negative);
/// a constant y gives 1 for perfect predictions, else 0 (sklearn's force_finite).
double r2_score(const Eigen::VectorXd& y, const Eigen::VectorXd& predicted);
double mean_absolute_error(const Eigen::VectorXd& y, const Eigen::VectorXd& predicted);
double mean_squared_error(const Eigen::VectorXd& y, const Eigen::VectorXd& predicted);

/// The rows of x (or entries of y) with the given indices.
Eigen::MatrixXd select_rows(const Eigen::MatrixXd& x, std::span<const std::size_t> rows);
Eigen::VectorXd select_rows(const Eigen::VectorXd& y, std::span<const std::size_t> rows);

}  // namespace contagion::stats
