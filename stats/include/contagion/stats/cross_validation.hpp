#pragma once
// k-fold grid search for ElasticNet as sklearn's GridSearchCV runs it: explicit folds (or
// contiguous ones, what cv=5 means), features standardised once on all rows or inside each
// training fold (a Pipeline), R^2 or negative MSE per test fold, the unweighted mean over
// folds, the first best grid point, and a refit on all rows.

#include <cstddef>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "contagion/stats/linear_models.hpp"

namespace contagion::stats {

/// Fold of each row, 0 .. k-1: contiguous blocks (sklearn's KFold(k, shuffle=False): the
/// first n mod k folds one row larger).
std::vector<int> contiguous_folds(std::size_t rows, int folds);

enum class Scaling { none, global, per_fold };
enum class Scoring { r2, neg_mean_squared_error };

struct GridSearchOptions {
  std::vector<double> alphas = {0.01, 0.03, 0.1, 0.3, 1.0, 3.0};
  std::vector<double> l1_ratios = {0.1, 0.3, 0.5, 0.7, 0.9, 1.0};
  Scaling scaling = Scaling::per_fold;
  Scoring scoring = Scoring::r2;
  double tol = 1e-4;
  std::size_t max_iter = 1000;
  int threads = 1;  ///< grid points run in parallel; the results do not depend on it
};

struct GridSearchResult {
  /// Per grid point, in sklearn's ParameterGrid order (alpha outer, l1_ratio inner).
  std::vector<double> alpha, l1_ratio, mean_test_score, std_test_score;
  std::vector<std::vector<double>> split_test_scores;  ///< [fold][grid point]
  std::size_t best_index = 0;                          ///< first grid point with the highest mean
  ElasticNetOptions best;
  /// The refit on all rows, in the standardised space (scaling global or per_fold) or the raw one.
  ElasticNetFit refit;
  double refit_objective = 0.0;
  StandardScaler scaler;  ///< fitted on all rows (identity when scaling is none)
};

/// `fold_of_row` gives each row's test fold (0 .. k-1, k >= 2, every fold non-empty).
GridSearchResult grid_search_elastic_net(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                         std::span<const int> fold_of_row, const GridSearchOptions& options = {});

}  // namespace contagion::stats
