// Shapiro–Wilk against R's shapiro.test (double precision; scipy 1.10 is single precision),
// Mann–Whitney U and Kruskal–Wallis against scipy, and the exact U distribution against a
// brute-force enumeration.

#include <catch2/catch.hpp>

#include <iomanip>
#include <numeric>

#include "contagion/core/error.hpp"
#include "contagion/stats/normality.hpp"
#include "contagion/stats/rank_tests.hpp"
#include "fixtures.hpp"

using namespace contagion::stats;
using namespace contagion::stats::test;
using Catch::Matchers::Contains;

TEST_CASE("Shapiro-Wilk matches R's shapiro.test, and scipy loosely", "[stats][shapiro]") {
  for (const auto& c : fixture("tests.json")["shapiro"]) {
    INFO(c["name"]);
    const ShapiroWilk s = shapiro_wilk(vec(c["x"]));
    CHECK_NEAR(s.w, num(c["w"]), 1e-10);
    CHECK_NEAR_ABS(s.p, num(c["p"]), 1e-8, 1e-300);
    // scipy 1.10 runs the algorithm in float32 (STATS.md): W to ~2e-6, p to 3e-3 absolute.
    CHECK_NEAR_ABS(s.w, num(c["w_scipy"]), 0.0, 2e-6);
    CHECK_NEAR_ABS(s.p, num(c["p_scipy"]), 0.0, 3e-3);
  }
}

TEST_CASE("Shapiro-Wilk: too few values is an error, equal values give NaN", "[stats][shapiro]") {
  CHECK_THROWS_WITH(shapiro_wilk(std::vector<double>{1.0, NAN, 2.0}), Contains("at least 3 values, got 2"));
  const ShapiroWilk flat = shapiro_wilk(std::vector<double>{2, 2, 2, 2});
  CHECK(std::isnan(flat.w));
  CHECK(std::isnan(flat.p));
  // W is invariant to location and scale.
  const std::vector<double> x{3.1, 2.7, 4.4, 5.0, 3.3, 2.2, 6.1, 3.9};
  std::vector<double> moved(x);
  for (double& v : moved) v = 1e4 + 250.0 * v;
  CHECK(shapiro_wilk(moved).w == Approx(shapiro_wilk(x).w).epsilon(1e-12));
}

TEST_CASE("Mann-Whitney U matches scipy, including its auto rule", "[stats][mwu]") {
  for (const auto& c : fixture("tests.json")["mannwhitneyu"]) {
    INFO(c["name"]);
    const std::string method = c["method"];
    const UMethod m = method == "exact"        ? UMethod::exact
                      : method == "asymptotic" ? UMethod::asymptotic
                                               : UMethod::automatic;
    const MannWhitney r = mann_whitney_u(vec(c["x"]), vec(c["y"]), m);
    CHECK(r.u == num(c["u"]));
    CHECK(to_string(r.method) == c["method_used"].get<std::string>());
    CHECK_NEAR(r.p, num(c["p"]), r.method == UMethod::exact ? 1e-12 : 1e-10);
  }
}

TEST_CASE("Mann-Whitney exact distribution: brute force over every split of 4 + 5 values", "[stats][mwu]") {
  // Ranks 1..9 split into x (4) and y (5): count arrangements with U >= u for each u.
  const std::size_t m = 4, n = 5;
  std::vector<int> count(m * n + 1, 0);
  int total = 0;
  for (unsigned mask = 0; mask < (1u << (m + n)); ++mask) {
    if (static_cast<std::size_t>(__builtin_popcount(mask)) != m) continue;
    int rank_sum = 0;
    for (unsigned i = 0; i < m + n; ++i)
      if (mask & (1u << i)) rank_sum += static_cast<int>(i) + 1;
    ++count[static_cast<std::size_t>(rank_sum) - m * (m + 1) / 2];
    ++total;
  }
  // x = ranks {1, 2, 3, 9}: U = 1 + 2 + 3 + 9 - 10 = 5, the larger U is 15.
  const MannWhitney r =
      mann_whitney_u(std::vector<double>{1, 2, 3, 9}, std::vector<double>{4, 5, 6, 7, 8}, UMethod::exact);
  CHECK(r.u == 5.0);
  int at_least = 0;
  for (std::size_t u = 15; u <= m * n; ++u) at_least += count[u];
  CHECK(r.p == Approx(2.0 * at_least / total).epsilon(1e-14));
}

TEST_CASE("Mann-Whitney: empty samples and oversized exact requests are errors", "[stats][mwu]") {
  CHECK_THROWS_WITH(mann_whitney_u(std::vector<double>{}, std::vector<double>{1.0}), Contains("at least one value"));
  std::vector<double> big(600);
  std::iota(big.begin(), big.end(), 0.0);
  CHECK_THROWS_WITH(mann_whitney_u(big, big, UMethod::exact), Contains("limited to 1000 values"));
}

TEST_CASE("Kruskal-Wallis matches scipy", "[stats][kruskal]") {
  for (const auto& c : fixture("tests.json")["kruskal"]) {
    INFO(c["name"]);
    std::vector<std::vector<double>> groups;
    for (const auto& g : c["groups"]) groups.push_back(vec(g));
    const KruskalWallis k = kruskal_wallis(groups);
    CHECK_NEAR(k.h, num(c["h"]), 1e-10);
    CHECK_NEAR(k.p, num(c["p"]), 1e-9);
  }
  CHECK_THROWS_WITH(kruskal_wallis({{1.0, 2.0}}), Contains("at least two groups"));
}
