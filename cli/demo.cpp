// contagion demo: the end-to-end job of the README. A synthetic lab study with known truth ->
// facial features -> statistics -> agents calibrated from the measured reactivity -> emotion
// contagion in a care team and in a 10^5-person community graph -> one HDF5 store -> a summary
// that says how close the calibration came to the truth. Every step is a library call; the
// files of each step stay in the work folder for a closer look.

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "common.hpp"
#include "contagion/calibrate/agent_parameters.hpp"
#include "contagion/core/text_file.hpp"
#include "contagion/datasets/lab_study.hpp"
#include "contagion/facial/pipeline.hpp"
#include "contagion/sim/scenario.hpp"
#include "contagion/stats/correlation.hpp"
#include "contagion/stats/study.hpp"
#include "contagion/store/run_store.hpp"
#include "demo_scenarios.hpp"

namespace contagion::cli {
namespace {

namespace fs = std::filesystem;

struct DemoOptions {
  std::string output = "demo.h5";
  std::string workdir = "demo_study";
  int participants = 40;
  int agents = 100000;
  std::uint64_t seed = 1;
  CommonOptions common;
};

void write_agents(const fs::path& dir, const std::string& prefix, const calibrate::AgentParameters& agents) {
  std::string openness, expressiveness;
  for (const double v : agents.openness) openness += fmt::format("{}\n", v);
  for (const double v : agents.expressiveness) expressiveness += fmt::format("{}\n", v);
  write_text_file((dir / (prefix + "_openness.txt")).string(), openness);
  write_text_file((dir / (prefix + "_expressiveness.txt")).string(), expressiveness);
}

/// The first time a metric reaches `level` (NaN if never).
double first_time_at(const RunRecord& r, const std::string& metric, double level) {
  for (const auto& m : r.metrics)
    if (m.name == metric)
      for (std::size_t t = 0; t < m.values.size(); ++t)
        if (m.values[t] >= level) return r.time[t];
  return std::numeric_limits<double>::quiet_NaN();
}

double final_value(const RunRecord& r, const std::string& metric) {
  for (const auto& m : r.metrics)
    if (m.name == metric && !m.values.empty()) return m.values.back();
  return std::numeric_limits<double>::quiet_NaN();
}

/// Writes the scenario beside its agent files, runs it and stores the run.
RunRecord simulate(const std::string& text, const std::string& file, const fs::path& work, int threads,
                   store::RunStore& store, const calibrate::AgentMapping& mapping) {
  write_text_file((work / file).string(), text);
  const sim::Scenario scenario = sim::parse_scenario(text, (work / file).string(), {}, work.string());
  ProgressLine progress(stderr_is_terminal(), "steps");
  RunRecord record = sim::run_scenario(scenario, 0, threads, progress.control());
  progress.clear();
  record.graph_id = store.add_graph(scenario.graph.arrays());
  for (auto& p : mapping.describe()) record.parameters.push_back(p);
  store.add_run(record, store::RunStore::OnExisting::replace);  // running the demo again refreshes it
  return record;
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

  // 3. Statistics: the study report.
  stats::StudyOptions so;
  so.group = "gender";
  const stats::StudyReport report =
      stats::study_report(feature_table, read_csv((work / "study" / "participants.csv").string()), so);
  for (const auto& [name, table] : report.tables) write_csv(table, (work / (name + ".csv")).string());
  const Table& corr = report.table("correlations");
  fmt::print("3. statistics: EQ correlates most with {} (r = {:.3f}, p = {:.3g}); tables in {}/\n",
             corr.text("channel")[0], corr.numbers("pearson_r")[0], corr.numbers("p")[0], o.workdir);

  // 4. Agents calibrated from the measured participants, and the same mapping applied to the
  // synthetic truth (true reactivity and mimicry specificity), to see what measuring cost.
  const auto measured = calibrate::measured_participants(feature_table);
  std::vector<calibrate::MeasuredParticipant> truth;
  for (const auto& m : measured)
    for (const auto& p : study.participants)
      if (p.id == m.id) truth.push_back({p.id, p.reactivity, p.specificity});
  const calibrate::AgentMapping mapping;
  const auto team = calibrate::participant_agents(measured, mapping);
  const auto team_truth = calibrate::participant_agents(truth, mapping);
  const auto crowd = calibrate::bootstrap_agents(measured, static_cast<std::size_t>(o.agents), mapping, o.seed);
  write_agents(work, "team", team);
  write_agents(work, "team_truth", team_truth);
  write_agents(work, "community", crowd);
  const double rho_expressiveness = stats::spearman(team.expressiveness, team_truth.expressiveness).r;
  const double rho_openness = stats::spearman(team.openness, team_truth.openness).r;
  fmt::print(
      "4. calibration: {} agents from {} measured participants; against the truth, expressiveness rho = {:.3f}, "
      "openness rho = {:.3f}\n",
      team.openness.size() + crowd.openness.size(), measured.size(), rho_expressiveness, rho_openness);

  // 5. Simulations with the calibrated agents (and the team once more with the true ones).
  store::RunStore store(o.output);
  const auto members = static_cast<std::uint64_t>(measured.size());
  const RunRecord team_run =
      simulate(team_scenario("demo-team", "team", members, o.seed), "team.toml", work, threads, store, mapping);
  const RunRecord truth_run = simulate(team_scenario("demo-team-truth", "team_truth", members, o.seed),
                                       "team_truth.toml", work, threads, store, mapping);
  const RunRecord crowd_run = simulate(community_scenario("community", static_cast<std::uint64_t>(o.agents), o.seed),
                                       "community.toml", work, threads, store, mapping);
  const auto on = store::RunStore::OnExisting::replace;
  const ParameterList provenance{{"source", std::string("contagion demo")},
                                 {"seed", static_cast<std::int64_t>(o.seed)}};
  store.add_table("demo_features", feature_table, provenance, on);
  store.add_table("demo_correlations", corr, provenance, on);
  store.add_table("demo_models", report.table("models"), provenance, on);
  store.commit();
  const double t_team = first_time_at(team_run, "above", 0.5), t_truth = first_time_at(truth_run, "above", 0.5);
  fmt::print(
      "5. simulation: half of the {}-person team is upset (level > 0.25) after t = {:.1f} with the calibrated "
      "agents, {:.1f} with the true ones ({:+.0f} %)\n",
      members, t_team, t_truth, 100.0 * (t_team - t_truth) / t_truth);
  fmt::print(
      "   the upset of one community reaches half of {} people after t = {:.1f}; at t = {:.0f} {:.1f} % are "
      "upset\n",
      o.agents, first_time_at(crowd_run, "above", 0.5), crowd_run.time.back(), 100.0 * final_value(crowd_run, "above"));
  fmt::print("\nwrote {}: runs {}, {}, {} and the tables /features/demo_features, demo_correlations, demo_models\n",
             o.output, team_run.id, truth_run.id, crowd_run.id);
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
  cmd->add_option("--workdir", options->workdir, "folder for the study, features, statistics and scenarios")
      ->capture_default_str();
  cmd->add_option("--participants", options->participants, "participants of the lab study (the care team)")
      ->check(CLI::Range(4, 100000))
      ->capture_default_str();
  cmd->add_option("--agents", options->agents, "people in the simulated community graph")
      ->check(CLI::Range(30, 10000000))
      ->capture_default_str();
  cmd->add_option("--seed", options->seed, "seed of the study and the simulations")->capture_default_str();
  add_threads_option(*cmd, options->common);
  cmd->callback([options] { demo_command(*options); });
}

}  // namespace contagion::cli
