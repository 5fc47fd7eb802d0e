#pragma once
// Which averaging model describes observed series best (MODELS.md §A3.3, step 3): DeGroot,
// Friedkin–Johnsen, delayed DeGroot and the reduced EPO model are each fitted on a training
// prefix of every trajectory and scored
//   - in-sample, by AIC and BIC of the one-step errors (Gaussian with one common variance):
//       N log(RSS / N) + 2k  and  N log(RSS / N) + k log N,
//     N = residuals (steps x agents) on the same training targets for every model (those with
//     enough history for all of them), k = free parameters: for the simplex-constrained fits the
//     non-zero weights minus one per row (the degrees of freedom of a constrained least squares
//     on its active set), for the reduced EPO model every coefficient. RSS / N is floored at
//     1e-10 of the persistence error, so models that fit exactly tie and the simpler one wins;
//   - out of sample, on the rest of every trajectory: one-step error (from observed states) and
//     multi-step error (iterating the model from the end of the prefix), each with
//     R^2 = 1 - MSE_model / MSE_persistence, persistence predicting x(t+1) = x(t) (one step)
//     or the last training state (multi-step).
// The ranking orders the models by the chosen criterion (BIC by default), ties by fewer parameters.

#include <optional>
#include <string>
#include <vector>

#include "contagion/calibrate/fit_degroot.hpp"
#include "contagion/calibrate/fit_delayed.hpp"
#include "contagion/calibrate/fit_epo.hpp"
#include "contagion/calibrate/fit_friedkin_johnsen.hpp"

namespace contagion::calibrate {

enum class SeriesModel { degroot, friedkin_johnsen, delayed_degroot, epo };
enum class RankCriterion { bic, aic, held_out };

/// "degroot", "fj", "delayed", "epo".
std::string to_string(SeriesModel model);
/// Accepts the names of to_string and the simulator's ("friedkin_johnsen", "delayed_degroot",
/// "expressed_private"); throws contagion::Error listing them otherwise.
SeriesModel parse_series_model(const std::string& name);
/// "bic", "aic", "held-out".
RankCriterion parse_rank_criterion(const std::string& name);

struct RankingOptions {
  std::vector<SeriesModel> models = {SeriesModel::degroot, SeriesModel::friedkin_johnsen, SeriesModel::delayed_degroot,
                                     SeriesModel::epo};
  /// The first ceil(fraction T) steps of each trajectory train (at least the history the models
  /// need plus two); the rest is held out. 1: no held-out scores.
  double train_fraction = 0.75;
  RankCriterion criterion = RankCriterion::bic;
  DeGrootFitOptions solver;   ///< support and iterations for DeGroot, FJ and (through `delayed`) delayed
  DelayedFitOptions delayed;  ///< max_lag, self_lags (its `solver` is replaced by `solver`)
  EpoFitOptions epo;
};

struct ModelScore {
  SeriesModel model = SeriesModel::degroot;
  std::size_t parameters = 0;
  double train_mse = 0.0;  ///< one-step, on the common training targets
  double aic = 0.0, bic = 0.0;
  double one_step_mse = 0.0, multi_step_mse = 0.0;  ///< held out (NaN without held-out steps)
  double one_step_r2 = 0.0, multi_step_r2 = 0.0;    ///< vs persistence
};

struct Ranking {
  std::vector<ModelScore> table;  ///< best first
  RankCriterion criterion = RankCriterion::bic;
  double one_step_persistence_mse = 0.0, multi_step_persistence_mse = 0.0;
  std::size_t train_residuals = 0, held_out_steps = 0;
  std::optional<DeGrootFit> degroot;
  std::optional<FriedkinJohnsenFit> friedkin_johnsen;
  std::optional<DelayedFit> delayed;
  std::optional<EpoFit> epo;
};

/// Throws contagion::Error for bad trajectories (as the fits do), for a trajectory too short to
/// leave training steps after the models' history, or for criterion held_out without held-out steps.
Ranking rank_models(const std::vector<Trajectory>& trajectories, const RankingOptions& options = {});

}  // namespace contagion::calibrate
