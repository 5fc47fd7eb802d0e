// Validation on replicate synthetic studies: the false-positive rate under a true null, power
// rising with the sample size, exact peak recovery without noise, and thread independence.

#include <catch2/catch.hpp>

#include "contagion/core/error.hpp"
#include "contagion/datasets/validation.hpp"

using namespace contagion;
using namespace contagion::datasets;
using Catch::Matchers::Contains;

namespace {
/// Short studies: one KDEF block at 10 frames per second.
ValidationSpec small_spec() {
  ValidationSpec spec;
  spec.lab.blocks = 1;
  spec.lab.frame_rate = 10.0;
  spec.lab.noise_sd = 0.02;
  spec.through_format = false;
  spec.threads = 2;
  return spec;
}
}  // namespace

TEST_CASE("under a true null the gender t-test rejects at its nominal rate", "[datasets][validation]") {
  // No gender effect on reactivity exists in the model: 200 replicate studies of 12.
  ValidationSpec spec = small_spec();
  spec.sample_sizes = {12};
  spec.replicates = 200;
  const ValidationResult r = validate_measures(spec);
  const double rate = r.power.numbers("false_positive_rate")[0];
  INFO("false-positive rate " << rate);
  CHECK(r.power.numbers("fp_ci_low")[0] <= 0.05);
  CHECK(r.power.numbers("fp_ci_high")[0] >= 0.05);
}

TEST_CASE("power to detect the reactivity-EQ correlation grows with the sample size", "[datasets][validation]") {
  ValidationSpec spec = small_spec();
  spec.lab.reactivity_eq_correlation = 0.6;
  spec.sample_sizes = {8, 40};
  spec.replicates = 30;
  const ValidationResult r = validate_measures(spec);
  const auto power = r.power.numbers("power");
  CHECK(power[1] > power[0]);
  CHECK(power[1] > 0.8);
  for (const double recovered : r.power.numbers("mean_r_true_measured")) CHECK(recovered > 0.9);
  const auto wide = wilson_interval(3, 10);
  CHECK(wide.first == Approx(0.1077913).epsilon(1e-5));  // the 95 % Wilson interval of 3 / 10
  CHECK(wide.second == Approx(0.6032219).epsilon(1e-5));
}

TEST_CASE("without noise the peaks are recovered exactly, through the export format", "[datasets][validation]") {
  ValidationSpec spec = small_spec();
  spec.lab.noise_sd = 0.0;
  spec.lab.frame_rate = 30.0;
  spec.through_format = true;
  spec.sample_sizes = {4};
  spec.replicates = 2;
  const ValidationResult r = validate_measures(spec);
  CHECK(std::fabs(r.recovery.numbers("peak_bias")[0]) < 1e-6);
  CHECK(r.recovery.numbers("peak_rmse")[0] < 1e-6);
}

TEST_CASE("validation results do not depend on the thread count, and settings are checked", "[datasets][validation]") {
  ValidationSpec spec = small_spec();
  spec.sample_sizes = {6};
  spec.replicates = 6;
  spec.threads = 1;
  const ValidationResult one = validate_measures(spec);
  spec.threads = 2;
  const ValidationResult two = validate_measures(spec);
  CHECK(one.power.to_csv() == two.power.to_csv());
  CHECK(one.recovery.to_csv() == two.recovery.to_csv());
  spec.sample_sizes = {3};
  CHECK_THROWS_WITH(validate_measures(spec), Contains("4 or more participants"));
  spec.sample_sizes = {};
  CHECK_THROWS_WITH(validate_measures(spec), Contains("at least one sample size"));
}
