// contagion demo: the end-to-end job of the README. A synthetic lab study with known truth ->
// facial features -> statistics -> agents calibrated from the measured reactivity -> an
// emotion-contagion simulation on a ward-sized graph -> one HDF5 store -> a summary. Every step
// is a library call; the files of each step stay in the work folder for a closer look.

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "common.hpp"
#include "contagion/calibrate/agent_parameters.hpp"
#include "contagion/datasets/lab_study.hpp"
#include "contagion/facial/pipeline.hpp"
#include "contagion/sim/scenario.hpp"
#include "contagion/stats/correlation.hpp"
#include "contagion/stats/study.hpp"
#include "contagion/store/run_store.hpp"

namespace contagion::cli {
namespace {

namespace fs = std::filesystem;

struct DemoOptions {
  std::string output = "demo.h5";
  std::string workdir = "demo_study";
  int participants = 40;
  int agents = 2000;
  std::uint64_t seed = 1;
  CommonOptions common;
};

void write_numbers(const fs::path& path, const std::vector<double>& values) {
  std::ofstream out(path);
  for (const double v : values) out << fmt::format("{}\n", v);
  if (!out) throw Error(fmt::format("cannot write {}", path.string()));
}

/// The simulation: Bosse et al.'s emotion contagion on a small world of `agents` people whose
/// openness and expressiveness come from the measured participants (files written beside it);
/// the 20 best-connected people start upset (level 1), everyone else calm (0).
std::string scenario_text(const DemoOptions& o) {
  return fmt::format(R"(name = "demo-calibrated-ward"
description = """Emotion contagion (Bosse et al.) in a hospital of {agents} people on a small world,
with each person's openness and expressiveness taken from a measured lab participant (rank of
mimicry congruence and of overall reactivity; empirical bootstrap). The 20 best-connected people
start upset. Question: how far does the upset spread, and how fast?"""
seed = {seed}
replicates = 1

[graph]
generator = "watts_strogatz"
n = {agents}
k = 8
beta = 0.1

[graph.attributes.openness]
distribution = "file"
path = "agents_openness.txt"

[graph.attributes.expressiveness]
distribution = "file"
path = "agents_expressiveness.txt"

[model]
type = "emotion_contagion"
openness = "openness"
expressiveness = "expressiveness"
amplification = 0.2
bias = 0.5
dt = 0.1

[initial]
distribution = "seeds"
top_degree = 20

[run]
max_steps = 3000
tolerance = 1e-9

[record]
metrics = ["mean", "variance", "max", "above"]
threshold = 0.25
)",
                     fmt::arg("agents", o.agents), fmt::arg("seed", o.seed));
}

void demo_command(const DemoOptions& o) {
  install_signal_handlers();
  const int threads = resolve_threads(o.common);
  const fs::path work(o.workdir);
  fs::create_directories(work);

  // 1. A synthetic lab study whose truth is known.
  datasets::LabSpec spec;
  spec.participants = o.participants;
  spec.seed = o.seed;
  spec.noise_sd = 0.02;
  spec.dropouts_per_min = 0.5;
  spec.reactivity_eq_correlation = 0.4;
  const datasets::LabStudy study = datasets::generate_lab_study(spec);
  datasets::write_lab_study(study, (work / "study").string());
  fmt::print("1. lab study: {} participants watched {} KDEF images each (OpenFace exports in {}/study)\n",
             study.participants.size(), study.events.size() / study.participants.size(), o.workdir);

  // 2. Facial features through the real pipeline.
  std::vector<std::string> exports;
  for (const auto& p : study.participants) exports.push_back((work / "study" / (p.id + ".csv")).string());
  facial::PipelineOptions pipeline;
  pipeline.read.frame_rate = spec.frame_rate;
  const facial::PipelineResult features =
      facial::run_pipeline(exports, facial::read_events((work / "study" / "events.csv").string()), pipeline, threads);
  const Table feature_table = features.features.to_table();
  write_csv(feature_table, (work / "features.csv").string());
  std::size_t used = 0;
  for (const auto& r : features.recordings) used += r.used;
  fmt::print("2. features: {} of {} recordings usable, {} feature rows ({}/features.csv)\n", used,
             features.recordings.size(), feature_table.rows(), o.workdir);

  // 3. Statistics: the study report, and how well the measurement recovers the truth.
  stats::StudyOptions so;
  so.group = "gender";
  const stats::StudyReport report =
      stats::study_report(feature_table, read_csv((work / "study" / "participants.csv").string()), so);
  for (const auto& [name, table] : report.tables) write_csv(table, (work / (name + ".csv")).string());
  const auto measured = calibrate::measured_participants(feature_table);
  std::vector<double> true_reactivity, measured_reactivity;
  for (const auto& m : measured)
    for (const auto& p : study.participants)
      if (p.id == m.id) {
        true_reactivity.push_back(p.reactivity);
        measured_reactivity.push_back(m.reactivity);
      }
  const stats::Correlation recovery = stats::pearson(true_reactivity, measured_reactivity);
  const Table& corr = report.table("correlations");
  fmt::print(
      "3. statistics: EQ correlates most with {} (r = {:.3f}, p = {:.3g}); measured vs true reactivity r = {:.3f}\n",
      corr.text("channel")[0], corr.numbers("pearson_r")[0], corr.numbers("p")[0], recovery.r);

  // 4. Agents calibrated from the measured participants.
  const calibrate::AgentMapping mapping;
  const calibrate::AgentParameters agents =
      calibrate::bootstrap_agents(measured, static_cast<std::size_t>(o.agents), mapping, o.seed);
  write_numbers(work / "agents_openness.txt", agents.openness);
  write_numbers(work / "agents_expressiveness.txt", agents.expressiveness);
  fmt::print("4. calibration: {} agents drawn from {} measured participants (openness {}-{}, expressiveness {}-{})\n",
             o.agents, measured.size(), mapping.openness_low, mapping.openness_high, mapping.expressiveness_low,
             mapping.expressiveness_high);

  // 5. The simulation, stored with the features and the statistics.
  const std::string text = scenario_text(o);
  { std::ofstream(work / "ward.toml") << text; }
  const sim::Scenario scenario = sim::parse_scenario(text, (work / "ward.toml").string(), {}, work.string());
  store::RunStore store(o.output);
  const std::string graph_id = store.add_graph(scenario.graph.arrays());
  ProgressLine progress(stderr_is_terminal(), "steps");
  RunRecord record = sim::run_scenario(scenario, 0, threads, progress.control());
  progress.clear();
  record.graph_id = graph_id;
  for (auto& p : mapping.describe()) record.parameters.push_back(p);
  const auto on = store::RunStore::OnExisting::replace;  // running the demo again refreshes it
  store.add_run(record, on);
  const ParameterList provenance{{"source", std::string("contagion demo")},
                                 {"seed", static_cast<std::int64_t>(o.seed)}};
  store.add_table("demo_features", feature_table, provenance, on);
  store.add_table("demo_correlations", corr, provenance, on);
  store.add_table("demo_models", report.table("models"), provenance, on);
  store.commit();
  fmt::print(
      "5. simulation: {}\n\nwrote {}: run '{}' and the tables /features/demo_features, demo_correlations, "
      "demo_models\n",
      run_summary_text(record), o.output, record.id);
  fmt::print("next: contagion inspect {}   |   every intermediate file is in {}/\n", o.output, o.workdir);
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "The end-to-end demo: synthetic lab study -> features -> statistics -> calibrated simulation -> HDF5");
  cmd->footer("Example:\n  contagion demo -o demo.h5 && contagion inspect demo.h5");
  cmd->add_option("-o,--output", options->output, "HDF5 store to write (a new file, or one to add to)")
      ->capture_default_str();
  cmd->add_option("--workdir", options->workdir, "folder for the study, features and statistics")
      ->capture_default_str();
  cmd->add_option("--participants", options->participants, "participants of the lab study")
      ->check(CLI::Range(4, 100000))
      ->capture_default_str();
  cmd->add_option("--agents", options->agents, "people in the simulated ward")
      ->check(CLI::Range(30, 10000000))
      ->capture_default_str();
  cmd->add_option("--seed", options->seed, "seed of the study and the simulation")->capture_default_str();
  add_threads_option(*cmd, options->common);
  cmd->callback([options] { demo_command(*options); });
}

}  // namespace contagion::cli
