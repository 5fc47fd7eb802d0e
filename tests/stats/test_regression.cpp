// OLS against statsmodels (including its minimum-norm answer for a collinear design and
// add_constant's skip), LinearRegression with a train/test split against sklearn.

#include <catch2/catch.hpp>

#include <iomanip>

#include "contagion/core/error.hpp"
#include "contagion/stats/linear_models.hpp"
#include "contagion/stats/ols.hpp"
#include "fixtures.hpp"

using namespace contagion::stats;
using namespace contagion::stats::test;
using Catch::Matchers::Contains;

namespace {

std::pair<Eigen::MatrixXd, Eigen::VectorXd> data(const Json& file, const Json& c) {
  if (c.contains("dataset")) {
    const auto& d = file["datasets"][c["dataset"].get<std::string>()];
    return {mat(d["X"]), evec(d["y"])};
  }
  return {mat(c["X"]), evec(c["y"])};
}

std::vector<std::size_t> indices(const Json& v) {
  return v.get<std::vector<std::size_t>>();
}

}  // namespace

TEST_CASE("OLS matches statsmodels' summary", "[stats][ols]") {
  const Json& file = fixture("regression.json");
  for (const auto& c : file["ols"]) {
    INFO(c["name"]);
    const auto [x, y] = data(file, c);
    OlsOptions options;
    options.add_constant = c["add_constant"];
    const OlsResult r = ols(x, y, {}, options);
    REQUIRE(r.params.size() == c["n_exog_columns"].get<Eigen::Index>());
    CHECK(r.constant_added == c["constant_column_added"].get<bool>());
    CHECK(r.nobs == c["nobs"].get<std::size_t>());
    CHECK(r.rank == c["rank"].get<std::size_t>());
    CHECK(r.k_constant == c["k_constant"].get<std::size_t>());
    CHECK(r.df_model == num(c["df_model"]));
    CHECK(r.df_resid == num(c["df_resid"]));
    const bool full_rank = r.rank == static_cast<std::size_t>(r.params.size());
    // The collinear case: statsmodels' minimum-norm answer, a little less exact.
    const double tol = full_rank ? 1e-9 : 1e-7;
    for (Eigen::Index j = 0; j < r.params.size(); ++j) {
      INFO("column " << j);
      CHECK_NEAR(r.params(j), num(c["params"][j]), tol);
      CHECK_NEAR(r.bse(j), num(c["bse"][j]), tol);
      CHECK_NEAR(r.t(j), num(c["tvalues"][j]), tol);
      CHECK_NEAR(r.p(j), num(c["pvalues"][j]), full_rank ? 1e-8 : 1e-6);
      // statsmodels' t quantile is scipy's (good to ~4e-11): bounds to a fraction of the half-width.
      const double half_width = (num(c["ci_high"][j]) - num(c["ci_low"][j])) / 2.0;
      CHECK_NEAR_ABS(r.ci_low(j), num(c["ci_low"][j]), tol, 1e-9 * half_width);
      CHECK_NEAR_ABS(r.ci_high(j), num(c["ci_high"][j]), tol, 1e-9 * half_width);
    }
    CHECK_NEAR(r.r_squared, num(c["rsquared"]), 1e-10);
    CHECK_NEAR(r.r_squared_adj, num(c["rsquared_adj"]), 1e-10);
    CHECK_NEAR(r.f, num(c["fvalue"]), 1e-9);
    CHECK_NEAR(r.f_p, num(c["f_pvalue"]), 1e-8);
    CHECK_NEAR(r.log_likelihood, num(c["llf"]), 1e-10);
    CHECK_NEAR(r.aic, num(c["aic"]), 1e-10);
    CHECK_NEAR(r.bic, num(c["bic"]), 1e-10);
    CHECK_NEAR(r.ssr, num(c["ssr"]), 1e-9);
    CHECK_NEAR(r.ess, num(c["ess"]), 1e-9);
    CHECK_NEAR(r.scale, num(c["scale"]), 1e-9);
    CHECK_NEAR(r.durbin_watson, num(c["durbin_watson"]), 1e-9);
    CHECK_NEAR(r.jarque_bera, num(c["jarque_bera"]), 1e-8);
    CHECK_NEAR(r.jarque_bera_p, num(c["jarque_bera_p"]), 1e-8);
    CHECK_NEAR(r.skew, num(c["skew"]), 1e-8);
    CHECK_NEAR(r.kurtosis, num(c["kurtosis"]), 1e-9);
    CHECK_NEAR(r.omnibus, num(c["omnibus"]), 1e-8);
    CHECK_NEAR(r.omnibus_p, num(c["omnibus_p"]), 1e-8);
    if (full_rank) CHECK_NEAR(r.condition_number, num(c["condition_number"]), 1e-8);
  }
}

TEST_CASE("OLS: names, missing rows and bad shapes", "[stats][ols]") {
  Eigen::MatrixXd x(5, 1);
  x << 1, 2, 3, 4, NAN;
  Eigen::VectorXd y(5);
  y << 2.1, 3.9, 6.2, 7.8, 10.0;
  const OlsResult r = ols(x, y, {"dose"});
  CHECK(r.names == std::vector<std::string>{"const", "dose"});
  CHECK(r.nobs == 4);
  CHECK(r.missing == 1);
  CHECK(r.params(1) == Approx(1.94));  // 9.7 / 5
  CHECK_THROWS_WITH(ols(x, Eigen::VectorXd::Ones(4)), Contains("X has 5 rows but y has 4 values"));
  CHECK_THROWS_WITH(ols(x, y, {"a", "b"}), Contains("2 names for 1 columns"));
}

TEST_CASE("LinearRegression on a 70/30 split matches sklearn (R^2 is not clipped)", "[stats][linear]") {
  const Json& file = fixture("regression.json");
  for (const auto& c : file["linear_regression_split"]) {
    INFO(c["name"]);
    const auto [x, y] = data(file, c);
    const auto train = indices(c["train_rows"]), test = indices(c["test_rows"]);
    const LinearFit fit = linear_regression(x, y, train);
    for (Eigen::Index j = 0; j < fit.coef.size(); ++j) CHECK_NEAR(fit.coef(j), num(c["coef"][j]), 1e-8);
    CHECK_NEAR(fit.intercept, num(c["intercept"]), 1e-8);
    const Eigen::VectorXd truth = select_rows(y, test), predicted = fit.predict(select_rows(x, test));
    CHECK_NEAR(r2_score(truth, predicted), num(c["r2_test"]), 1e-9);
    CHECK_NEAR(mean_absolute_error(truth, predicted), num(c["mae_test"]), 1e-9);
    CHECK(r2_score(truth, predicted) < 0.0);  // 28 parameters from 35 rows: worse than the mean
  }
}
