#include "contagion/calibrate/model_ranking.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "contagion/core/error.hpp"
#include "simplex_least_squares.hpp"

namespace contagion::calibrate {
namespace {

/// The next state from the states so far (rows 0..t) of trajectory k.
using Predictor = std::function<Eigen::VectorXd(const Eigen::MatrixXd& past, std::size_t k)>;

struct Errors {
  double sum = 0.0, persistence = 0.0;
  std::size_t count = 0;
  double mse() const { return count ? sum / static_cast<double>(count) : std::nan(""); }
  double persistence_mse() const { return count ? persistence / static_cast<double>(count) : std::nan(""); }
};

double r2(double model, double persistence) {
  return persistence > 0.0 ? 1.0 - model / persistence : std::nan("");
}

}  // namespace

std::string to_string(SeriesModel model) {
  switch (model) {
    case SeriesModel::degroot:
      return "degroot";
    case SeriesModel::friedkin_johnsen:
      return "fj";
    case SeriesModel::delayed_degroot:
      return "delayed";
    case SeriesModel::epo:
      return "epo";
  }
  return "?";
}

SeriesModel parse_series_model(const std::string& name) {
  if (name == "degroot") return SeriesModel::degroot;
  if (name == "fj" || name == "friedkin_johnsen") return SeriesModel::friedkin_johnsen;
  if (name == "delayed" || name == "delayed_degroot") return SeriesModel::delayed_degroot;
  if (name == "epo" || name == "expressed_private") return SeriesModel::epo;
  throw Error(fmt::format("unknown model '{}' (degroot, fj, delayed, epo)", name));
}

RankCriterion parse_rank_criterion(const std::string& name) {
  if (name == "bic") return RankCriterion::bic;
  if (name == "aic") return RankCriterion::aic;
  if (name == "held-out" || name == "held_out") return RankCriterion::held_out;
  throw Error(fmt::format("unknown ranking criterion '{}' (bic, aic, held-out)", name));
}

Ranking rank_models(const std::vector<Trajectory>& trajectories, const RankingOptions& o) {
  const auto n = detail::check_trajectories(trajectories, "averaging models");
  if (o.models.empty()) throw Error("no model to rank");
  if (!(o.train_fraction > 0.0 && o.train_fraction <= 1.0))
    throw Error(fmt::format("the training fraction is {}; it must be in (0, 1]", o.train_fraction));
  const auto uses = [&](SeriesModel m) { return std::find(o.models.begin(), o.models.end(), m) != o.models.end(); };
  // Every model predicts the targets x(t+1), t >= history, from observed states.
  Eigen::Index history = 0;
  if (uses(SeriesModel::delayed_degroot) && !o.delayed.constant_history) history = o.delayed.max_lag;
  if (uses(SeriesModel::epo)) history = std::max<Eigen::Index>(history, 1);

  std::vector<Trajectory> train;
  std::vector<Eigen::Index> split;  // training rows per trajectory
  for (std::size_t k = 0; k < trajectories.size(); ++k) {
    const Eigen::Index rows = trajectories[k].rows();
    const auto prefix = static_cast<Eigen::Index>(std::ceil(o.train_fraction * static_cast<double>(rows) - 1e-9));
    const Eigen::Index s = std::min(rows, std::max(prefix, history + 2));
    if (s < history + 2)
      throw Error(
          fmt::format("trajectory {} has {} steps; ranking these models needs at least {}", k + 1, rows, history + 2));
    split.push_back(s);
    train.push_back(trajectories[k].topRows(s));
  }

  Ranking out;
  out.criterion = o.criterion;
  std::vector<std::pair<SeriesModel, Predictor>> predictors;
  std::vector<std::size_t> parameters;
  for (const SeriesModel m : o.models) {
    switch (m) {
      case SeriesModel::degroot: {
        out.degroot = fit_degroot(train, o.solver);
        const Eigen::MatrixXd w = out.degroot->weights;
        predictors.emplace_back(m, [w](const Eigen::MatrixXd& past, std::size_t) {
          return Eigen::VectorXd(w * past.bottomRows(1).transpose());
        });
        parameters.push_back(static_cast<std::size_t>((w.array() > 1e-9).count() - n));
        break;
      }
      case SeriesModel::friedkin_johnsen: {
        out.friedkin_johnsen = fit_friedkin_johnsen(train, o.solver);
        const FriedkinJohnsenFit fit = *out.friedkin_johnsen;
        predictors.emplace_back(m, [fit](const Eigen::MatrixXd& past, std::size_t) {
          return friedkin_johnsen_step(fit, past.bottomRows(1).transpose(), past.topRows(1).transpose());
        });
        parameters.push_back(fit.parameters);
        break;
      }
      case SeriesModel::delayed_degroot: {
        DelayedFitOptions d = o.delayed;
        d.solver = o.solver;
        out.delayed = fit_delayed_degroot(train, d);
        const DelayedFit fit = *out.delayed;
        const bool constant = d.constant_history;
        predictors.emplace_back(
            m, [fit, constant](const Eigen::MatrixXd& past, std::size_t) { return delayed_step(fit, past, constant); });
        parameters.push_back(fit.parameters);
        break;
      }
      case SeriesModel::epo: {
        out.epo = fit_epo(train, o.epo);
        const EpoFit fit = *out.epo;
        predictors.emplace_back(m,
                                [fit](const Eigen::MatrixXd& past, std::size_t k) { return epo_step(fit, past, k); });
        parameters.push_back(fit.parameters);
        break;
      }
    }
  }

  // Persistence on the training targets sets the scale of the exact-fit floor.
  Errors persistence_train;
  for (std::size_t k = 0; k < trajectories.size(); ++k)
    for (Eigen::Index t = history; t + 1 < split[k]; ++t) {
      persistence_train.sum += (trajectories[k].row(t + 1) - trajectories[k].row(t)).squaredNorm();
      persistence_train.count += static_cast<std::size_t>(n);
    }
  const double floor = 1e-10 * (persistence_train.mse() > 0.0 ? persistence_train.mse() : 1.0);

  for (std::size_t p = 0; p < predictors.size(); ++p) {
    const Predictor& predict = predictors[p].second;
    Errors in_sample, one_step, multi_step;
    for (std::size_t k = 0; k < trajectories.size(); ++k) {
      const Trajectory& traj = trajectories[k];
      const Eigen::Index rows = traj.rows(), s = split[k];
      for (Eigen::Index t = history; t + 1 < rows; ++t) {
        const double e = (predict(traj.topRows(t + 1), k) - traj.row(t + 1).transpose()).squaredNorm();
        Errors& into = t + 1 < s ? in_sample : one_step;
        into.sum += e;
        into.persistence += (traj.row(t + 1) - traj.row(t)).squaredNorm();
        into.count += static_cast<std::size_t>(n);
      }
      Trajectory path = traj;  // rows from s on are overwritten by the forecast
      for (Eigen::Index t = s - 1; t + 1 < rows; ++t) {
        path.row(t + 1) = predict(path.topRows(t + 1), k).transpose();
        multi_step.sum += (path.row(t + 1) - traj.row(t + 1)).squaredNorm();
        multi_step.persistence += (traj.row(t + 1) - traj.row(s - 1)).squaredNorm();
        multi_step.count += static_cast<std::size_t>(n);
      }
    }
    ModelScore score;
    score.model = predictors[p].first;
    score.parameters = parameters[p];
    score.train_mse = in_sample.mse();
    const auto count = static_cast<double>(in_sample.count);
    const double fit_term = count * std::log(std::max(score.train_mse, floor));
    const auto k = static_cast<double>(score.parameters);
    score.aic = fit_term + 2.0 * k;
    score.bic = fit_term + k * std::log(count);
    score.one_step_mse = one_step.mse();
    score.multi_step_mse = multi_step.mse();
    score.one_step_r2 = r2(one_step.mse(), one_step.persistence_mse());
    score.multi_step_r2 = r2(multi_step.mse(), multi_step.persistence_mse());
    out.one_step_persistence_mse = one_step.persistence_mse();
    out.multi_step_persistence_mse = multi_step.persistence_mse();
    out.train_residuals = in_sample.count;
    out.held_out_steps = one_step.count / static_cast<std::size_t>(n);
    out.table.push_back(score);
  }
  if (o.criterion == RankCriterion::held_out && out.held_out_steps == 0)
    throw Error("ranking by held-out error needs held-out steps (a training fraction below 1)");
  const auto key = [&](const ModelScore& s) {
    return o.criterion == RankCriterion::bic ? s.bic : o.criterion == RankCriterion::aic ? s.aic : s.multi_step_mse;
  };
  std::stable_sort(out.table.begin(), out.table.end(), [&](const ModelScore& a, const ModelScore& b) {
    const double ka = key(a), kb = key(b);
    if (std::fabs(ka - kb) > 1e-9 * std::max(1.0, std::max(std::fabs(ka), std::fabs(kb)))) return ka < kb;
    return a.parameters < b.parameters;
  });
  return out;
}

}  // namespace contagion::calibrate
