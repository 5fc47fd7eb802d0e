// contagion calibrate degroot: DeGroot weights fitted to observed series (one column per agent
// or macro-agent), with held-out prediction against persistence and bootstrap intervals, through
// calibrate::fit_degroot.

#include <fmt/format.h>

#include <iostream>
#include <map>

#include "common.hpp"
#include "contagion/calibrate/fit_degroot.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/table.hpp"

namespace contagion::cli {

void add_calibrate_command(CLI::App& app) {
  CLI::App* calibrate = app.add_subcommand("calibrate", "Fit model parameters to measurements");
  calibrate->require_subcommand(1);
  CLI::App* cmd = calibrate->add_subcommand("degroot", "DeGroot influence weights from observed time series");
  auto series = std::make_shared<std::string>();
  auto agents = std::make_shared<std::vector<std::string>>();
  auto trajectory = std::make_shared<std::string>();
  auto held_out = std::make_shared<int>(0);
  auto bootstrap = std::make_shared<int>(0);
  auto seed = std::make_shared<std::uint64_t>(1);
  auto output = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--series", *series, "CSV: one row per time step, one column per agent")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--agents", *agents,
                  "the agents' columns (default: every numeric column but time and the trajectory)")
      ->delimiter(',');
  cmd->add_option("--trajectory", *trajectory, "column telling separate trajectories (runs, groups) apart");
  cmd->add_option("--hold-out", *held_out, "keep the last K trajectories for prediction")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--bootstrap", *bootstrap, "bootstrap replicates for 95 % intervals (0: none)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", *seed, "seed of the bootstrap");
  cmd->add_option("-o,--output", *output, "weights as CSV (agent, then one column per agent; rows sum to 1)");
  cmd->add_flag("--json", *json, "print the results as JSON");
  cmd->footer(
      "Each row of W is fitted by least squares with w_ij >= 0 and sum_j w_ij = 1 (MODELS.md §A3.3).\n"
      "Example:\n  contagion calibrate degroot --series blogs.csv --trajectory topic --hold-out 1 --bootstrap 200 -o "
      "W.csv");
  cmd->callback([=] {
    const Table t = read_csv(*series);
    std::vector<std::string> names = *agents;
    if (names.empty())
      for (const auto& n : t.names())
        if (n != *trajectory && n != "time" && n != "t" && n != "step" && t.is_numeric(n)) names.push_back(n);
    if (names.size() < 2) throw UsageError("DeGroot needs at least two agents' columns (--agents)");
    std::vector<std::vector<double>> columns;
    for (const auto& n : names) columns.push_back(t.numbers(n));
    // Split into trajectories in order of appearance.
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::size_t>> rows;
    for (std::size_t r = 0; r < t.rows(); ++r) {
      const std::string id = trajectory->empty() ? "all" : t.text(*trajectory)[r];
      if (!rows.count(id)) order.push_back(id);
      rows[id].push_back(r);
    }
    std::vector<calibrate::Trajectory> all;
    for (const auto& id : order) {
      calibrate::Trajectory m(static_cast<Eigen::Index>(rows[id].size()), static_cast<Eigen::Index>(names.size()));
      for (std::size_t k = 0; k < rows[id].size(); ++k)
        for (std::size_t j = 0; j < names.size(); ++j)
          m(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(j)) = columns[j][rows[id][k]];
      all.push_back(m);
    }
    if (*held_out >= static_cast<int>(all.size()))
      throw UsageError(fmt::format("--hold-out {} leaves no trajectory to fit ({} in all)", *held_out, all.size()));
    const std::vector<calibrate::Trajectory> fit_on(all.begin(), all.end() - *held_out),
        test(all.end() - *held_out, all.end());
    const calibrate::DeGrootFit fit = calibrate::fit_degroot(fit_on);
    calibrate::Prediction prediction;
    if (!test.empty()) prediction = calibrate::predict_degroot(fit.weights, test);
    calibrate::WeightIntervals ci;
    if (*bootstrap > 0) ci = calibrate::bootstrap_degroot(fit_on, *bootstrap, 0.95, *seed);
    const auto n = static_cast<Eigen::Index>(names.size());
    if (!output->empty()) {
      Table w;
      w.add_text("agent", names);
      for (Eigen::Index j = 0; j < n; ++j) {
        std::vector<double> column(static_cast<std::size_t>(n));
        for (Eigen::Index i = 0; i < n; ++i) column[static_cast<std::size_t>(i)] = fit.weights(i, j);
        w.add_numbers(names[static_cast<std::size_t>(j)], column);
      }
      write_csv(w, *output);
    }
    if (*json) {
      nlohmann::json weights = nlohmann::json::array();
      for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
          nlohmann::json entry{{"agent", names[static_cast<std::size_t>(i)]},
                               {"attends_to", names[static_cast<std::size_t>(j)]},
                               {"weight", fit.weights(i, j)}};
          if (*bootstrap > 0) {
            entry["ci_low"] = ci.low(i, j);
            entry["ci_high"] = ci.high(i, j);
          }
          weights.push_back(entry);
        }
      nlohmann::json out{
          {"agents", names}, {"transitions", fit.steps}, {"train_mse", fit.train_mse}, {"weights", weights}};
      if (!test.empty())
        out["held_out"] = {{"trajectories", test.size()},
                           {"model_mse", prediction.model_mse},
                           {"persistence_mse", prediction.persistence_mse},
                           {"r2_vs_persistence", prediction.r2_vs_persistence}};
      std::cout << out.dump(2) << '\n';
      return;
    }
    fmt::print("DeGroot fit of {} agents on {} transitions ({} trajectories): train MSE {:.4g}\n", names.size(),
               fit.steps, fit_on.size(), fit.train_mse);
    if (!test.empty())
      fmt::print("held out {} trajectories: MSE {:.4g} vs persistence {:.4g}, R2 vs persistence {:.3f}\n", test.size(),
                 prediction.model_mse, prediction.persistence_mse, prediction.r2_vs_persistence);
    for (Eigen::Index i = 0; i < n; ++i) {
      fmt::print("  {:<14}", names[static_cast<std::size_t>(i)]);
      for (Eigen::Index j = 0; j < n; ++j) fmt::print(" {:6.3f}", fit.weights(i, j));
      fmt::print("\n");
    }
  });
}

}  // namespace contagion::cli
