// ElasticNet by coordinate descent and its k-fold grid search against sklearn 1.2
// (tests/data/stats/elasticnet.json): single fits at the optimum and at sklearn's default
// tolerance (same iteration counts), and 16 GridSearchCV variants.

#include <catch2/catch.hpp>

#include <iomanip>

#include "contagion/core/error.hpp"
#include "contagion/stats/cross_validation.hpp"
#include "contagion/stats/linear_models.hpp"
#include "fixtures.hpp"

using namespace contagion::stats;
using namespace contagion::stats::test;
using Catch::Matchers::Contains;

namespace {
const Json& file() {
  return fixture("elasticnet.json");
}
Eigen::MatrixXd raw_x() {
  return mat(file()["datasets"]["design_50x27"]["X"]);
}
Eigen::VectorXd raw_y() {
  return evec(file()["datasets"]["design_50x27"]["y"]);
}
}  // namespace

TEST_CASE("StandardScaler uses the population SD, like sklearn", "[stats][enet]") {
  const StandardScaler s = StandardScaler::fit(raw_x());
  const Eigen::MatrixXd z = s.transform(raw_x()), expected = mat(file()["X_standardized"]);
  for (Eigen::Index j = 0; j < z.cols(); ++j) {
    CHECK_NEAR(s.mean(j), num(file()["scaler_mean"][j]), 1e-13);
    CHECK_NEAR(s.scale(j), num(file()["scaler_scale"][j]), 1e-13);
  }
  CHECK((z - expected).cwiseAbs().maxCoeff() < 1e-12);
  Eigen::MatrixXd constant = Eigen::MatrixXd::Constant(4, 1, 7.0);
  CHECK(StandardScaler::fit(constant).scale(0) == 1.0);  // a zero-variance column keeps scale 1
}

TEST_CASE("ElasticNet single fits match sklearn, iteration for iteration at the default tolerance", "[stats][enet]") {
  const Eigen::MatrixXd x = mat(file()["X_standardized"]);
  const Eigen::VectorXd y = raw_y();
  for (const auto& c : file()["single"]) {
    INFO(c["name"]);
    const ElasticNetOptions o{num(c["alpha"]), num(c["l1_ratio"]), num(c["tol"]), c["max_iter"].get<std::size_t>()};
    const ElasticNetFit fit = elastic_net(x, y, o);
    const bool optimum = c["solver"] == "converged";
    CHECK(fit.n_iter == c["n_iter"].get<std::size_t>());
    CHECK(fit.converged == !c["converged_warning"].get<bool>());
    for (Eigen::Index j = 0; j < fit.coef.size(); ++j) {
      INFO("coefficient " << j);
      // At the optimum: to 1e-7 absolute (STATS.md); at the default tolerance the same sweeps give
      // the same iterate up to rounding in BLAS' sums.
      CHECK_NEAR_ABS(fit.coef(j), num(c["coef"][j]), 0.0, optimum ? 1e-7 : 1e-9);
    }
    CHECK_NEAR(fit.intercept, num(c["intercept"]), 1e-10);
    CHECK_NEAR(elastic_net_objective(x, y, fit, o), num(c["objective"]), 1e-10);
    CHECK_NEAR_ABS(fit.dual_gap, num(c["dual_gap"]), 1e-3, 1e-12);
    CHECK_NEAR(r2_score(y, fit.predict(x)), num(c["r2_train"]), 1e-10);
  }
}

TEST_CASE("ElasticNet grid search matches sklearn's GridSearchCV in all 16 variants", "[stats][enet][grid]") {
  const Eigen::MatrixXd x = raw_x();
  const Eigen::VectorXd y = raw_y();
  for (const auto& c : file()["grid"]) {
    INFO(c["name"]);
    GridSearchOptions o;
    o.alphas = vec(c["alphas"]);
    o.l1_ratios = vec(c["l1_ratios"]);
    o.scaling = c["scaling"] == "global" ? Scaling::global : Scaling::per_fold;
    o.scoring = c["scoring"] == "r2" ? Scoring::r2 : Scoring::neg_mean_squared_error;
    o.tol = num(c["tol"]);
    o.max_iter = c["max_iter"].get<std::size_t>();
    o.threads = 2;
    const std::vector<int> folds = c["test_fold_of_row"].get<std::vector<int>>();
    const GridSearchResult r = grid_search_elastic_net(x, y, folds, o);
    const bool optimum = c["solver"] == "converged";
    const double tol = optimum ? 1e-8 : 1e-9;
    for (std::size_t g = 0; g < r.mean_test_score.size(); ++g) {
      INFO("grid point " << g);
      CHECK_NEAR(r.mean_test_score[g], num(c["mean_test_score"][g]), tol);
      CHECK_NEAR(r.std_test_score[g], num(c["std_test_score_ddof0"][g]), 1e-6);
      for (std::size_t f = 0; f < 5; ++f) CHECK_NEAR(r.split_test_scores[f][g], num(c["split_test_scores"][f][g]), tol);
    }
    CHECK(r.best_index == c["best_index"].get<std::size_t>());
    CHECK(r.best.alpha == num(c["best_alpha"]));
    CHECK(r.best.l1_ratio == num(c["best_l1_ratio"]));
    for (Eigen::Index j = 0; j < r.refit.coef.size(); ++j)
      CHECK_NEAR_ABS(r.refit.coef(j), num(c["refit_coef_standardized"][j]), 0.0, optimum ? 1e-7 : 1e-9);
    CHECK_NEAR(r.refit.intercept, num(c["refit_intercept"]), 1e-10);
    CHECK_NEAR(r.refit_objective, num(c["refit_objective"]), 1e-10);
  }
}

TEST_CASE("grid search: results do not depend on the thread count, and contiguous folds are KFold's", "[stats][enet]") {
  const Eigen::MatrixXd x = raw_x();
  const Eigen::VectorXd y = raw_y();
  CHECK(contiguous_folds(12, 5) == std::vector<int>{0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4});
  GridSearchOptions o;
  o.threads = 1;
  const auto folds = contiguous_folds(50, 5);
  const GridSearchResult one = grid_search_elastic_net(x, y, folds, o);
  o.threads = 2;
  const GridSearchResult two = grid_search_elastic_net(x, y, folds, o);
  CHECK(one.mean_test_score == two.mean_test_score);
  CHECK(one.refit.coef == two.refit.coef);
}

TEST_CASE("ElasticNet and grid search: bad parameters and folds are errors", "[stats][enet]") {
  const Eigen::MatrixXd x = Eigen::MatrixXd::Random(10, 3);
  const Eigen::VectorXd y = Eigen::VectorXd::Random(10);
  CHECK_THROWS_WITH(elastic_net(x, y, {0.0, 0.5}), Contains("alpha = 0 must be positive"));
  CHECK_THROWS_WITH(elastic_net(x, y, {1.0, 1.5}), Contains("l1_ratio = 1.5 is outside [0, 1]"));
  CHECK_THROWS_WITH(grid_search_elastic_net(x, y, std::vector<int>(10, 0)), Contains("at least 2 folds"));
  std::vector<int> gap{0, 0, 0, 2, 2, 2, 2, 0, 0, 2};
  CHECK_THROWS_WITH(grid_search_elastic_net(x, y, gap), Contains("fold 1 has no rows"));
  CHECK_THROWS_WITH(contiguous_folds(3, 5), Contains("5 folds for 3 rows"));
}
