#include "contagion/calibrate/fit_delayed.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "contagion/core/error.hpp"
#include "simplex_least_squares.hpp"

namespace contagion::calibrate {
namespace {

/// x(t - tau) of a trajectory, x(0) before its start.
auto lagged_row(const Eigen::MatrixXd& t, Eigen::Index s, Eigen::Index tau) {
  return t.row(std::max<Eigen::Index>(s - tau, 0));
}

}  // namespace

DelayedFit fit_delayed_degroot(const std::vector<Trajectory>& trajectories, const DelayedFitOptions& o) {
  const auto n = detail::check_trajectories(trajectories, "delayed DeGroot");
  if (o.max_lag < 0) throw Error(fmt::format("the maximum lag is {}; it must be >= 0", o.max_lag));
  const auto& allowed = o.solver.allowed;
  if (allowed.size() != 0 && (allowed.rows() != n || allowed.cols() != n))
    throw Error(
        fmt::format("the allowed-weights mask is {} x {}; the data have {} agents", allowed.rows(), allowed.cols(), n));
  const Eigen::Index lags = o.max_lag + 1, first = o.constant_history ? 0 : o.max_lag;
  Eigen::Index rows = 0;
  for (const Trajectory& t : trajectories) rows += std::max<Eigen::Index>(t.rows() - 1 - first, 0);
  if (rows < 1)
    throw Error(fmt::format("fitting delayed DeGroot with lags up to {} needs trajectories of at least {} steps",
                            o.max_lag, first + 2));
  // Z: column tau * n + j holds x_j(t - tau).
  Eigen::MatrixXd z(rows, n * lags), y(rows, n);
  Eigen::Index r = 0;
  for (const Trajectory& t : trajectories)
    for (Eigen::Index s = first; s + 1 < t.rows(); ++s, ++r) {
      for (Eigen::Index tau = 0; tau < lags; ++tau) z.block(r, tau * n, 1, n) = lagged_row(t, s, tau);
      y.row(r) = t.row(s + 1);
    }
  const Eigen::MatrixXd gram = z.transpose() * z;
  const double lipschitz = detail::lipschitz_constant(gram);
  DelayedFit out;
  out.lag_weights.assign(static_cast<std::size_t>(lags), Eigen::MatrixXd::Zero(n, n));
  out.steps = static_cast<std::size_t>(rows);
  for (Eigen::Index i = 0; i < n; ++i) {
    std::vector<bool> mask(static_cast<std::size_t>(n * lags));
    for (Eigen::Index tau = 0; tau < lags; ++tau)
      for (Eigen::Index j = 0; j < n; ++j)
        mask[static_cast<std::size_t>(tau * n + j)] =
            j == i ? tau == 0 || o.self_lags : allowed.size() == 0 || allowed(i, j);
    const Eigen::VectorXd yi = y.col(i);
    const Eigen::VectorXd w = detail::simplex_least_squares(gram, z.transpose() * yi, yi.squaredNorm(), lipschitz, mask,
                                                            o.solver.max_iterations, o.solver.tolerance);
    for (Eigen::Index tau = 0; tau < lags; ++tau)
      out.lag_weights[static_cast<std::size_t>(tau)].row(i) = w.segment(tau * n, n).transpose();
    out.parameters += static_cast<std::size_t>((w.array() > 1e-9).count()) - 1;
  }
  out.weights = Eigen::MatrixXd::Zero(n, n);
  out.dominant_lag = Eigen::MatrixXi::Zero(n, n);
  for (Eigen::Index tau = 0; tau < lags; ++tau) {
    const Eigen::MatrixXd& w = out.lag_weights[static_cast<std::size_t>(tau)];
    out.weights += w;
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j)
        if (w(i, j) > out.lag_weights[static_cast<std::size_t>(out.dominant_lag(i, j))](i, j))
          out.dominant_lag(i, j) = static_cast<int>(tau);
  }
  Eigen::MatrixXd stacked(n * lags, n);  // y = z * stacked
  for (Eigen::Index tau = 0; tau < lags; ++tau)
    stacked.middleRows(tau * n, n) = out.lag_weights[static_cast<std::size_t>(tau)].transpose();
  out.train_mse = (y - z * stacked).squaredNorm() / static_cast<double>(y.size());
  return out;
}

Eigen::VectorXd delayed_step(const DelayedFit& fit, const Eigen::MatrixXd& past, bool constant_history) {
  const auto lags = static_cast<Eigen::Index>(fit.lag_weights.size());
  const Eigen::Index now = past.rows() - 1;
  if (now < 0 || (!constant_history && now < lags - 1))
    throw Error(fmt::format("a delayed DeGroot prediction with lags up to {} needs {} past states; {} given", lags - 1,
                            lags, past.rows()));
  Eigen::VectorXd next = Eigen::VectorXd::Zero(past.cols());
  for (Eigen::Index tau = 0; tau < lags; ++tau)
    next += fit.lag_weights[static_cast<std::size_t>(tau)] * lagged_row(past, now, tau).transpose();
  return next;
}

double mean_delay(const DelayedFit& fit) {
  double weighted = 0.0, total = 0.0;
  for (std::size_t tau = 0; tau < fit.lag_weights.size(); ++tau) {
    const Eigen::MatrixXd off = fit.lag_weights[tau] - Eigen::MatrixXd(fit.lag_weights[tau].diagonal().asDiagonal());
    weighted += static_cast<double>(tau) * off.sum();
    total += off.sum();
  }
  return total > 0.0 ? weighted / total : 0.0;
}

}  // namespace contagion::calibrate
