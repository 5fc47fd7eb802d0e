#pragma once
// Ordinary least squares with the numbers of statsmodels' OLS(...).fit().summary():
// coefficients by the pseudo-inverse (minimum-norm when the design is rank-deficient, like
// statsmodels and numpy lstsq; R drops aliased columns instead), standard errors, t, p and
// confidence intervals, R^2 and adjusted R^2, F, log-likelihood, AIC/BIC and the residual
// diagnostics (Durbin–Watson, Jarque–Bera, omnibus). Rows with a missing value are dropped
// (listwise) and counted.

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace contagion::stats {

struct OlsOptions {
  /// Add an intercept column "const" first, unless X already has a non-zero constant column
  /// (statsmodels' add_constant(has_constant='skip'): that column then plays the intercept).
  bool add_constant = true;
  double confidence = 0.95;
};

struct OlsResult {
  std::vector<std::string> names;  ///< "const" (when added) then the given names
  Eigen::VectorXd params, bse, t, p, ci_low, ci_high;
  std::size_t nobs = 0, missing = 0;  ///< rows used, rows dropped
  std::size_t rank = 0, k_constant = 0;
  double df_model, df_resid;
  double ssr, centered_tss, uncentered_tss, ess, scale;
  double r_squared, r_squared_adj, f, f_p;
  double log_likelihood, aic, bic;
  double condition_number;  ///< sqrt(lambda_max / lambda_min) of X'X
  double durbin_watson, jarque_bera, jarque_bera_p, skew, kurtosis, omnibus, omnibus_p;
  bool constant_added = false;
  Eigen::VectorXd residuals;
};

/// X is n x p (no intercept column unless you want one), y has n values; `names` names X's
/// columns (x1, x2, ... when empty). Throws contagion::Error when sizes disagree or fewer
/// complete rows than one remain.
OlsResult ols(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::vector<std::string> names = {},
              const OlsOptions& options = {});

/// D'Agostino–Pearson K^2 (scipy.stats.normaltest): statistic and p; NaN below 8 values.
struct NormalTest {
  double statistic, p;
};
NormalTest dagostino_pearson(const Eigen::VectorXd& x);

}  // namespace contagion::stats
