// Pearson and Spearman (scipy), one-way ANOVA (scipy + eta^2, omega^2), ICC (R psych::ICC),
// Benjamini–Hochberg and Holm (statsmodels).

#include <catch2/catch.hpp>

#include <iomanip>

#include "contagion/core/error.hpp"
#include "contagion/stats/anova.hpp"
#include "contagion/stats/correlation.hpp"
#include "contagion/stats/multiple_testing.hpp"
#include "contagion/stats/ttest.hpp"
#include "fixtures.hpp"

using namespace contagion::stats;
using namespace contagion::stats::test;
using Catch::Matchers::Contains;

TEST_CASE("Pearson r, p and Fisher interval match scipy", "[stats][correlation]") {
  for (const auto& c : fixture("tests.json")["pearson"]) {
    INFO(c["name"]);
    const Correlation r = pearson(vec(c["x"]), vec(c["y"]));
    CHECK(r.n == c["n_used"].get<std::size_t>());
    // scipy gets r = 0.9999999999999998 on a perfect line of 3 (STATS.md): loosely there.
    CHECK_NEAR_ABS(r.r, num(c["r"]), 1e-10, 1e-15);
    if (c["name"] == "n3_perfect_linear")
      CHECK(r.p < 1e-7);
    else
      CHECK_NEAR(r.p, num(c["p"]), 1e-9);
    CHECK_NEAR_ABS(r.ci_low, num(c["ci_low"]), 1e-10, 1e-15);
    CHECK_NEAR_ABS(r.ci_high, num(c["ci_high"]), 1e-10, 1e-15);
  }
}

TEST_CASE("Spearman rho and p match scipy", "[stats][correlation]") {
  for (const auto& c : fixture("tests.json")["spearman"]) {
    INFO(c["name"]);
    const Correlation r = spearman(vec(c["x"]), vec(c["y"]));
    CHECK(r.n == c["n_used"].get<std::size_t>());
    CHECK_NEAR_ABS(r.r, num(c["rho"]), 1e-10, 1e-15);
    if (r.n == 2)
      CHECK(std::isnan(r.p));  // no degrees of freedom
    else if (std::fabs(num(c["rho"])) > 1.0 - 1e-12)
      CHECK(r.p < 1e-7);  // rho = 1 up to rounding: p is 0 or nearly
    else
      CHECK_NEAR(r.p, num(c["p"]), 1e-9);
  }
}

TEST_CASE("correlations: constant input gives NaN, too few pairs is an error", "[stats][correlation]") {
  const Correlation flat = pearson(std::vector<double>{1, 2, 3, 4}, std::vector<double>{5, 5, 5, 5});
  CHECK(std::isnan(flat.r));
  CHECK(std::isnan(flat.p));
  CHECK_THROWS_WITH(spearman(std::vector<double>{1, NAN, 3}, std::vector<double>{NAN, 2, NAN}),
                    Contains("at least 2 complete pairs"));
  CHECK_THROWS_WITH(pearson(std::vector<double>{1, 2}, std::vector<double>{1, 2, 3}), Contains("differ in length"));
}

TEST_CASE("one-way ANOVA matches scipy, and two groups give Student's t squared", "[stats][anova]") {
  for (const auto& c : fixture("tests.json")["anova"]) {
    INFO(c["name"]);
    std::vector<std::vector<double>> groups;
    for (const auto& g : c["groups"]) groups.push_back(vec(g));
    const Anova a = one_way_anova(groups);
    CHECK_NEAR(a.f, num(c["f"]), 1e-10);
    CHECK_NEAR(a.p, num(c["p"]), 1e-9);
    CHECK(a.df_between == num(c["df_between"]));
    CHECK(a.df_within == num(c["df_within"]));
    CHECK_NEAR(a.eta_squared, num(c["eta2"]), 1e-10);
    CHECK_NEAR(a.omega_squared, num(c["omega2"]), 1e-10);
    if (groups.size() == 2) {
      const TTest t = student_t(groups[0], groups[1]);
      CHECK(a.f == Approx(t.t * t.t).epsilon(1e-12));
      CHECK(a.p == Approx(t.p).epsilon(1e-10));
    }
  }
  CHECK_THROWS_WITH(one_way_anova({{1.0, 2.0}, {}}), Contains("a group has no values"));
}

TEST_CASE("intraclass correlations match R psych::ICC (Shrout & Fleiss 1979)", "[stats][icc]") {
  for (const auto& c : fixture("tests.json")["icc"]) {
    INFO(c["name"]);
    const auto icc = intraclass_correlations(mat(c["table"]));
    for (std::size_t i = 0; i < 6; ++i) {
      const auto& ref = c["rows"][i];
      INFO(ref["type"]);
      CHECK(to_string(icc[i].type) == ref["type"].get<std::string>());
      CHECK_NEAR(icc[i].icc, num(ref["icc"]), 1e-10);
      CHECK_NEAR(icc[i].f, num(ref["f"]), 1e-10);
      CHECK(icc[i].df1 == num(ref["df1"]));
      CHECK(icc[i].df2 == num(ref["df2"]));
      CHECK_NEAR(icc[i].p, num(ref["p"]), 1e-9);
      CHECK_NEAR_ABS(icc[i].ci_low, num(ref["ci_low"]), 1e-9, 1e-12);
      CHECK_NEAR_ABS(icc[i].ci_high, num(ref["ci_high"]), 1e-9, 1e-12);
    }
  }
  Eigen::MatrixXd gap(3, 2);
  gap << 1, 2, 3, NAN, 5, 6;
  CHECK_THROWS_WITH(intraclass_correlations(gap), Contains("target 2 by rater 2 is missing"));
}

TEST_CASE("Benjamini-Hochberg and Holm match statsmodels", "[stats][multiple]") {
  for (const auto& c : fixture("tests.json")["multipletests"]) {
    INFO(c["name"]);
    const auto p = vec(c["p"]);
    const double alpha = num(c["alpha"]);
    const Adjusted bh = benjamini_hochberg(p, alpha), hm = holm(p, alpha);
    for (std::size_t i = 0; i < p.size(); ++i) {
      INFO("p-value " << i);
      CHECK_NEAR(bh.p[i], num(c["bh"][i]), 1e-14);
      CHECK(bh.reject[i] == c["bh_reject"][i].get<bool>());
      CHECK_NEAR(hm.p[i], num(c["holm"][i]), 1e-14);
      CHECK(hm.reject[i] == c["holm_reject"][i].get<bool>());
    }
  }
  CHECK_THROWS_WITH(holm(std::vector<double>{0.01, NAN}), Contains("position 2") && Contains("drop missing"));
}
