// The ElasticNet grid search of the study (6 alphas x 6 l1 ratios x 5 folds + refit = 181
// fits) on the 50 x 27 design of tests/data/stats/elasticnet.json, the same variant that
// bench/sklearn_enet_grid.py times with sklearn's GridSearchCV (folds = row mod 5, features
// standardised once, R^2 scoring, tol 1e-4, max_iter 1000). Counter: fits/s.

#include <benchmark/benchmark.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "contagion/stats/cross_validation.hpp"

namespace {

struct Design {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
};

Design load() {
  std::ifstream in(std::string(CONTAGION_SOURCE_DIR) + "/tests/data/stats/elasticnet.json");
  const auto j = nlohmann::json::parse(in);
  const auto& d = j["datasets"]["design_50x27"];
  Design out{Eigen::MatrixXd(d["X"].size(), d["X"][0].size()), Eigen::VectorXd(d["y"].size())};
  for (Eigen::Index i = 0; i < out.x.rows(); ++i) {
    for (Eigen::Index k = 0; k < out.x.cols(); ++k) out.x(i, k) = d["X"][i][k].get<double>();
    out.y(i) = d["y"][i].get<double>();
  }
  return out;
}

void BM_ElasticNetGrid(benchmark::State& state) {
  static const Design design = load();
  std::vector<int> folds(static_cast<std::size_t>(design.y.size()));
  for (std::size_t i = 0; i < folds.size(); ++i) folds[i] = static_cast<int>(i % 5);
  contagion::stats::GridSearchOptions options;
  options.scaling = contagion::stats::Scaling::global;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto result = contagion::stats::grid_search_elastic_net(design.x, design.y, folds, options);
    benchmark::DoNotOptimize(result.best_index);
  }
  state.counters["fits/s"] =
      benchmark::Counter(181.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ElasticNetGrid)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
