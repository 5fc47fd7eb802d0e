// Windowed lagged synchrony against R's ccf on a small series, on signals with a known lead,
// its surrogates, and on the real rMEA psychotherapy recording when shared/data is present.

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/facial/synchrony.hpp"

using namespace contagion::facial;
using Catch::Matchers::Contains;

namespace {
std::vector<double> noise(std::size_t n, std::uint64_t seed) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i)
    x[i] = contagion::RandomStream({seed, contagion::StreamPurpose::dynamics, 0, 0, i}).normal();
  return x;
}
}  // namespace

TEST_CASE("synchrony of one window matches R's ccf, with Fisher z of its absolute value", "[facial][synchrony]") {
  // R: s1 <- c(1,3,2,5,4,6,2,7); s2 <- c(2,1,4,3,6,5,3,8); ccf(s2, s1, lag.max = 2)$acf
  // gives lags -2..2: -0.081663157251019 0.178174161274950 0.712696645099798 0.103934927410387
  // 0.215293778207231 (R's lag k pairs s2[t + k] with s1[t]: our lag, s2 following s1).
  const std::vector<double> s1{1, 3, 2, 5, 4, 6, 2, 7}, s2{2, 1, 4, 3, 6, 5, 3, 8};
  const Synchrony s = lagged_synchrony(s1, s2, 1.0, {8.0, 8.0, 2.0});
  REQUIRE(s.z.size() == 1);
  const double r[] = {-0.081663157251019, 0.178174161274950, 0.712696645099798, 0.103934927410387, 0.215293778207231};
  for (int k = 0; k < 5; ++k) CHECK(s.z[0][k] == Approx(std::fabs(std::atanh(r[k]))).epsilon(1e-12));
  CHECK(s.lag0[0] == Approx(std::atanh(r[2])).epsilon(1e-12));
  CHECK(s.best_lag_s[0] == 0.0);
  CHECK(s.mean_s2_follows[0] == Approx((std::atanh(r[3]) + std::atanh(r[4])) / 2).epsilon(1e-12));
  CHECK(s.grand_average == Approx(s.mean_all[0]));
}

TEST_CASE("synchrony finds the lag by which one series follows the other", "[facial][synchrony]") {
  const double rate = 10.0;
  const std::vector<double> base = noise(3000, 1);
  std::vector<double> follower(3000, 0.0);
  for (std::size_t t = 13; t < 3000; ++t) follower[t] = base[t - 13];  // s2 follows by 1.3 s
  const Synchrony s = lagged_synchrony(base, follower, rate, {60.0, 30.0, 5.0});
  CHECK(s.window_start_s.size() == (3000 - 600) / 300 + 1);
  for (const double lag : s.best_lag_s) CHECK(lag == Approx(1.3));
  for (std::size_t w = 0; w < s.z.size(); ++w) CHECK(s.mean_s2_follows[w] > s.mean_s1_follows[w]);
  // Independent series are far less synchronous, and so are shuffled surrogates of a real pair.
  const Synchrony unrelated = lagged_synchrony(base, noise(3000, 2), rate, {60.0, 30.0, 5.0});
  CHECK(unrelated.grand_average < 0.1);
  const SurrogateSummary sur =
      shuffled_surrogates(base, follower, rate, {60.0, 30.0, 5.0}, s.grand_average, 30.0, 20, 7);
  CHECK(sur.grand_averages.size() == 20);
  CHECK(sur.mean < s.grand_average);
  CHECK(sur.p == Approx(1.0 / 21.0));
  CHECK(shuffled_surrogates(base, follower, rate, {60.0, 30.0, 5.0}, s.grand_average, 30.0, 20, 7).grand_averages ==
        sur.grand_averages);  // seeded
  const auto repaired =
      repaired_grand_averages({base, noise(3000, 3)}, {follower, noise(3000, 4)}, rate, {60.0, 30.0, 5.0});
  CHECK(repaired.size() == 2);
  CHECK(repaired[0] < s.grand_average);
}

TEST_CASE("synchrony: mismatched series and windows that do not fit are errors", "[facial][synchrony]") {
  const std::vector<double> a(100, 1.0), b(99, 1.0);
  CHECK_THROWS_WITH(lagged_synchrony(a, b, 10.0), Contains("differ in length: 100 and 99"));
  CHECK_THROWS_WITH(lagged_synchrony(a, a, 10.0, {60.0, 30.0, 5.0}), Contains("does not fit"));
  const Synchrony flat = lagged_synchrony(a, a, 10.0, {5.0, 5.0, 1.0});  // constant: r undefined
  CHECK(std::isnan(flat.grand_average));
}

TEST_CASE("synchrony on the real rMEA psychotherapy session (shared/data, GPL-3, not copied)",
          "[facial][synchrony][rmea]") {
  const std::filesystem::path file =
      std::filesystem::path(CONTAGION_SOURCE_DIR) / "../shared/data/facial/rmea/200_01.txt";
  if (!std::filesystem::exists(file)) {
    WARN("the rMEA sample " << file.string() << " is not present: the check on real data is skipped");
    return;
  }
  std::vector<double> patient, therapist;
  std::vector<std::string> names;
  read_two_columns(file.string(), patient, therapist, &names);
  CHECK(names == std::vector<std::string>{"pat", "th"});
  REQUIRE(patient.size() == 15000);  // 10 minutes at 25 fps
  CHECK(patient.front() == 1550);
  CHECK(therapist.front() == 6948);
  const Synchrony s = lagged_synchrony(patient, therapist, 25.0, {60.0, 30.0, 5.0});
  CHECK(s.window_start_s.size() == 19);
  CHECK(s.grand_average > 0.05);
  CHECK(s.grand_average < 0.5);
  const SurrogateSummary sur =
      shuffled_surrogates(patient, therapist, 25.0, {60.0, 30.0, 5.0}, s.grand_average, 30.0, 10, 1);
  // Raw motion energy (no smoothing or scaling) gives a grand average of about 0.069 against
  // 0.066 +- 0.007 for shuffled surrogates: close, so only the summary's consistency is checked.
  CHECK(sur.sd > 0.0);
  CHECK(sur.z == Approx((s.grand_average - sur.mean) / sur.sd));
  CHECK(sur.p > 0.0);
  CHECK(sur.p <= 1.0);
}
