#include "contagion/stats/cross_validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"

namespace contagion::stats {

std::vector<int> contiguous_folds(std::size_t rows, int folds) {
  if (folds < 2 || static_cast<std::size_t>(folds) > rows)
    throw Error(fmt::format("{} folds for {} rows: need 2 <= folds <= rows", folds, rows));
  std::vector<int> fold_of_row(rows);
  const std::size_t k = static_cast<std::size_t>(folds), base = rows / k, larger = rows % k;
  std::size_t row = 0;
  for (std::size_t f = 0; f < k; ++f)
    for (std::size_t i = 0; i < base + (f < larger ? 1 : 0); ++i) fold_of_row[row++] = static_cast<int>(f);
  return fold_of_row;
}

GridSearchResult grid_search_elastic_net(const Eigen::MatrixXd& x_raw, const Eigen::VectorXd& y,
                                         std::span<const int> fold_of_row, const GridSearchOptions& o) {
  if (x_raw.rows() != y.size() || static_cast<std::size_t>(y.size()) != fold_of_row.size())
    throw Error(fmt::format("grid search: X has {} rows, y {} values, folds {} entries", x_raw.rows(), y.size(),
                            fold_of_row.size()));
  if (o.alphas.empty() || o.l1_ratios.empty()) throw Error("grid search: the grid is empty");
  const int k = fold_of_row.empty() ? 0 : *std::max_element(fold_of_row.begin(), fold_of_row.end()) + 1;
  std::vector<std::vector<std::size_t>> train(static_cast<std::size_t>(std::max(k, 0))), test(train.size());
  for (std::size_t i = 0; i < fold_of_row.size(); ++i) {
    if (fold_of_row[i] < 0) throw Error(fmt::format("grid search: row {} has fold {}", i, fold_of_row[i]));
    for (int f = 0; f < k; ++f) (f == fold_of_row[i] ? test : train)[static_cast<std::size_t>(f)].push_back(i);
  }
  if (k < 2) throw Error("grid search needs at least 2 folds");
  for (int f = 0; f < k; ++f)
    if (test[static_cast<std::size_t>(f)].empty()) throw Error(fmt::format("grid search: fold {} has no rows", f));

  GridSearchResult out;
  out.scaler = StandardScaler::fit(x_raw);
  if (o.scaling == Scaling::none) {
    out.scaler.mean.setZero();
    out.scaler.scale.setOnes();
  }
  const Eigen::MatrixXd x_global = out.scaler.transform(x_raw);
  // Per fold: the design the fits see (standardised inside the training rows for per_fold).
  std::vector<Eigen::MatrixXd> design(train.size());
  for (std::size_t f = 0; f < train.size(); ++f)
    design[f] = o.scaling == Scaling::per_fold ? StandardScaler::fit(x_raw, train[f]).transform(x_raw) : x_global;

  // The fits of a fold differ only in (alpha, rho): one Gram matrix per fold.
  std::vector<CenteredGram> problems;
  for (std::size_t f = 0; f < train.size(); ++f) problems.push_back(CenteredGram::of(design[f], y, train[f]));
  const std::size_t points = o.alphas.size() * o.l1_ratios.size();
  out.split_test_scores.assign(train.size(), std::vector<double>(points));
  for (const double a : o.alphas)
    for (const double r : o.l1_ratios) {
      out.alpha.push_back(a);
      out.l1_ratio.push_back(r);
    }
  const auto count = static_cast<std::int64_t>(points);
#pragma omp parallel for num_threads(std::max(o.threads, 1)) schedule(dynamic, 1)
  for (std::int64_t g = 0; g < count; ++g) {
    const auto gi = static_cast<std::size_t>(g);
    const ElasticNetOptions options{out.alpha[gi], out.l1_ratio[gi], o.tol, o.max_iter};
    for (std::size_t f = 0; f < train.size(); ++f) {
      const ElasticNetFit fit = elastic_net(problems[f], options);
      const Eigen::VectorXd truth = select_rows(y, test[f]);
      const Eigen::VectorXd predicted = fit.predict(select_rows(design[f], test[f]));
      out.split_test_scores[f][gi] =
          o.scoring == Scoring::r2 ? r2_score(truth, predicted) : -mean_squared_error(truth, predicted);
    }
  }
  out.mean_test_score.resize(points);
  out.std_test_score.resize(points);
  for (std::size_t g = 0; g < points; ++g) {
    double sum = 0.0;
    for (const auto& fold : out.split_test_scores) sum += fold[g];
    const double m = sum / static_cast<double>(train.size());
    double ss = 0.0;
    for (const auto& fold : out.split_test_scores) ss += (fold[g] - m) * (fold[g] - m);
    out.mean_test_score[g] = m;
    out.std_test_score[g] = std::sqrt(ss / static_cast<double>(train.size()));
    if (m > out.mean_test_score[out.best_index]) out.best_index = g;  // ties keep the earlier point
  }
  out.best = {out.alpha[out.best_index], out.l1_ratio[out.best_index], o.tol, o.max_iter};
  out.refit = elastic_net(x_global, y, out.best);
  out.refit_objective = elastic_net_objective(x_global, y, out.refit, out.best);
  return out;
}

}  // namespace contagion::stats
