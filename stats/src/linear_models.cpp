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
    if (r >= static_cast<std::size_t>(n))
      throw Error(fmt::format("row {} is out of range (the data has {} rows)", r, n));
}

}  // namespace

Eigen::MatrixXd select_rows(const Eigen::MatrixXd& x, std::span<const std::size_t> rows) {
  check_rows(rows, x.rows());
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.row(static_cast<Eigen::Index>(i)) = x.row(static_cast<Eigen::Index>(rows[i]));
  return out;
}

Eigen::VectorXd select_rows(const Eigen::VectorXd& y, std::span<const std::size_t> rows) {
  check_rows(rows, y.size());
  Eigen::VectorXd out(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    out(static_cast<Eigen::Index>(i)) = y(static_cast<Eigen::Index>(rows[i]));
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

CenteredGram CenteredGram::of(const Eigen::MatrixXd& x_all, const Eigen::VectorXd& y_all,
                              std::span<const std::size_t> rows) {
  if (x_all.rows() != y_all.size())
    throw Error(fmt::format("X has {} rows but y has {} values", x_all.rows(), y_all.size()));
  const std::vector<std::size_t> every = rows.empty() ? all_rows(x_all.rows()) : std::vector<std::size_t>{};
  const auto use = rows.empty() ? std::span<const std::size_t>(every) : rows;
  if (use.empty()) throw Error("no rows to fit on");
  CenteredGram g;
  const Eigen::MatrixXd x0 = select_rows(x_all, use);
  const Eigen::VectorXd y0 = select_rows(y_all, use);
  g.x_mean = x0.colwise().mean();
  g.y_mean = y0.mean();
  const Eigen::MatrixXd x = x0.rowwise() - g.x_mean;
  const Eigen::VectorXd y = y0.array() - g.y_mean;
  g.gram = x.transpose() * x;
  g.xty = x.transpose() * y;
  g.yy = y.squaredNorm();
  g.rows = use.size();
  return g;
}

ElasticNetFit elastic_net(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const ElasticNetOptions& o,
                          std::span<const std::size_t> rows) {
  return elastic_net(CenteredGram::of(x, y, rows), o);
}

ElasticNetFit elastic_net(const CenteredGram& problem, const ElasticNetOptions& o) {
  if (!(o.alpha > 0.0) || !std::isfinite(o.alpha))
    throw Error(fmt::format("ElasticNet: alpha = {} must be positive (alpha = 0 is least squares)", o.alpha));
  if (!(o.l1_ratio >= 0.0 && o.l1_ratio <= 1.0))
    throw Error(fmt::format("ElasticNet: l1_ratio = {} is outside [0, 1]", o.l1_ratio));
  const Eigen::MatrixXd& gram = problem.gram;
  const Eigen::VectorXd& q = problem.xty;
  const auto p = gram.cols();
  const double n = static_cast<double>(problem.rows);

  // sklearn's cd_fast.enet_coordinate_descent, sweep for sweep. It keeps the residual
  // R = y - X w; we keep c = X'R = q - G w instead, which costs p (not 3n) per update.
  const double l1 = o.alpha * o.l1_ratio * n;
  const double l2 = o.alpha * (1.0 - o.l1_ratio) * n;
  Eigen::VectorXd w = Eigen::VectorXd::Zero(p);
  Eigen::VectorXd c = q;
  // 1 / (||X_j||^2 + l2): a multiplication in the sweep instead of a division, which sat on the
  // critical path of every coordinate.
  const Eigen::VectorXd inverse = (gram.diagonal().array() + l2).inverse();
  const double tol = o.tol * problem.yy;
  ElasticNetFit fit;
  double gap = tol + 1.0;
  std::size_t iteration = 0;
  for (; iteration < o.max_iter; ++iteration) {
    double w_max = 0.0, dw_max = 0.0;
    for (Eigen::Index j = 0; j < p; ++j) {
      const double norm = gram(j, j);
      if (norm == 0.0) continue;
      const double w_old = w(j);
      const double t = c(j) + w_old * norm;  // X_j' (R + w_old X_j)
      const double w_new = std::copysign(std::max(std::fabs(t) - l1, 0.0), t) * inverse(j);
      if (w_new != w_old) {
        c.noalias() -= (w_new - w_old) * gram.col(j);
        w(j) = w_new;
      }
      dw_max = std::max(dw_max, std::fabs(w_new - w_old));
      w_max = std::max(w_max, std::fabs(w_new));
    }
    if (w_max == 0.0 || dw_max / w_max < o.tol || iteration + 1 == o.max_iter) {
      // The largest update was small: the duality gap decides. ||R||^2 = yy - w'q - w'c and
      // R'y = yy - w'q, from c = q - G w.
      const double wq = w.dot(q);
      const double r_norm2 = problem.yy - wq - w.dot(c), r_y = problem.yy - wq;
      const double dual_norm = (c - l2 * w).cwiseAbs().maxCoeff();
      double scale = 1.0;
      if (dual_norm > l1) {
        scale = l1 / dual_norm;
        gap = 0.5 * (r_norm2 + r_norm2 * scale * scale);
      } else {
        gap = r_norm2;
      }
      gap += l1 * w.lpNorm<1>() - scale * r_y + 0.5 * l2 * (1.0 + scale * scale) * w.squaredNorm();
      if (gap < tol) {
        fit.converged = true;
        break;
      }
    }
  }
  fit.n_iter = std::min(iteration + 1, o.max_iter);
  fit.dual_gap = gap / n;
  fit.coef = w;
  fit.intercept = problem.y_mean - problem.x_mean.dot(w);
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
