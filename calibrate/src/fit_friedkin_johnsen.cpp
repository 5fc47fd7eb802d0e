#include "contagion/calibrate/fit_friedkin_johnsen.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "contagion/core/error.hpp"
#include "simplex_least_squares.hpp"

namespace contagion::calibrate {

FriedkinJohnsenFit fit_friedkin_johnsen(const std::vector<Trajectory>& trajectories, const DeGrootFitOptions& o) {
  const auto n = detail::check_trajectories(trajectories, "Friedkin-Johnsen");
  if (o.allowed.size() != 0 && (o.allowed.rows() != n || o.allowed.cols() != n))
    throw Error(fmt::format("the allowed-weights mask is {} x {}; the data have {} agents", o.allowed.rows(),
                            o.allowed.cols(), n));
  Eigen::Index rows = 0;
  for (const Trajectory& t : trajectories) rows += std::max<Eigen::Index>(t.rows() - 1, 0);
  if (rows < 1) throw Error("fitting Friedkin-Johnsen needs at least one transition (two time steps)");
  // X: current states, Y: next states, U: the trajectory's x(0), one row per transition.
  Eigen::MatrixXd x(rows, n), y(rows, n), u(rows, n);
  Eigen::Index r = 0;
  for (const Trajectory& t : trajectories)
    for (Eigen::Index s = 0; s + 1 < t.rows(); ++s, ++r) {
      x.row(r) = t.row(s);
      y.row(r) = t.row(s + 1);
      u.row(r) = t.row(0);
    }
  const Eigen::MatrixXd xx = x.transpose() * x;
  const double lipschitz_x = detail::lipschitz_constant(xx);
  FriedkinJohnsenFit out;
  out.weights = Eigen::MatrixXd::Identity(n, n);
  out.susceptibility = Eigen::VectorXd::Zero(n);
  out.steps = static_cast<std::size_t>(rows);
  Eigen::MatrixXd gram(n + 1, n + 1);
  gram.topLeftCorner(n, n) = xx;
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::VectorXd ui = u.col(i), yi = y.col(i);
    gram.col(n).head(n) = x.transpose() * ui;
    gram.row(n).head(n) = gram.col(n).head(n).transpose();
    gram(n, n) = ui.squaredNorm();
    Eigen::VectorXd zty(n + 1);
    zty.head(n) = x.transpose() * yi;
    zty(n) = ui.dot(yi);
    std::vector<bool> mask(static_cast<std::size_t>(n + 1), true);
    if (o.allowed.size() != 0)
      for (Eigen::Index j = 0; j < n; ++j) mask[static_cast<std::size_t>(j)] = o.allowed(i, j) || i == j;
    // [X u_i][X u_i]' = XX' + u_i u_i', so lambda_max grows by at most |u_i|^2.
    const Eigen::VectorXd v = detail::simplex_least_squares(gram, zty, yi.squaredNorm(), lipschitz_x + 2.0 * gram(n, n),
                                                            mask, o.max_iterations, o.tolerance);
    const double lambda = std::clamp(v.head(n).sum(), 0.0, 1.0);
    out.susceptibility(i) = lambda;
    if (lambda > 1e-12) out.weights.row(i) = v.head(n).transpose() / v.head(n).sum();
    out.parameters += static_cast<std::size_t>((v.array() > 1e-9).count()) - 1;
  }
  Eigen::MatrixXd predicted(rows, n);
  for (Eigen::Index k = 0; k < rows; ++k)
    predicted.row(k) = friedkin_johnsen_step(out, x.row(k).transpose(), u.row(k).transpose()).transpose();
  out.train_mse = (y - predicted).squaredNorm() / static_cast<double>(y.size());
  return out;
}

Eigen::VectorXd friedkin_johnsen_step(const FriedkinJohnsenFit& fit, const Eigen::VectorXd& x,
                                      const Eigen::VectorXd& prejudice) {
  return fit.susceptibility.cwiseProduct(fit.weights * x) +
         (Eigen::VectorXd::Ones(x.size()) - fit.susceptibility).cwiseProduct(prejudice);
}

}  // namespace contagion::calibrate
