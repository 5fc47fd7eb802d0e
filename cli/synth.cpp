// contagion synth lab: a synthetic lab study with known ground truth, written in a real export
// format (datasets::generate_lab_study / write_lab_study). Options on the command line or in
// a TOML file (--config; the command line wins).

#include <fmt/format.h>

#include <iostream>

#include "common.hpp"
#include "contagion/core/config.hpp"
#include "contagion/core/error.hpp"
#include "contagion/datasets/lab_study.hpp"

namespace contagion::cli {
namespace {

/// Reads the [lab] keys of a TOML file into `spec` (strict: unknown keys are errors).
void read_config(const std::string& path, datasets::LabSpec& spec, std::string& format) {
  const ConfigTable root = ConfigTable::parse_file(path);
  const ConfigTable t = root.required_table("lab");
  spec.participants = static_cast<int>(t.integer_in("participants", 1, 100000, spec.participants));
  spec.seed = static_cast<std::uint64_t>(
      t.integer_in("seed", 0, std::numeric_limits<std::int64_t>::max(), static_cast<std::int64_t>(spec.seed)));
  format = t.choice("format", {"openface", "facet", "affdex", "pyfeat"}, format);
  spec.frame_rate = t.number_in("frame_rate", Range::greater_than(0.0), spec.frame_rate);
  spec.lead_in_s = t.number_in("lead_in_s", Range::at_least(0.0), spec.lead_in_s);
  spec.reactivity_eq_correlation =
      t.number_in("reactivity_eq_correlation", Range::closed(-1.0, 1.0), spec.reactivity_eq_correlation);
  spec.female_eq_shift_sd = t.number_in("female_eq_shift_sd", Range::finite(), spec.female_eq_shift_sd);
  spec.eq_mean = t.number_in("eq_mean", Range::closed(0.0, 80.0), spec.eq_mean);
  spec.eq_sd = t.number_in("eq_sd", Range::at_least(0.0), spec.eq_sd);
  spec.latency_s = t.number_in("latency_s", Range::at_least(0.0), spec.latency_s);
  spec.time_to_peak_s = t.number_in("time_to_peak_s", Range::greater_than(0.0), spec.time_to_peak_s);
  spec.kernel_shape = t.number_in("kernel_shape", Range::greater_than(0.0), spec.kernel_shape);
  spec.noise_sd = t.number_in("noise_sd", Range::at_least(0.0), spec.noise_sd);
  spec.detection_lag_s = t.number_in("detection_lag_s", Range::at_least(0.0), spec.detection_lag_s);
  spec.dropouts_per_min = t.number_in("dropouts_per_min", Range::at_least(0.0), spec.dropouts_per_min);
  spec.dropout_s = t.number_in("dropout_s", Range::greater_than(0.0), spec.dropout_s);
  root.finish();
}

}  // namespace

void add_synth_command(CLI::App& app) {
  CLI::App* synth = app.add_subcommand("synth", "Synthetic data with known ground truth");
  synth->require_subcommand(1);
  CLI::App* lab = synth->add_subcommand("lab", "A synthetic lab study (KDEF protocol) in a real export format");
  auto spec = std::make_shared<datasets::LabSpec>();
  auto format = std::make_shared<std::string>("openface");
  auto config = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto protocol = std::make_shared<std::string>("kdef");
  auto json = std::make_shared<bool>(false);
  lab->add_option("--config", *config, "TOML file with a [lab] table (every option below, by name)")
      ->check(CLI::ExistingFile);
  lab->add_option("--participants", spec->participants, "number of participants")->check(CLI::PositiveNumber);
  lab->add_option("--protocol", *protocol, "stimulus protocol")->check(CLI::IsMember({"kdef"}));
  lab->add_option("--format", *format, "export format")
      ->check(CLI::IsMember({"openface", "facet", "affdex", "pyfeat"}));
  lab->add_option("--seed", spec->seed, "seed of every draw");
  lab->add_option("--noise", spec->noise_sd, "detector noise SD, as a fraction of the scale");
  lab->add_option("--lag", spec->detection_lag_s, "detection lag in s");
  lab->add_option("--dropouts", spec->dropouts_per_min, "face-lost dropouts per minute");
  lab->add_option("--eq-correlation", spec->reactivity_eq_correlation, "correlation of true reactivity and EQ");
  lab->add_option("--female-eq-shift", spec->female_eq_shift_sd, "women's EQ shift in SDs");
  lab->add_option("-o,--output", *output, "folder to write the study to")->required();
  lab->add_flag("--json", *json, "print a summary as JSON");
  lab->footer(
      "Writes <participant> exports, events.csv, participants.csv, eq_items.csv, truth_participants.csv and\n"
      "truth_responses.csv (docs/synthetic.md). Example:\n"
      "  contagion synth lab --participants 80 --protocol kdef --format openface --seed 1 -o study/");
  lab->callback([spec, format, config, output, json, lab] {
    datasets::LabSpec s = *spec;
    std::string f = *format;
    if (!config->empty()) {
      datasets::LabSpec from_file;
      read_config(*config, from_file, f);
      // The command line wins over the file for the options given there.
      const auto given = [&](const char* name) { return lab->count(name) > 0; };
      if (!given("--participants")) s.participants = from_file.participants;
      if (!given("--seed")) s.seed = from_file.seed;
      if (!given("--noise")) s.noise_sd = from_file.noise_sd;
      if (!given("--lag")) s.detection_lag_s = from_file.detection_lag_s;
      if (!given("--dropouts")) s.dropouts_per_min = from_file.dropouts_per_min;
      if (!given("--eq-correlation")) s.reactivity_eq_correlation = from_file.reactivity_eq_correlation;
      if (!given("--female-eq-shift")) s.female_eq_shift_sd = from_file.female_eq_shift_sd;
      if (given("--format")) f = *format;
      s.frame_rate = from_file.frame_rate;
      s.lead_in_s = from_file.lead_in_s;
      s.eq_mean = from_file.eq_mean;
      s.eq_sd = from_file.eq_sd;
      s.latency_s = from_file.latency_s;
      s.time_to_peak_s = from_file.time_to_peak_s;
      s.kernel_shape = from_file.kernel_shape;
      s.dropout_s = from_file.dropout_s;
    }
    s.format = facial::parse_source_format(f);
    const datasets::LabStudy study = datasets::generate_lab_study(s);
    datasets::write_lab_study(study, *output);
    std::size_t frames = 0;
    for (const auto& r : study.recordings) frames += r.frames();
    if (*json) {
      std::cout << nlohmann::json{{"output", *output},
                                  {"participants", study.participants.size()},
                                  {"format", f},
                                  {"frames", frames},
                                  {"events", study.events.size()},
                                  {"seed", s.seed}}
                       .dump(2)
                << '\n';
      return;
    }
    fmt::print("{} participants, {} stimuli each, {} frames in {} format -> {}/\n", study.participants.size(),
               study.events.size() / study.participants.size(), frames, f, *output);
  });
}

}  // namespace contagion::cli
