// Dyadic inertia and contagion: known coefficients and lag recovered from a simulated pair,
// the intervals cover them, no contagion when the partner is independent, and bad input.

#include <catch2/catch.hpp>

#include "contagion/calibrate/dyad.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"

using namespace contagion;
using namespace contagion::calibrate;
using Catch::Matchers::Contains;

namespace {

/// a(t+1) = 0.6 a(t) + 0.3 b(t-3) + 0.1 + e; b(t+1) = 0.8 b(t) + 0.05 a(t-1) + e.
std::pair<Eigen::VectorXd, Eigen::VectorXd> pair_series(Eigen::Index frames, double a_from_b, std::uint64_t seed) {
  Eigen::VectorXd a = Eigen::VectorXd::Zero(frames), b = Eigen::VectorXd::Zero(frames);
  const auto noise = [&](std::uint64_t who, Eigen::Index t) {
    return 0.1 * RandomStream({seed, StreamPurpose::dynamics, who, 0, static_cast<std::uint64_t>(t)}).normal();
  };
  for (Eigen::Index t = 3; t + 1 < frames; ++t) {
    a(t + 1) = 0.6 * a(t) + a_from_b * b(t - 3) + 0.1 + noise(0, t);
    b(t + 1) = 0.8 * b(t) + 0.05 * a(t - 1) + noise(1, t);
  }
  return {a, b};
}

}  // namespace

TEST_CASE("dyad fit recovers inertia, contagion and the lag per direction", "[calibrate][dyad]") {
  const auto [a, b] = pair_series(4000, 0.3, 61);
  DyadOptions o;
  o.max_lag = 6;
  const DyadFit fit = fit_dyad(a, b, o);
  CHECK(fit.b_to_a.lag == 3);
  CHECK(fit.b_to_a.inertia == Approx(0.6).margin(0.03));
  CHECK(fit.b_to_a.contagion == Approx(0.3).margin(0.03));
  CHECK(fit.b_to_a.intercept == Approx(0.1).margin(0.03));
  CHECK(fit.b_to_a.contagion_low <= 0.3);
  CHECK(fit.b_to_a.contagion_high >= 0.3);
  CHECK(fit.b_to_a.inertia_low <= 0.6);
  CHECK(fit.b_to_a.inertia_high >= 0.6);
  CHECK(fit.b_to_a.criterion.size() == 7);
  CHECK(fit.b_to_a.observations == 4000 - 1 - 6);
  CHECK(fit.a_to_b.lag == 1);
  CHECK(fit.a_to_b.inertia == Approx(0.8).margin(0.03));
  CHECK(fit.a_to_b.contagion == Approx(0.05).margin(0.02));
}

TEST_CASE("dyad fit: an independent partner gives an interval around zero contagion", "[calibrate][dyad]") {
  const auto [a, b] = pair_series(3000, 0.0, 62);
  DyadOptions o;
  o.max_lag = 0;  // one lag: the interval is an honest one, not chosen after looking
  const DyadFit fit = fit_dyad(a, b, o);
  CHECK(fit.b_to_a.contagion_low <= 0.0);
  CHECK(fit.b_to_a.contagion_high >= 0.0);
  CHECK(fit.b_to_a.inertia == Approx(0.6).margin(0.04));
}

TEST_CASE("dyad fit: bad input is an error", "[calibrate][dyad]") {
  CHECK_THROWS_WITH(fit_dyad(Eigen::VectorXd::Ones(10), Eigen::VectorXd::Ones(11)), Contains("(10 and 11 frames)"));
  Eigen::VectorXd gap = Eigen::VectorXd::LinSpaced(20, 0.0, 1.0);
  gap(7) = NAN;
  CHECK_THROWS_WITH(fit_dyad(Eigen::VectorXd::LinSpaced(20, 0.0, 1.0), gap), Contains("frame 8 of series b"));
  CHECK_THROWS_WITH(fit_dyad(Eigen::VectorXd::Ones(8), Eigen::VectorXd::Ones(8)), Contains("too few"));
  DyadOptions negative;
  negative.max_lag = -2;
  CHECK_THROWS_WITH(fit_dyad(Eigen::VectorXd::Ones(20), Eigen::VectorXd::Ones(20), negative), Contains(">= 0"));
}
