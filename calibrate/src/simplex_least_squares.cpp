#include "simplex_least_squares.hpp"

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>

#include "contagion/calibrate/fit_degroot.hpp"
#include "contagion/core/error.hpp"

namespace contagion::calibrate::detail {

Eigen::VectorXd simplex_least_squares(const Eigen::MatrixXd& gram, const Eigen::VectorXd& zty, double yy,
                                      double lipschitz, const std::vector<bool>& mask, int max_iterations,
                                      double tolerance) {
  const auto n = gram.rows();
  Eigen::VectorXd w = project_to_simplex(Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n)), mask);
  Eigen::VectorXd z = w, previous = w;
  double t = 1.0;
  const auto objective = [&](const Eigen::VectorXd& v) { return v.dot(gram * v) - 2.0 * v.dot(zty) + yy; };
  double f = objective(w);
  for (int k = 0; k < max_iterations; ++k) {
    const Eigen::VectorXd gradient = 2.0 * (gram * z - zty);
    previous = w;
    w = project_to_simplex(z - gradient / lipschitz, mask);
    const double t_next = 0.5 * (1.0 + std::sqrt(1.0 + 4.0 * t * t));
    z = w + ((t - 1.0) / t_next) * (w - previous);
    t = t_next;
    const double f_new = objective(w);
    if (std::fabs(f - f_new) <= tolerance * std::max(1.0, std::fabs(f)) && k > 10) break;
    f = f_new;
  }
  // Polish: on the support found, the equality-constrained least squares has a closed form
  // (the KKT system); first-order iterations approach it slowly when the states are nearly
  // collinear. Entries that come out negative leave the support one at a time (an active-set
  // step); the result is kept only if it is in the simplex and no worse.
  std::vector<Eigen::Index> support;
  for (Eigen::Index j = 0; j < n; ++j)
    if (w(j) > 1e-9) support.push_back(j);
  while (!support.empty()) {
    const auto s = static_cast<Eigen::Index>(support.size());
    Eigen::MatrixXd kkt = Eigen::MatrixXd::Zero(s + 1, s + 1);
    Eigen::VectorXd rhs(s + 1);
    for (Eigen::Index a = 0; a < s; ++a) {
      for (Eigen::Index b = 0; b < s; ++b)
        kkt(a, b) = 2.0 * gram(support[static_cast<std::size_t>(a)], support[static_cast<std::size_t>(b)]);
      kkt(a, s) = kkt(s, a) = 1.0;
      rhs(a) = 2.0 * zty(support[static_cast<std::size_t>(a)]);
    }
    rhs(s) = 1.0;
    const Eigen::VectorXd solution = kkt.fullPivLu().solve(rhs);
    if (!solution.allFinite()) break;
    Eigen::Index most_negative = 0;
    const double lowest = solution.head(s).minCoeff(&most_negative);
    if (lowest < 0.0) {
      support.erase(support.begin() + most_negative);
      continue;
    }
    Eigen::VectorXd polished = Eigen::VectorXd::Zero(n);
    for (Eigen::Index a = 0; a < s; ++a) polished(support[static_cast<std::size_t>(a)]) = solution(a);
    if (objective(polished) <= objective(w)) return polished;
    break;
  }
  return w;
}

double lipschitz_constant(const Eigen::MatrixXd& gram) {
  return 2.0 *
         std::max(Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(gram, Eigen::EigenvaluesOnly).eigenvalues().maxCoeff(),
                  1e-300);
}

Eigen::Index check_trajectories(const std::vector<Eigen::MatrixXd>& trajectories, const char* model) {
  if (trajectories.empty()) throw Error(fmt::format("fitting {} needs at least one trajectory", model));
  const auto n = trajectories.front().cols();
  for (std::size_t k = 0; k < trajectories.size(); ++k) {
    const Eigen::MatrixXd& t = trajectories[k];
    if (t.cols() != n) throw Error(fmt::format("trajectory {} has {} agents; the first has {}", k + 1, t.cols(), n));
    for (Eigen::Index s = 0; s < t.rows(); ++s)
      for (Eigen::Index i = 0; i < n; ++i)
        if (!std::isfinite(t(s, i)))
          throw Error(
              fmt::format("trajectory {} has missing or infinite values (step {}, agent {})", k + 1, s + 1, i + 1));
  }
  return n;
}

double percentile(const std::vector<double>& sorted, double q) {
  const double index = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(index));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (index - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace contagion::calibrate::detail
