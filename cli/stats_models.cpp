// contagion stats ols / elasticnet: regressions on columns of a CSV file.

#include <fmt/format.h>

#include <iostream>

#include "common.hpp"
#include "contagion/core/error.hpp"
#include "contagion/stats/cross_validation.hpp"
#include "contagion/stats/ols.hpp"
#include "stats_common.hpp"

namespace contagion::cli {
namespace {

using nlohmann::json;

struct ModelOptions {
  std::string y;
  std::vector<std::string> x;
};

void add_model_options(CLI::App& cmd, ModelOptions& o) {
  cmd.add_option("--y", o.y, "the outcome column")->required();
  cmd.add_option("--x", o.x, "predictor columns")->delimiter(',')->required();
}

void add_ols(CLI::App& parent, std::shared_ptr<StatsInput> in) {
  auto o = std::make_shared<ModelOptions>();
  auto no_constant = std::make_shared<bool>(false);
  auto* cmd = parent.add_subcommand("ols", "Ordinary least squares with the statsmodels summary");
  add_input_options(*cmd, *in);
  add_model_options(*cmd, *o);
  cmd->add_flag("--no-constant", *no_constant, "do not add an intercept");
  cmd->footer("Example:\n  contagion stats ols --data wide.csv --y eq --x joy_max,anger_max,AU12_max");
  cmd->callback([in, o, no_constant] {
    const Table t = read_csv(in->data);
    stats::OlsOptions options;
    options.add_constant = !*no_constant;
    const stats::OlsResult r = stats::ols(stats::matrix_of(t, o->x), stats::vector_of(t, o->y), o->x, options);
    if (in->json) {
      json coefficients = json::array();
      for (Eigen::Index j = 0; j < r.params.size(); ++j)
        coefficients.push_back({{"name", r.names[static_cast<std::size_t>(j)]},
                                {"coef", num(r.params(j))},
                                {"se", num(r.bse(j))},
                                {"t", num(r.t(j))},
                                {"p", num(r.p(j))},
                                {"ci_low", num(r.ci_low(j))},
                                {"ci_high", num(r.ci_high(j))}});
      std::cout << json{{"y", o->y},
                        {"nobs", r.nobs},
                        {"rows_dropped", r.missing},
                        {"rank", r.rank},
                        {"df_model", r.df_model},
                        {"df_resid", r.df_resid},
                        {"r_squared", num(r.r_squared)},
                        {"r_squared_adj", num(r.r_squared_adj)},
                        {"f", num(r.f)},
                        {"f_p", num(r.f_p)},
                        {"log_likelihood", num(r.log_likelihood)},
                        {"aic", num(r.aic)},
                        {"bic", num(r.bic)},
                        {"condition_number", num(r.condition_number)},
                        {"durbin_watson", num(r.durbin_watson)},
                        {"jarque_bera", num(r.jarque_bera)},
                        {"jarque_bera_p", num(r.jarque_bera_p)},
                        {"omnibus", num(r.omnibus)},
                        {"omnibus_p", num(r.omnibus_p)},
                        {"coefficients", coefficients}}
                       .dump(2)
                << '\n';
      return;
    }
    fmt::print(
        "OLS of {} (n = {}, {} rows dropped)\n  R^2 = {:.4f}, adjusted {:.4f}, F({}, {}) = {:.4f}, p = {:.4g}\n"
        "  log-likelihood {:.3f}, AIC {:.3f}, BIC {:.3f}, condition number {:.4g}\n",
        o->y, r.nobs, r.missing, r.r_squared, r.r_squared_adj, r.df_model, r.df_resid, r.f, r.f_p, r.log_likelihood,
        r.aic, r.bic, r.condition_number);
    if (r.rank < static_cast<std::size_t>(r.params.size()))
      fmt::print("  the design has rank {} < {} columns: minimum-norm coefficients (as statsmodels)\n", r.rank,
                 r.params.size());
    fmt::print("\n{:<16} {:>11} {:>10} {:>8} {:>9} {:>23}\n", "", "coef", "std err", "t", "P>|t|", "[0.025, 0.975]");
    for (Eigen::Index j = 0; j < r.params.size(); ++j)
      fmt::print("{:<16} {:>11.4f} {:>10.4f} {:>8.3f} {:>9.3f}  [{:>9.4f}, {:>9.4f}]\n",
                 r.names[static_cast<std::size_t>(j)], r.params(j), r.bse(j), r.t(j), r.p(j), r.ci_low(j),
                 r.ci_high(j));
    fmt::print(
        "\nOmnibus {:.3f} (p {:.3f}), Durbin-Watson {:.3f}, Jarque-Bera {:.3f} (p {:.3f}), skew {:.3f}, kurtosis "
        "{:.3f}\n",
        r.omnibus, r.omnibus_p, r.durbin_watson, r.jarque_bera, r.jarque_bera_p, r.skew, r.kurtosis);
  });
}

void add_elasticnet(CLI::App& parent, std::shared_ptr<StatsInput> in) {
  auto o = std::make_shared<ModelOptions>();
  auto folds = std::make_shared<int>(5);
  auto fold_column = std::make_shared<std::string>();
  auto scaling = std::make_shared<std::string>("per-fold");
  auto scoring = std::make_shared<std::string>("r2");
  auto options = std::make_shared<stats::GridSearchOptions>();
  auto threads = std::make_shared<CommonOptions>();
  auto* cmd = parent.add_subcommand("elasticnet", "ElasticNet tuned by k-fold grid search (as sklearn's GridSearchCV)");
  add_input_options(*cmd, *in);
  add_model_options(*cmd, *o);
  cmd->add_option("--folds", *folds, "k contiguous folds (sklearn's cv=k)")->check(CLI::Range(2, 1000));
  cmd->add_option("--fold-column", *fold_column, "column giving each row's test fold (0 .. k-1) instead");
  cmd->add_option("--scaling", *scaling, "standardise features inside each training fold, once on all rows, or not")
      ->check(CLI::IsMember({"per-fold", "global", "none"}));
  cmd->add_option("--scoring", *scoring, "r2 or mse")->check(CLI::IsMember({"r2", "mse"}));
  cmd->add_option("--alphas", options->alphas, "penalties to try")->delimiter(',');
  cmd->add_option("--l1-ratios", options->l1_ratios, "L1 shares to try, in [0, 1]")->delimiter(',');
  cmd->add_option("--tol", options->tol, "coordinate-descent tolerance (sklearn's default 1e-4)");
  cmd->add_option("--max-iter", options->max_iter, "sweeps at most");
  add_threads_option(*cmd, *threads);
  cmd->footer("Example:\n  contagion stats elasticnet --data wide.csv --y eq --x joy_max,anger_max,AU12_max --folds 5");
  cmd->callback([in, o, folds, fold_column, scaling, scoring, options, threads] {
    const Table t = read_csv(in->data);
    const Eigen::MatrixXd x = stats::matrix_of(t, o->x);
    const Eigen::VectorXd y = stats::vector_of(t, o->y);
    // Listwise deletion first: the folds are over complete rows.
    std::vector<Eigen::Index> keep;
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      if (std::isfinite(y(i)) && x.row(i).allFinite()) keep.push_back(i);
    Eigen::MatrixXd xc(static_cast<Eigen::Index>(keep.size()), x.cols());
    Eigen::VectorXd yc(static_cast<Eigen::Index>(keep.size()));
    for (std::size_t k = 0; k < keep.size(); ++k) {
      xc.row(static_cast<Eigen::Index>(k)) = x.row(keep[k]);
      yc(static_cast<Eigen::Index>(k)) = y(keep[k]);
    }
    std::vector<int> fold_of_row;
    if (!fold_column->empty()) {
      const auto f = t.numbers(*fold_column);
      for (const Eigen::Index i : keep) fold_of_row.push_back(static_cast<int>(f[static_cast<std::size_t>(i)]));
    } else {
      fold_of_row = stats::contiguous_folds(keep.size(), *folds);
    }
    stats::GridSearchOptions gs = *options;
    gs.scaling = *scaling == "global" ? stats::Scaling::global
                 : *scaling == "none" ? stats::Scaling::none
                                      : stats::Scaling::per_fold;
    gs.scoring = *scoring == "r2" ? stats::Scoring::r2 : stats::Scoring::neg_mean_squared_error;
    gs.threads = resolve_threads(*threads);
    const stats::GridSearchResult r = stats::grid_search_elastic_net(xc, yc, fold_of_row, gs);
    json coefficients = json::object();
    for (std::size_t j = 0; j < o->x.size(); ++j)
      coefficients[o->x[j]] = num(r.refit.coef(static_cast<Eigen::Index>(j)));
    if (in->json) {
      json grid = json::array();
      for (std::size_t g = 0; g < r.alpha.size(); ++g)
        grid.push_back({{"alpha", r.alpha[g]},
                        {"l1_ratio", r.l1_ratio[g]},
                        {"mean_score", num(r.mean_test_score[g])},
                        {"std_score", num(r.std_test_score[g])}});
      std::cout << json{{"y", o->y},
                        {"n", keep.size()},
                        {"rows_dropped", x.rows() - static_cast<Eigen::Index>(keep.size())},
                        {"scoring", *scoring},
                        {"scaling", *scaling},
                        {"best_alpha", r.best.alpha},
                        {"best_l1_ratio", r.best.l1_ratio},
                        {"best_score", num(r.mean_test_score[r.best_index])},
                        {"intercept", num(r.refit.intercept)},
                        {"coefficients_standardized", coefficients},
                        {"grid", grid}}
                       .dump(2)
                << '\n';
      return;
    }
    fmt::print(
        "ElasticNet of {} (n = {}), {} folds, scaling {}, scoring {}\n  best alpha = {}, l1_ratio = {}: mean "
        "score {:.4f} (sd {:.4f})\n  refit on all rows: intercept {:.4f}; non-zero coefficients (standardised):\n",
        o->y, keep.size(), r.split_test_scores.size(), *scaling, *scoring, r.best.alpha, r.best.l1_ratio,
        r.mean_test_score[r.best_index], r.std_test_score[r.best_index], r.refit.intercept);
    for (std::size_t j = 0; j < o->x.size(); ++j)
      if (r.refit.coef(static_cast<Eigen::Index>(j)) != 0.0)
        fmt::print("    {:<16} {:>10.4f}\n", o->x[j], r.refit.coef(static_cast<Eigen::Index>(j)));
  });
}

}  // namespace

void add_stats_model_commands(CLI::App& stats, std::shared_ptr<StatsInput> in) {
  add_ols(stats, in);
  add_elasticnet(stats, in);
}

}  // namespace contagion::cli
