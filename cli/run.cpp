// contagion run: simulate a scenario file and store every replicate in an HDF5 run store.

#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "common.hpp"
#include "contagion/core/error.hpp"
#include "contagion/sim/scenario.hpp"
#include "contagion/store/run_store.hpp"

namespace contagion::cli {
namespace {

using sim::BuildReport;

struct RunOptions {
  std::string scenario;
  std::string output = "runs.h5";
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> replicates;
  bool replace = false;
  CommonOptions common;
};

void run_command(const RunOptions& o) {
  install_signal_handlers();
  const int threads = resolve_threads(o.common);
  const sim::Scenario scenario = sim::load_scenario(o.scenario, {o.seed, o.replicates});

  store::RunStore store(o.output);
  const std::string graph_id = store.add_graph(scenario.graph.arrays());
  const bool show_progress = !o.common.quiet && !o.common.json && stderr_is_terminal();
  if (!o.common.quiet && !o.common.json)
    fmt::print("scenario {}: {} on {} ({} nodes, {} edges), {} replicate(s), {} thread(s)\n", scenario.name,
               scenario.model_name, scenario.graph.provenance().generator, scenario.graph.num_nodes(),
               scenario.graph.num_edges(), scenario.replicates, threads);
  const BuildReport& built = scenario.graph_report;
  if (!o.common.quiet && (built.self_loops_dropped > 0 || built.duplicates_merged > 0))
    fmt::print(stderr, "note: building the graph dropped {} self-loop(s) and merged {} duplicate edge(s)\n",
               built.self_loops_dropped, built.duplicates_merged);

  nlohmann::json runs = nlohmann::json::array();
  ProgressLine progress(show_progress, sim::replicates_in_parallel(scenario, threads) ? "replicates" : "steps");
  sim::run_replicates(
      scenario, threads,
      [&](RunRecord&& record) {
        record.graph_id = graph_id;
        store.add_run(record, o.replace ? store::RunStore::OnExisting::replace : store::RunStore::OnExisting::error);
        progress.clear();
        if (o.common.json)
          runs.push_back(run_summary_json(record));
        else if (!o.common.quiet)
          fmt::print("{}\n", run_summary_text(record));
      },
      progress.control());
  store.commit();
  if (o.common.json) {
    nlohmann::json out{{"scenario", scenario.name}, {"output", o.output}, {"graph", graph_id}, {"runs", runs}};
    std::cout << out.dump(2) << '\n';
  } else if (!o.common.quiet) {
    fmt::print("wrote {} (see: contagion inspect {})\n", o.output, o.output);
  }
  if (stop_requested().load()) throw Interrupted();
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Simulate a scenario and store every replicate in an HDF5 run store");
  cmd->footer(
      "Example:\n"
      "  contagion run bench/scenarios/degroot_small_world.toml -o runs.h5 --threads 2 --seed 7\n"
      "  contagion inspect runs.h5\n"
      "The scenario keys are documented in docs/scenarios.md. Runs are added to an existing store;\n"
      "a run id (<name>.s<seed>.r<replicate>) that is already there is an error unless --replace.");
  cmd->add_option("scenario", options->scenario, "scenario TOML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", options->output, "HDF5 run store to create or add to")->capture_default_str();
  cmd->add_option("--seed", options->seed, "override the scenario's seed");
  cmd->add_option("--replicates", options->replicates, "override the number of replicates")->check(CLI::PositiveNumber);
  cmd->add_flag("--replace", options->replace, "replace runs with the same id instead of refusing them");
  add_threads_option(*cmd, options->common);
  add_output_options(*cmd, options->common);
  cmd->callback([options] { run_command(*options); });
}

}  // namespace contagion::cli
