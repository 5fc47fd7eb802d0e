#include "contagion/stats/linear_models.hpp"

#include <fmt/format.h>

#include <Eigen/SVD>
#include <cmath>
#include <limits>
#include <numeric>

#include "contagion/core/error.hpp"

namespace contagion::stats {
namespace {

std::vector<std::size_t> all_rows(Eigen::Index n) {
  std::vector<std::size_t> rows(static_cast<std::size_t>(n));
  std::iota(rows.begin(), rows.end(), 0);
  return rows;
}

void check_rows(std::span<const std::size_t> rows, Eigen::Index n) {
  for (const std::size_t r : rows)
    if (r >= static_cast<std::size_t>(n)) throw Error(fmt::format("row {} is out of range (the data has {} rows)", r, n));
}

}  // namespace

Eigen::MatrixXd select_rows(const Eigen::MatrixXd& x, std::span<const std::size_t> rows) {
  check_rows(rows, x.rows());
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) out.row(static_cast<Eigen::Index>(i)) = x.row(static_cast<Eigen::Index>(rows[i]));
  return out;
}

Eigen::VectorXd select_rows(const Eigen::VectorXd& y, std::span<const std::size_t> rows) {
  check_rows(rows, y.size());
  Eigen::VectorXd out(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) out(static_cast<Eigen::Index>(i)) = y(static_cast<Eigen::Index>(rows[i]));
  return out;
}

StandardScaler StandardScaler::fit(const Eigen::MatrixXd& x, std::span<const std::size_t> rows) {
  const Eigen::MatrixXd data = rows.empty() ? x : select_rows(x, rows);
  if (data.rows() == 0) throw Error("StandardScaler: no rows to fit on");
  StandardScaler s;
  s.mean = data.colwise().mean();
  s.scale = ((data.rowwise() - s.mean).array().square().colwise().sum() / static_cast<double>(data.rows())).sqrt();
  for (Eigen::Index j = 0; j < s.scale.size(); ++j)
    if (s.scale(j) == 0.0) s.scale(j) = 1.0;  // constant column: left as is
  return s;
}

Eigen::MatrixXd StandardScaler::transform(const Eigen::MatrixXd& x) const {
  return (x.rowwise() - mean).array().rowwise() / scale.array();
}

Eigen::VectorXd LinearFit::predict(const Eigen::MatrixXd& x) const {
  return (x * coef).array() + intercept;
}

LinearFit linear_regression(const Eigen::MatrixXd& x_all, const Eigen::VectorXd& y_all,
                            std::span<const std::size_t> rows) {
  if (x_all.rows() != y_all.size())
    throw Error(fmt::format("X has {} rows but y has {} values", x_all.rows(), y_all.size()));
  const std::vector<std::size_t> every = rows.empty() ? all_rows(x_all.rows()) : std::vector<std::size_t>{};
  const auto use = rows.empty() ? std::span<const std::size_t>(every) : rows;
  const Eigen::MatrixXd x = select_rows(x_all, use);
  const Eigen::VectorXd y = select_rows(y_all, use);
  const Eigen::RowVectorXd x_mean = x.colwise().mean();
  const double y_mean = y.mean();
  const Eigen::MatrixXd xc = x.rowwise() - x_mean;
  Eigen::BDCSVD<Eigen::MatrixXd> svd(xc, Eigen::ComputeThinU | Eigen::ComputeThinV);
  // lstsq's cutoff: singular values below max(n, p) eps s_max count as zero (minimum norm).
  svd.setThreshold(static_cast<double>(std::max(xc.rows(), xc.cols())) * std::numeric_limits<double>::epsilon());
  LinearFit fit;
  fit.coef = svd.solve((y.array() - y_mean).matrix());
  fit.intercept = y_mean - x_mean.dot(fit.coef);
  return fit;
}

ElasticNetFit elastic_net(const Eigen::MatrixXd& x_all, const Eigen::VectorXd& y_all, const ElasticNetOptions& o,
                          std::span<const std::size_t> rows) {
  if (!(o.alpha > 0.0) || !std::isfinite(o.alpha))
    throw Error(fmt::format("ElasticNet: alpha = {} must be positive (alpha = 0 is least squares)", o.alpha));
  if (!(o.l1_ratio >= 0.0 && o.l1_ratio <= 1.0))
    throw Error(fmt::format("ElasticNet: l1_ratio = {} is outside [0, 1]", o.l1_ratio));
  if (x_all.rows() != y_all.size())
    throw Error(fmt::format("X has {} rows but y has {} values", x_all.rows(), y_all.size()));
  const std::vector<std::size_t> every = rows.empty() ? all_rows(x_all.rows()) : std::vector<std::size_t>{};
  const auto use = rows.empty() ? std::span<const std::size_t>(every) : rows;
  const Eigen::RowVectorXd x_mean = select_rows(x_all, use).colwise().mean();
  const Eigen::MatrixXd x = select_rows(x_all, use).rowwise() - x_mean;  // column-major: columns are contiguous
  const Eigen::VectorXd y0 = select_rows(y_all, use);
  const double y_mean = y0.mean();
  const Eigen::VectorXd y = y0.array() - y_mean;
  const auto n = x.rows(), p = x.cols();

  // sklearn's cd_fast.enet_coordinate_descent, loop for loop.
  const double l1 = o.alpha * o.l1_ratio * static_cast<double>(n);
  const double l2 = o.alpha * (1.0 - o.l1_ratio) * static_cast<double>(n);
  const Eigen::VectorXd norm_cols = x.colwise().squaredNorm();
  Eigen::VectorXd w = Eigen::VectorXd::Zero(p);
  Eigen::VectorXd r = y;  // residual y - X w
  const double tol = o.tol * y.squaredNorm();
  ElasticNetFit fit;
  double gap = tol + 1.0;
  std::size_t iteration = 0;
  for (; iteration < o.max_iter; ++iteration) {
    double w_max = 0.0, dw_max = 0.0;
    for (Eigen::Index j = 0; j < p; ++j) {
      if (norm_cols(j) == 0.0) continue;
      const double w_old = w(j);
      if (w_old != 0.0) r += w_old * x.col(j);
      const double t = x.col(j).dot(r);
      w(j) = std::copysign(std::max(std::fabs(t) - l1, 0.0), t) / (norm_cols(j) + l2);
      if (w(j) != 0.0) r -= w(j) * x.col(j);
      dw_max = std::max(dw_max, std::fabs(w(j) - w_old));
      w_max = std::max(w_max, std::fabs(w(j)));
    }
    if (w_max == 0.0 || dw_max / w_max < o.tol || iteration + 1 == o.max_iter) {
      // The largest update was small: the duality gap decides.
      const Eigen::VectorXd xta = x.transpose() * r - l2 * w;
      const double dual_norm = xta.cwiseAbs().maxCoeff();
      const double r_norm2 = r.squaredNorm(), w_norm2 = w.squaredNorm();
      double c = 1.0;
      if (dual_norm > l1) {
        c = l1 / dual_norm;
        gap = 0.5 * (r_norm2 + r_norm2 * c * c);
      } else {
        gap = r_norm2;
      }
      gap += l1 * w.lpNorm<1>() - c * r.dot(y) + 0.5 * l2 * (1.0 + c * c) * w_norm2;
      if (gap < tol) {
        fit.converged = true;
        break;
      }
    }
  }
  fit.n_iter = std::min(iteration + 1, o.max_iter);
  fit.dual_gap = gap / static_cast<double>(n);
  fit.coef = w;
  fit.intercept = y_mean - x_mean.dot(w);
  return fit;
}

double elastic_net_objective(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const LinearFit& fit,
                             const ElasticNetOptions& o, std::span<const std::size_t> rows) {
  const std::vector<std::size_t> every = rows.empty() ? all_rows(x.rows()) : std::vector<std::size_t>{};
  const auto use = rows.empty() ? std::span<const std::size_t>(every) : rows;
  const Eigen::VectorXd residual = select_rows(y, use) - fit.predict(select_rows(x, use));
  const double n = static_cast<double>(use.size());
  return residual.squaredNorm() / (2.0 * n) + o.alpha * o.l1_ratio * fit.coef.lpNorm<1>() +
         0.5 * o.alpha * (1.0 - o.l1_ratio) * fit.coef.squaredNorm();
}

double r2_score(const Eigen::VectorXd& y, const Eigen::VectorXd& predicted) {
  const double ss_res = (y - predicted).squaredNorm();
  const double ss_tot = (y.array() - y.mean()).square().sum();
  if (ss_tot == 0.0) return ss_res == 0.0 ? 1.0 : 0.0;  // sklearn's force_finite
  return 1.0 - ss_res / ss_tot;
}

double mean_absolute_error(const Eigen::VectorXd& y, const Eigen::VectorXd& predicted) {
  return (y - predicted).cwiseAbs().mean();
}

double mean_squared_error(const Eigen::VectorXd& y, const Eigen::VectorXd& predicted) {
  return (y - predicted).squaredNorm() / static_cast<double>(y.size());
}

}  // namespace contagion::stats
