#include "contagion/calibrate/fit_degroot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "simplex_least_squares.hpp"

namespace contagion::calibrate {
namespace {

/// The regression rows: X (current values) and Y (next values), one row per transition.
struct Transitions {
  Eigen::MatrixXd x, y;
};

Transitions transitions(const std::vector<Trajectory>& trajectories) {
  const auto n = detail::check_trajectories(trajectories, "DeGroot");
  Eigen::Index rows = 0;
  for (const Trajectory& t : trajectories) rows += std::max<Eigen::Index>(t.rows() - 1, 0);
  if (rows < 1) throw Error("fitting DeGroot needs at least one transition (two time steps)");
  Transitions out{Eigen::MatrixXd(rows, n), Eigen::MatrixXd(rows, n)};
  Eigen::Index r = 0;
  for (const Trajectory& t : trajectories)
    for (Eigen::Index s = 0; s + 1 < t.rows(); ++s, ++r) {
      out.x.row(r) = t.row(s);
      out.y.row(r) = t.row(s + 1);
    }
  return out;
}

DeGrootFit fit(const Transitions& data, const DeGrootFitOptions& o) {
  const auto n = data.x.cols();
  if (o.allowed.size() != 0 && (o.allowed.rows() != n || o.allowed.cols() != n))
    throw Error(fmt::format("the allowed-weights mask is {} x {}; the data have {} agents", o.allowed.rows(),
                            o.allowed.cols(), n));
  const Eigen::MatrixXd gram = data.x.transpose() * data.x;
  // Step 1/L with L = 2 lambda_max(X'X), the gradient's Lipschitz constant.
  const double lipschitz = detail::lipschitz_constant(gram);
  DeGrootFit out;
  out.weights = Eigen::MatrixXd::Zero(n, n);
  out.steps = static_cast<std::size_t>(data.x.rows());
  for (Eigen::Index i = 0; i < n; ++i) {
    std::vector<bool> mask(static_cast<std::size_t>(n), true);
    if (o.allowed.size() != 0)
      for (Eigen::Index j = 0; j < n; ++j) mask[static_cast<std::size_t>(j)] = o.allowed(i, j) || i == j;
    const Eigen::VectorXd y = data.y.col(i);
    out.weights.row(i) = detail::simplex_least_squares(gram, data.x.transpose() * y, y.squaredNorm(), lipschitz, mask,
                                                       o.max_iterations, o.tolerance)
                             .transpose();
  }
  out.train_mse = (data.y - data.x * out.weights.transpose()).squaredNorm() / static_cast<double>(data.y.size());
  return out;
}

}  // namespace

Eigen::VectorXd project_to_simplex(const Eigen::VectorXd& v, const std::vector<bool>& mask) {
  std::vector<double> u;
  for (Eigen::Index j = 0; j < v.size(); ++j)
    if (mask[static_cast<std::size_t>(j)]) u.push_back(v(j));
  if (u.empty()) throw Error("a row with no allowed weight cannot sum to one");
  std::sort(u.begin(), u.end(), std::greater<>());
  double cumulative = 0.0, theta = 0.0;
  for (std::size_t k = 0; k < u.size(); ++k) {
    cumulative += u[k];
    const double candidate = (cumulative - 1.0) / static_cast<double>(k + 1);
    if (u[k] - candidate > 0.0) theta = candidate;
  }
  Eigen::VectorXd w = Eigen::VectorXd::Zero(v.size());
  for (Eigen::Index j = 0; j < v.size(); ++j)
    if (mask[static_cast<std::size_t>(j)]) w(j) = std::max(v(j) - theta, 0.0);
  return w;
}

DeGrootFit fit_degroot(const std::vector<Trajectory>& trajectories, const DeGrootFitOptions& options) {
  return fit(transitions(trajectories), options);
}

Prediction predict_degroot(const Eigen::MatrixXd& weights, const std::vector<Trajectory>& held_out) {
  const Transitions data = transitions(held_out);
  if (data.x.cols() != weights.cols())
    throw Error(fmt::format("the held-out data have {} agents; the weights {}", data.x.cols(), weights.cols()));
  Prediction p;
  const double count = static_cast<double>(data.y.size());
  p.model_mse = (data.y - data.x * weights.transpose()).squaredNorm() / count;
  p.persistence_mse = (data.y - data.x).squaredNorm() / count;
  p.r2_vs_persistence = p.persistence_mse > 0.0 ? 1.0 - p.model_mse / p.persistence_mse : std::nan("");
  return p;
}

WeightIntervals bootstrap_degroot(const std::vector<Trajectory>& trajectories, int replicates, double confidence,
                                  std::uint64_t seed, const DeGrootFitOptions& options) {
  if (replicates < 2) throw Error("the bootstrap needs at least 2 replicates");
  const Transitions data = transitions(trajectories);
  const auto rows = data.x.rows(), n = data.x.cols();
  std::vector<Eigen::MatrixXd> fits;
  for (int b = 0; b < replicates; ++b) {
    Transitions sample{Eigen::MatrixXd(rows, n), Eigen::MatrixXd(rows, n)};
    for (Eigen::Index r = 0; r < rows; ++r) {
      const auto pick =
          static_cast<Eigen::Index>(RandomStream({seed, StreamPurpose::dynamics, static_cast<std::uint64_t>(b),
                                                  stream_id("degroot bootstrap"), static_cast<std::uint64_t>(r)})
                                        .below(static_cast<std::uint64_t>(rows)));
      sample.x.row(r) = data.x.row(pick);
      sample.y.row(r) = data.y.row(pick);
    }
    fits.push_back(fit(sample, options).weights);
  }
  WeightIntervals out{Eigen::MatrixXd(n, n), Eigen::MatrixXd(n, n)};
  const double tail = (1.0 - confidence) / 2.0;
  std::vector<double> values(fits.size());
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      for (std::size_t b = 0; b < fits.size(); ++b) values[b] = fits[b](i, j);
      std::sort(values.begin(), values.end());
      out.low(i, j) = detail::percentile(values, tail);
      out.high(i, j) = detail::percentile(values, 1.0 - tail);
    }
  return out;
}

}  // namespace contagion::calibrate
