#include "contagion/calibrate/dyad.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "contagion/core/error.hpp"
#include "contagion/stats/ols.hpp"

namespace contagion::calibrate {
namespace {

DyadDirection direction(const Eigen::VectorXd& self, const Eigen::VectorXd& other, const DyadOptions& o) {
  const Eigen::Index first = o.max_lag, rows = self.size() - 1 - first;
  Eigen::VectorXd y = self.segment(first + 1, rows);
  stats::OlsOptions ols_options;
  ols_options.confidence = o.confidence;
  DyadDirection best;
  double best_criterion = std::numeric_limits<double>::infinity();
  for (int lag = 0; lag <= o.max_lag; ++lag) {
    Eigen::MatrixXd x(rows, 2);
    x.col(0) = self.segment(first, rows);
    x.col(1) = other.segment(first - lag, rows);
    const stats::OlsResult r = stats::ols(x, y, {"inertia", "contagion"}, ols_options);
    const double criterion = o.use_bic ? r.bic : r.aic;
    best.criterion.push_back(criterion);
    if (!(criterion < best_criterion) || !r.constant_added || r.params.size() != 3) continue;
    best_criterion = criterion;
    best.lag = lag;
    best.intercept = r.params(0);
    best.inertia = r.params(1);
    best.inertia_se = r.bse(1);
    best.inertia_low = r.ci_low(1);
    best.inertia_high = r.ci_high(1);
    best.contagion = r.params(2);
    best.contagion_se = r.bse(2);
    best.contagion_low = r.ci_low(2);
    best.contagion_high = r.ci_high(2);
    best.contagion_p = r.p(2);
    best.r_squared = r.r_squared;
    best.observations = r.nobs;
  }
  if (!std::isfinite(best_criterion))
    throw Error("the dyadic regression is degenerate (a constant series, or one series a copy of the other)");
  return best;
}

}  // namespace

DyadFit fit_dyad(const Eigen::VectorXd& a, const Eigen::VectorXd& b, const DyadOptions& o) {
  if (a.size() != b.size())
    throw Error(fmt::format("the two series have different lengths ({} and {} frames)", a.size(), b.size()));
  if (o.max_lag < 0) throw Error(fmt::format("the maximum lag is {}; it must be >= 0", o.max_lag));
  if (!(o.confidence > 0.0 && o.confidence < 1.0))
    throw Error(fmt::format("the confidence is {}; it must be in (0, 1)", o.confidence));
  for (Eigen::Index t = 0; t < a.size(); ++t)
    if (!std::isfinite(a(t)) || !std::isfinite(b(t)))
      throw Error(fmt::format("frame {} of series {} is missing or infinite", t + 1, std::isfinite(a(t)) ? "b" : "a"));
  if (a.size() < o.max_lag + 5)
    throw Error(fmt::format("{} frames are too few for lags up to {} (at least {} needed)", a.size(), o.max_lag,
                            o.max_lag + 5));
  return {direction(a, b, o), direction(b, a, o)};
}

}  // namespace contagion::calibrate
