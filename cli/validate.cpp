// contagion validate: how well the measurement pipeline recovers a known truth, over replicate
// synthetic studies (datasets::validate_measures, noise_sensitivity): power curve, recovery,
// false positives, peak bias and RMSE, and a noise sensitivity table.

#include <fmt/format.h>

#include <iostream>

#include "common.hpp"
#include "contagion/core/error.hpp"
#include "contagion/datasets/validation.hpp"

namespace contagion::cli {

void add_validate_command(CLI::App& app) {
  auto spec = std::make_shared<datasets::ValidationSpec>();
  auto format = std::make_shared<std::string>("openface");
  auto noise_levels = std::make_shared<std::vector<double>>();
  auto power_out = std::make_shared<std::string>();
  auto sensitivity_out = std::make_shared<std::string>();
  auto common = std::make_shared<CommonOptions>();
  auto direct = std::make_shared<bool>(false);
  spec->lab.noise_sd = 0.02;
  CLI::App* cmd =
      app.add_subcommand("validate", "Power, recovery and false positives of the measures on synthetic studies");
  cmd->add_option("--sizes", spec->sample_sizes, "sample sizes (participants per study)")->delimiter(',');
  cmd->add_option("--replicates", spec->replicates, "replicate studies per sample size")->check(CLI::PositiveNumber);
  cmd->add_option("--eq-correlation", spec->lab.reactivity_eq_correlation, "true correlation of reactivity and EQ");
  cmd->add_option("--noise", spec->lab.noise_sd, "detector noise SD, fraction of the scale");
  cmd->add_option("--lag", spec->lab.detection_lag_s, "detection lag in s");
  cmd->add_option("--dropouts", spec->lab.dropouts_per_min, "face-lost dropouts per minute");
  auto protocol = std::make_shared<std::string>("kdef");
  cmd->add_option("--protocol", *protocol, "stimulus protocol: kdef, film, or a stimulus list FILE.csv")
      ->capture_default_str();
  cmd->add_option("--blinks", spec->lab.blinks_per_min, "blinks per minute");
  cmd->add_option("--glasses", spec->lab.glasses_share, "share of participants who wear glasses (0-1)");
  cmd->add_option("--jitter", spec->lab.jitter_sd_s, "SD of the sampling times in s");
  cmd->add_option("--blocks", spec->lab.blocks, "KDEF blocks of 7 images (4 in the study)")->check(CLI::PositiveNumber);
  cmd->add_option("--fps", spec->lab.frame_rate, "camera frame rate")->check(CLI::PositiveNumber);
  cmd->add_option("--format", *format, "export format the recordings go through")
      ->check(CLI::IsMember({"openface", "facet", "affdex", "facereader", "pyfeat"}));
  cmd->add_flag("--no-export", *direct, "skip writing and reading the export format (faster)");
  cmd->add_option("--seed", spec->lab.seed, "seed of every replicate");
  cmd->add_option("--noise-levels", *noise_levels, "also a sensitivity table over these noise levels")->delimiter(',');
  cmd->add_option("-o,--output", *power_out, "power table CSV (n, power, recovery, false positives, peak bias/RMSE)");
  cmd->add_option("--sensitivity", *sensitivity_out, "sensitivity table CSV (with --noise-levels)");
  add_threads_option(*cmd, *common);
  cmd->add_flag("--json", common->json, "print the tables as JSON");
  cmd->footer(
      "Examples:\n  contagion validate --sizes 20,40,80,128 --replicates 200 --eq-correlation 0.3 --noise 0.05 -o "
      "power.csv\n  contagion validate --protocol film --blinks 15 --glasses 0.3 --sizes 40,80 --replicates 100");
  cmd->callback([=] {
    datasets::ValidationSpec s = *spec;
    s.lab.format = facial::parse_source_format(*format);
    datasets::set_protocol(s.lab, *protocol);
    s.through_format = !*direct;
    s.threads = resolve_threads(*common);
    const datasets::ValidationResult r = datasets::validate_measures(s);
    Table power = r.power;
    power.add_numbers("peak_bias", r.recovery.numbers("peak_bias"));
    power.add_numbers("peak_rmse", r.recovery.numbers("peak_rmse"));
    if (!power_out->empty()) write_csv(power, *power_out);
    Table sensitivity;
    if (!noise_levels->empty()) {
      sensitivity = datasets::noise_sensitivity(s, *noise_levels);
      if (!sensitivity_out->empty()) write_csv(sensitivity, *sensitivity_out);
    }
    const auto as_json = [](const Table& t) {
      nlohmann::json rows = nlohmann::json::array();
      for (std::size_t i = 0; i < t.rows(); ++i) {
        nlohmann::json row;
        for (const auto& c : t.names()) {
          const double v = t.numbers(c)[i];
          row[c] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
        }
        rows.push_back(row);
      }
      return rows;
    };
    if (common->json) {
      std::cout << nlohmann::json{{"power", as_json(power)}, {"sensitivity", as_json(sensitivity)}}.dump(2) << '\n';
      return;
    }
    fmt::print("{} replicate studies per size; true r(reactivity, EQ) = {}, noise {}, format {}\n", s.replicates,
               s.lab.reactivity_eq_correlation, s.lab.noise_sd, s.through_format ? *format : "none");
    fmt::print("{:>6} {:>8} {:>17} {:>10} {:>12} {:>8} {:>10} {:>10}\n", "n", "power", "95% CI", "mean r",
               "r(true,meas)", "FP rate", "peak bias", "peak RMSE");
    for (std::size_t i = 0; i < power.rows(); ++i)
      fmt::print("{:>6} {:>8.3f}  [{:.3f}, {:.3f}] {:>10.3f} {:>12.3f} {:>8.3f} {:>10.4f} {:>10.4f}\n",
                 power.numbers("n")[i], power.numbers("power")[i], power.numbers("power_ci_low")[i],
                 power.numbers("power_ci_high")[i], power.numbers("mean_r_eq")[i],
                 power.numbers("mean_r_true_measured")[i], power.numbers("false_positive_rate")[i],
                 power.numbers("peak_bias")[i], power.numbers("peak_rmse")[i]);
    for (std::size_t i = 0; i < sensitivity.rows(); ++i)
      fmt::print("noise {:.3f}: power {:.3f}, r(true, measured) {:.3f}, peak RMSE {:.4f}\n",
                 sensitivity.numbers("noise_sd")[i], sensitivity.numbers("power")[i],
                 sensitivity.numbers("mean_r_true_measured")[i], sensitivity.numbers("peak_rmse")[i]);
  });
}

}  // namespace contagion::cli
