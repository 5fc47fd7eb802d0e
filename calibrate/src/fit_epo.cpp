#include "contagion/calibrate/fit_epo.hpp"

#include <fmt/format.h>

#include <Eigen/QR>
#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"
#include "simplex_least_squares.hpp"

namespace contagion::calibrate {
namespace {

struct Root {
  double phi, lambda;
};

/// phi (2 - m - phi) = q and lambda = m - 1 + phi: both roots, the one with phi + lambda >= 1 first.
std::pair<Root, Root> structural_roots(double m, double q) {
  const double b = 2.0 - m, discriminant = std::max(b * b - 4.0 * q, 0.0);
  const double high = 0.5 * (b + std::sqrt(discriminant)), low = 0.5 * (b - std::sqrt(discriminant));
  const auto clamp = [](double v) { return std::clamp(v, 0.0, 1.0); };
  return {{clamp(high), clamp(m - 1.0 + high)}, {clamp(low), clamp(m - 1.0 + low)}};
}

}  // namespace

EpoFit fit_epo(const std::vector<Trajectory>& expressed, const EpoFitOptions& o) {
  const auto n = detail::check_trajectories(expressed, "the reduced EPO model");
  const auto trajectories = static_cast<Eigen::Index>(expressed.size());
  const Eigen::Index constants = o.intercept ? trajectories : 0, columns = 2 * n + constants;
  Eigen::Index rows = 0;
  for (const Trajectory& t : expressed) rows += std::max<Eigen::Index>(t.rows() - 2, 0);
  if (rows < columns)
    throw Error(
        fmt::format("fitting the reduced EPO model needs at least {} transitions from t >= 1 (2 n{}); the "
                    "data have {}",
                    columns, o.intercept ? " + one per trajectory" : "", rows));
  Eigen::MatrixXd z = Eigen::MatrixXd::Zero(rows, columns), y(rows, n);
  Eigen::Index r = 0;
  for (Eigen::Index k = 0; k < trajectories; ++k) {
    const Trajectory& t = expressed[static_cast<std::size_t>(k)];
    for (Eigen::Index s = 1; s + 1 < t.rows(); ++s, ++r) {
      z.block(r, 0, 1, n) = t.row(s);
      z.block(r, n, 1, n) = t.row(s - 1);
      if (o.intercept) z(r, 2 * n + k) = 1.0;
      y.row(r) = t.row(s + 1);
    }
  }
  const Eigen::MatrixXd b = z.completeOrthogonalDecomposition().solve(y);  // columns x n
  EpoFit out;
  out.a1 = b.topRows(n).transpose();
  out.a2 = b.middleRows(n, n).transpose();
  out.constant =
      o.intercept ? Eigen::MatrixXd(b.bottomRows(constants).transpose()) : Eigen::MatrixXd::Zero(n, trajectories);
  out.steps = static_cast<std::size_t>(rows);
  out.parameters = static_cast<std::size_t>(n * columns);
  out.train_mse = (y - z * b).squaredNorm() / static_cast<double>(y.size());

  out.weights = Eigen::MatrixXd::Zero(n, n);
  out.resilience = out.susceptibility = out.alternative_resilience = out.alternative_susceptibility =
      Eigen::VectorXd::Ones(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double s = std::clamp(out.a1.row(i).sum() + out.a2.row(i).sum(), 1e-12, 1.0);
    double others = 0.0;
    for (Eigen::Index j = 0; j < n; ++j)
      if (j != i) {
        out.weights(i, j) = std::max(out.a1(i, j) / s, 0.0);
        others += out.weights(i, j);
      }
    if (others > 1.0) out.weights.row(i) /= others;
    out.weights(i, i) = std::max(1.0 - others, 0.0);
    if (out.weights(i, i) < 1e-12) continue;  // phi and lambda only act through w_ii: not identified
    const auto [first, second] = structural_roots(out.a1(i, i) / out.weights(i, i), 1.0 - s);
    out.resilience(i) = first.phi;
    out.susceptibility(i) = first.lambda;
    out.alternative_resilience(i) = second.phi;
    out.alternative_susceptibility(i) = second.lambda;
  }
  return out;
}

Eigen::VectorXd epo_step(const EpoFit& fit, const Eigen::MatrixXd& past, std::size_t k) {
  const Eigen::Index now = past.rows() - 1;
  if (now < 1) throw Error("a reduced EPO prediction needs two past states");
  if (static_cast<Eigen::Index>(k) >= fit.constant.cols())
    throw Error(fmt::format("trajectory {} was not among the {} fitted", k + 1, fit.constant.cols()));
  return fit.a1 * past.row(now).transpose() + fit.a2 * past.row(now - 1).transpose() +
         fit.constant.col(static_cast<Eigen::Index>(k));
}

}  // namespace contagion::calibrate
