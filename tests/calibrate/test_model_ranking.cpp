// Ranking averaging models on series simulated from each of them: the generating model ranks
// first by BIC (noise-free and noisy), its held-out errors beat persistence, and the options
// and bad input behave.

#include <catch2/catch.hpp>

#include "contagion/calibrate/model_ranking.hpp"
#include "contagion/core/error.hpp"
#include "contagion/sim/averaging.hpp"
#include "contagion/sim/delayed_degroot.hpp"
#include "contagion/sim/expressed_private.hpp"
#include "simulated_series.hpp"

using namespace contagion;
using namespace contagion::calibrate;
using namespace contagion::testing;
using Catch::Matchers::Contains;

namespace {

std::vector<Trajectory> series_of(SeriesModel model, const Truth& t, int count, int steps, double noise,
                                  std::uint64_t seed) {
  const auto n = t.influence.size();
  const std::vector<double> lambda = node_values(n, 0.6, 0.9, seed + 1), phi = node_values(n, 0.5, 0.8, seed + 2);
  switch (model) {
    case SeriesModel::degroot:
      return simulate([&] { return std::make_unique<sim::DeGroot>(t.influence); }, count, steps, noise, seed);
    case SeriesModel::friedkin_johnsen:
      return simulate([&] { return std::make_unique<sim::FriedkinJohnsen>(t.influence, lambda); }, count, steps, noise,
                      seed);
    case SeriesModel::delayed_degroot:
      return simulate([&] { return std::make_unique<sim::DelayedDeGroot>(t.influence, 2); }, count, steps, noise, seed);
    case SeriesModel::epo:
      return simulate([&] { return std::make_unique<sim::ExpressedPrivate>(t.influence, phi, lambda); }, count, steps,
                      noise, seed,
                      [](const sim::Model& m) {
                        const auto e = static_cast<const sim::ExpressedPrivate&>(m).expressed();
                        return std::vector<double>(e.begin(), e.end());
                      });
  }
  return {};
}

void check_first(SeriesModel truth, double noise) {
  const Truth t = sparse_truth(8, 51);
  RankingOptions o;
  o.delayed.max_lag = 2;
  const Ranking r = rank_models(series_of(truth, t, 16, 12, noise, 52), o);
  REQUIRE(r.table.size() == 4);
  for (const ModelScore& s : r.table)
    UNSCOPED_INFO(to_string(s.model) << ": k " << s.parameters << ", train MSE " << s.train_mse << ", BIC " << s.bic
                                     << ", held-out multi-step MSE " << s.multi_step_mse << ", R2 " << s.multi_step_r2);
  CHECK(r.table.front().model == truth);
  CHECK(r.table.front().one_step_mse < r.one_step_persistence_mse);
  CHECK(r.table.front().multi_step_r2 > (noise == 0.0 ? 0.999 : 0.0));
}

}  // namespace

TEST_CASE("model ranking: DeGroot series rank DeGroot first", "[calibrate][ranking]") {
  check_first(SeriesModel::degroot, 0.0);
  check_first(SeriesModel::degroot, 0.001);
}

TEST_CASE("model ranking: Friedkin-Johnsen series rank FJ first", "[calibrate][ranking]") {
  check_first(SeriesModel::friedkin_johnsen, 0.0);
  check_first(SeriesModel::friedkin_johnsen, 0.001);
}

TEST_CASE("model ranking: delayed series rank delayed DeGroot first", "[calibrate][ranking]") {
  check_first(SeriesModel::delayed_degroot, 0.0);
  check_first(SeriesModel::delayed_degroot, 0.001);
}

TEST_CASE("model ranking: expressed EPO series rank the reduced EPO model first", "[calibrate][ranking]") {
  check_first(SeriesModel::epo, 0.0);
  check_first(SeriesModel::epo, 0.001);
}

TEST_CASE("model ranking: a subset of models, the criteria and the fits it returns", "[calibrate][ranking]") {
  const Truth t = sparse_truth(6, 53);
  const auto data = series_of(SeriesModel::friedkin_johnsen, t, 10, 10, 0.0, 54);
  RankingOptions o;
  o.models = {SeriesModel::degroot, SeriesModel::friedkin_johnsen};
  o.criterion = RankCriterion::held_out;
  const Ranking r = rank_models(data, o);
  REQUIRE(r.table.size() == 2);
  CHECK(r.table.front().model == SeriesModel::friedkin_johnsen);
  CHECK(r.friedkin_johnsen.has_value());
  CHECK(!r.delayed.has_value());
  CHECK(r.held_out_steps == 10 * 2);  // ceil(0.75 * 10) = 8 training steps of 10: 2 held out each
  CHECK(r.table.front().multi_step_mse < 1e-20);
  o.train_fraction = 1.0;
  CHECK_THROWS_WITH(rank_models(data, o), Contains("needs held-out steps"));
  o.criterion = RankCriterion::aic;
  CHECK(std::isnan(rank_models(data, o).table.front().multi_step_mse));
  CHECK(parse_series_model("friedkin_johnsen") == SeriesModel::friedkin_johnsen);
  CHECK(parse_rank_criterion("held-out") == RankCriterion::held_out);
  CHECK_THROWS_WITH(parse_series_model("hk"), Contains("degroot, fj, delayed, epo"));
}

TEST_CASE("model ranking: too short trajectories and a bad fraction are errors", "[calibrate][ranking]") {
  RankingOptions o;
  o.delayed.max_lag = 3;
  CHECK_THROWS_WITH(rank_models({Eigen::MatrixXd::Ones(4, 2)}, o), Contains("needs at least 5"));
  o.train_fraction = 0.0;
  CHECK_THROWS_WITH(rank_models({Eigen::MatrixXd::Ones(9, 2)}, o), Contains("must be in (0, 1]"));
}
