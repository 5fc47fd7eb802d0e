// Descriptives, t-tests and effect sizes against scipy / pandas / researchpy's definitions
// (tests/data/stats/tests.json, made by make_fixtures.py).

#include <catch2/catch.hpp>

#include <iomanip>

#include "contagion/core/error.hpp"
#include "contagion/stats/descriptives.hpp"
#include "contagion/stats/ttest.hpp"
#include "fixtures.hpp"

using namespace contagion::stats;
using namespace contagion::stats::test;
using Catch::Matchers::Contains;

TEST_CASE("descriptives match numpy, scipy and pandas", "[stats][descriptives]") {
  for (const auto& c : fixture("tests.json")["descriptives"]) {
    INFO(c["name"]);
    const Descriptives d = describe(vec(c["x"]));
    CHECK(d.n == c["n"].get<std::size_t>());
    CHECK_NEAR(d.mean, num(c["mean"]), 1e-12);
    CHECK_NEAR(d.sd, num(c["sd"]), 1e-12);
    CHECK_NEAR(d.variance, num(c["var"]), 1e-12);
    CHECK_NEAR(d.sem, num(c["sem"]), 1e-12);
    CHECK_NEAR(d.min, num(c["min"]), 0.0);
    CHECK_NEAR(d.max, num(c["max"]), 0.0);
    CHECK_NEAR(d.median, num(c["median"]), 1e-14);
    CHECK_NEAR(d.q1, num(c["q1"]), 1e-14);
    CHECK_NEAR(d.q3, num(c["q3"]), 1e-14);
    CHECK_NEAR(d.skew_biased, num(c["skew_biased"]), 1e-10);
    CHECK_NEAR(d.skew_unbiased, num(c["skew_unbiased"]), 1e-10);
    CHECK_NEAR(d.kurtosis_excess_biased, num(c["kurtosis_excess_biased"]), 1e-10);
    CHECK_NEAR(d.kurtosis_excess_unbiased, num(c["kurtosis_excess_unbiased"]), 1e-10);
  }
}

namespace {
void check_test(const TTest& t, const Json& ref) {
  CHECK_NEAR(t.t, num(ref["t"]), 1e-10);
  CHECK_NEAR(t.df, num(ref["df"]), 1e-12);
  const double p = num(ref["p"]);
  CHECK_NEAR(t.p, p, p < 1e-12 ? 1e-6 : 1e-9);
  CHECK_NEAR(t.mean_difference, num(ref["mean_diff"]), 1e-12);
  // scipy's t.ppf (cephes stdtri) is good to about 4e-11 only (t_0.975(2) = 4.302652729911
  // against the exact 4.302652729749), so the bounds agree to a fraction of the half-width.
  const double half_width = (num(ref["ci_high"]) - num(ref["ci_low"])) / 2.0;
  CHECK_NEAR_ABS(t.ci_low, num(ref["ci_low"]), 0.0, 1e-9 * half_width);
  CHECK_NEAR_ABS(t.ci_high, num(ref["ci_high"]), 0.0, 1e-9 * half_width);
}
}  // namespace

TEST_CASE("Student and Welch t-tests and effect sizes match scipy and researchpy", "[stats][ttest]") {
  for (const auto& c : fixture("tests.json")["ttest_ind"]) {
    INFO(c["name"]);
    const auto x = vec(c["x"]), y = vec(c["y"]);
    const TTest student = student_t(x, y), welch = welch_t(x, y);
    {
      INFO("Student");
      check_test(student, c["student"]);
    }
    {
      INFO("Welch");
      check_test(welch, c["welch"]);
    }
    const EffectSizes e = effect_sizes(x, y, student);
    CHECK_NEAR(e.cohen_d_pooled, num(c["cohen_d_pooled"]), 1e-10);
    CHECK_NEAR(e.hedges_g, num(c["hedges_g"]), 1e-10);
    CHECK_NEAR(e.glass_delta, num(c["glass_delta"]), 1e-10);
    CHECK_NEAR(e.r_signed, num(c["r_student_signed"]), 1e-10);
    CHECK_NEAR(effect_sizes(x, y, welch).r_signed, num(c["r_welch_signed"]), 1e-10);
    CHECK(student.n1 + student.n2 + student.missing == x.size() + y.size());
  }
}

TEST_CASE("paired t-test matches scipy, and pairs with a missing value are dropped", "[stats][ttest]") {
  for (const auto& c : fixture("tests.json")["ttest_rel"]) {
    INFO(c["name"]);
    const auto x = vec(c["x"]), y = vec(c["y"]);
    const TTest t = paired_t(x, y);
    check_test(t, c);
    const PairedEffectSizes e = paired_effect_sizes(x, y, t);
    CHECK_NEAR(e.d, num(c["d"]), 1e-10);
    CHECK_NEAR(e.d_av, num(c["d_av"]), 1e-10);
  }
}

TEST_CASE("t-tests: researchpy's two r conventions and the old d agree in magnitude", "[stats][ttest]") {
  const std::vector<double> x{5.1, 4.9, 6.2, 5.8, 6.0, 5.5}, y{4.1, 4.4, 5.0, 3.9, 4.6};
  const TTest welch = welch_t(x, y);
  const EffectSizes e = effect_sizes(x, y, welch);
  CHECK(e.r_unsigned == Approx(std::fabs(e.r_signed)));
  CHECK(e.r_signed > 0.0);
  // researchpy <= 0.2 computed d from the test's t; for Student that is the pooled d.
  const TTest student = student_t(x, y);
  CHECK(effect_sizes(x, y, student).cohen_d_from_t == Approx(e.cohen_d_pooled));
}

TEST_CASE("t-tests: empty groups and mismatched pairs are errors", "[stats][ttest]") {
  const std::vector<double> x{1, 2, 3}, nan{NAN, NAN};
  CHECK_THROWS_WITH(student_t(x, nan), Contains("at least one value in each group"));
  CHECK_THROWS_WITH(paired_t(x, std::vector<double>{1, 2}), Contains("differ in length: 3 and 2"));
}
