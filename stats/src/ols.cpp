#include "contagion/stats/ols.hpp"

#include <fmt/format.h>

#include <Eigen/SVD>
#include <cmath>
#include <limits>
#include <numbers>

#include "contagion/core/error.hpp"
#include "contagion/stats/distributions.hpp"

namespace contagion::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_nonzero_constant(const Eigen::VectorXd& column) {
  return column.size() > 0 && column.maxCoeff() == column.minCoeff() && column(0) != 0.0;
}

/// Moment (biased) skewness and kurtosis (not excess), as scipy.stats.skew / kurtosis.
std::pair<double, double> moment_shape(const Eigen::VectorXd& x) {
  const double m = x.mean();
  const Eigen::ArrayXd d = x.array() - m;
  const double m2 = d.square().mean(), m3 = d.cube().mean(), m4 = d.square().square().mean();
  return {m3 / std::pow(m2, 1.5), m4 / (m2 * m2)};
}

std::size_t numeric_rank(const Eigen::VectorXd& singular, std::size_t rows, std::size_t cols) {
  if (singular.size() == 0) return 0;
  const double tol =
      singular.maxCoeff() * static_cast<double>(std::max(rows, cols)) * std::numeric_limits<double>::epsilon();
  std::size_t rank = 0;
  for (Eigen::Index i = 0; i < singular.size(); ++i) rank += singular(i) > tol;
  return rank;
}

}  // namespace

NormalTest dagostino_pearson(const Eigen::VectorXd& x) {
  const double n = static_cast<double>(x.size());
  if (x.size() < 8) return {kNaN, kNaN};
  const auto [skew, kurt] = moment_shape(x);
  // Skewness test (D'Agostino 1970).
  double y = skew * std::sqrt((n + 1.0) * (n + 3.0) / (6.0 * (n - 2.0)));
  const double beta2 =
      3.0 * (n * n + 27.0 * n - 70.0) * (n + 1.0) * (n + 3.0) / ((n - 2.0) * (n + 5.0) * (n + 7.0) * (n + 9.0));
  const double w2 = -1.0 + std::sqrt(2.0 * (beta2 - 1.0));
  const double delta = 1.0 / std::sqrt(0.5 * std::log(w2));
  const double alpha = std::sqrt(2.0 / (w2 - 1.0));
  if (y == 0.0) y = 1.0;  // scipy's guard
  const double zs = delta * std::log(y / alpha + std::sqrt((y / alpha) * (y / alpha) + 1.0));
  // Kurtosis test (Anscombe & Glynn 1983).
  const double e = 3.0 * (n - 1.0) / (n + 1.0);
  const double var_b2 = 24.0 * n * (n - 2.0) * (n - 3.0) / ((n + 1.0) * (n + 1.0) * (n + 3.0) * (n + 5.0));
  const double xk = (kurt - e) / std::sqrt(var_b2);
  const double sqrt_beta1 = 6.0 * (n * n - 5.0 * n + 2.0) / ((n + 7.0) * (n + 9.0)) *
                            std::sqrt(6.0 * (n + 3.0) * (n + 5.0) / (n * (n - 2.0) * (n - 3.0)));
  const double a = 6.0 + 8.0 / sqrt_beta1 * (2.0 / sqrt_beta1 + std::sqrt(1.0 + 4.0 / (sqrt_beta1 * sqrt_beta1)));
  const double term1 = 1.0 - 2.0 / (9.0 * a);
  const double denom = 1.0 + xk * std::sqrt(2.0 / (a - 4.0));
  const double term2 = denom == 0.0 ? kNaN : std::copysign(std::cbrt((1.0 - 2.0 / a) / std::fabs(denom)), denom);
  const double zk = (term1 - term2) / std::sqrt(2.0 / (9.0 * a));
  const double k2 = zs * zs + zk * zk;
  return {k2, chi2_sf(k2, 2.0)};
}

OlsResult ols(const Eigen::MatrixXd& x_in, const Eigen::VectorXd& y_in, std::vector<std::string> names,
              const OlsOptions& options) {
  if (x_in.rows() != y_in.size())
    throw Error(fmt::format("OLS: X has {} rows but y has {} values", x_in.rows(), y_in.size()));
  if (names.empty())
    for (Eigen::Index j = 0; j < x_in.cols(); ++j) names.push_back(fmt::format("x{}", j + 1));
  if (static_cast<Eigen::Index>(names.size()) != x_in.cols())
    throw Error(fmt::format("OLS: {} names for {} columns", names.size(), x_in.cols()));
  // Listwise deletion.
  std::vector<Eigen::Index> keep;
  for (Eigen::Index i = 0; i < x_in.rows(); ++i)
    if (std::isfinite(y_in(i)) && x_in.row(i).allFinite()) keep.push_back(i);
  OlsResult r;
  r.missing = static_cast<std::size_t>(x_in.rows()) - keep.size();
  const auto n = static_cast<Eigen::Index>(keep.size());
  if (n < 2) throw Error(fmt::format("OLS needs at least 2 complete rows; {} remain", n));
  bool has_constant = false;
  for (Eigen::Index j = 0; j < x_in.cols(); ++j) {
    Eigen::VectorXd column(n);
    for (Eigen::Index i = 0; i < n; ++i) column(i) = x_in(keep[i], j);
    has_constant = has_constant || is_nonzero_constant(column);
  }
  r.constant_added = options.add_constant && !has_constant;
  const Eigen::Index offset = r.constant_added ? 1 : 0, k = x_in.cols() + offset;
  Eigen::MatrixXd x(n, k);
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (r.constant_added) x(i, 0) = 1.0;
    x.row(i).tail(x_in.cols()) = x_in.row(keep[i]);
    y(i) = y_in(keep[i]);
  }
  if (r.constant_added) names.insert(names.begin(), "const");
  r.names = std::move(names);
  r.nobs = static_cast<std::size_t>(n);

  // Pseudo-inverse by SVD; singular values below max(n, k) eps s_max count as zero, which
  // also decides the rank (numpy's matrix_rank tolerance).
  Eigen::BDCSVD<Eigen::MatrixXd> svd(x, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Eigen::VectorXd s = svd.singularValues();
  r.rank = numeric_rank(s, static_cast<std::size_t>(n), static_cast<std::size_t>(k));
  Eigen::VectorXd s_inv = Eigen::VectorXd::Zero(s.size());
  for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(r.rank); ++i) s_inv(i) = 1.0 / s(i);
  const Eigen::MatrixXd pinv = svd.matrixV() * s_inv.asDiagonal() * svd.matrixU().transpose();
  r.params = pinv * y;
  const Eigen::MatrixXd normalized_cov = pinv * pinv.transpose();
  r.condition_number = s.size() > 0 ? s(0) / s(s.size() - 1) : kNaN;

  // k_constant: an explicit non-zero constant column, or an implicit one (the columns span
  // the constant: adding a ones column does not raise the rank).
  bool constant = false;
  for (Eigen::Index j = 0; j < k; ++j) constant = constant || is_nonzero_constant(x.col(j));
  if (!constant) {
    Eigen::MatrixXd augmented(n, k + 1);
    augmented << Eigen::VectorXd::Ones(n), x;
    Eigen::BDCSVD<Eigen::MatrixXd> aug(augmented);
    constant =
        numeric_rank(aug.singularValues(), static_cast<std::size_t>(n), static_cast<std::size_t>(k + 1)) == r.rank;
  }
  r.k_constant = constant ? 1 : 0;
  r.df_model = static_cast<double>(r.rank) - static_cast<double>(r.k_constant);
  r.df_resid = static_cast<double>(n) - static_cast<double>(r.rank);

  r.residuals = y - x * r.params;
  r.ssr = r.residuals.squaredNorm();
  r.centered_tss = (y.array() - y.mean()).square().sum();
  r.uncentered_tss = y.squaredNorm();
  const double tss = r.k_constant ? r.centered_tss : r.uncentered_tss;
  r.ess = tss - r.ssr;
  r.scale = r.ssr / r.df_resid;
  r.r_squared = 1.0 - r.ssr / tss;
  r.r_squared_adj =
      1.0 - (static_cast<double>(n) - static_cast<double>(r.k_constant)) / r.df_resid * (1.0 - r.r_squared);
  r.f = (r.ess / r.df_model) / (r.ssr / r.df_resid);
  r.f_p = f_sf(r.f, r.df_model, r.df_resid);

  r.bse = (r.scale * normalized_cov.diagonal().array()).sqrt();
  r.t = r.params.array() / r.bse.array();
  const double q = t_ppf(1.0 - (1.0 - options.confidence) / 2.0, r.df_resid);
  r.p.resize(k);
  for (Eigen::Index j = 0; j < k; ++j) r.p(j) = t_two_sided_p(r.t(j), r.df_resid);
  r.ci_low = r.params - q * r.bse;
  r.ci_high = r.params + q * r.bse;

  const double nn = static_cast<double>(n);
  r.log_likelihood = -nn / 2.0 * (std::log(2.0 * std::numbers::pi) + std::log(r.ssr / nn) + 1.0);
  const double parameters = r.df_model + static_cast<double>(r.k_constant);
  r.aic = -2.0 * r.log_likelihood + 2.0 * parameters;
  r.bic = -2.0 * r.log_likelihood + std::log(nn) * parameters;

  double dw = 0.0;
  for (Eigen::Index i = 1; i < n; ++i) dw += std::pow(r.residuals(i) - r.residuals(i - 1), 2);
  r.durbin_watson = dw / r.ssr;
  const auto [skew, kurt] = moment_shape(r.residuals);
  r.skew = skew;
  r.kurtosis = kurt;
  r.jarque_bera = nn / 6.0 * (skew * skew + (kurt - 3.0) * (kurt - 3.0) / 4.0);
  r.jarque_bera_p = chi2_sf(r.jarque_bera, 2.0);
  const NormalTest omnibus = dagostino_pearson(r.residuals);
  r.omnibus = omnibus.statistic;
  r.omnibus_p = omnibus.p;
  return r;
}

}  // namespace contagion::stats
