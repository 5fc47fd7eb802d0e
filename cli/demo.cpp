// contagion demo: the end-to-end example the README runs. For now: DeGroot averaging on a
// generated small-world graph, stored in HDF5, with a short summary.

#include <fmt/format.h>

#include "common.hpp"
#include "contagion/sim/scenario.hpp"
#include "contagion/store/run_store.hpp"
#include "demo_scenario.hpp"

namespace contagion::cli {
namespace {

struct DemoOptions {
  std::string output = "runs.h5";
  CommonOptions common;
};

void demo_command(const DemoOptions& o) {
  install_signal_handlers();
  const int threads = resolve_threads(o.common);
  const sim::Scenario scenario = sim::parse_scenario(demo_scenario_text(), "demo_degroot.toml");
  fmt::print("contagion demo: {}\n", scenario.description);
  fmt::print("graph: {} with {} nodes and {} edges; model: {}; {} thread(s)\n\n", scenario.graph.provenance().generator,
             scenario.graph.num_nodes(), scenario.graph.num_edges(), scenario.model_name, threads);
  store::RunStore store(o.output);
  const std::string graph_id = store.add_graph(scenario.graph.arrays());
  ProgressLine progress(stderr_is_terminal(), "steps");
  RunRecord record = sim::run_scenario(scenario, 0, threads, progress.control());
  progress.clear();
  record.graph_id = graph_id;
  store.add_run(record, store::RunStore::OnExisting::replace);  // running the demo again refreshes it
  store.commit();
  fmt::print("{}\n\nwrote {}: run '{}' (metrics: mean, variance, min, max, spread, clusters per step)\n",
             run_summary_text(record), o.output, record.id);
  fmt::print(
      "next: contagion inspect {}   |   /usr/bin/python3 -c \"import h5py; f = h5py.File('{}'); "
      "print(f['runs/{}/metrics/spread'][:5])\"\n",
      o.output, o.output, record.id);
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* cmd = app.add_subcommand("demo", "Run the end-to-end demo and write its HDF5 run store");
  cmd->footer("Example:\n  contagion demo -o demo.h5 && contagion inspect demo.h5");
  cmd->add_option("-o,--output", options->output, "HDF5 run store to write (a new file, or one to add to)")
      ->capture_default_str();
  add_threads_option(*cmd, options->common);
  cmd->callback([options] { demo_command(*options); });
}

}  // namespace contagion::cli
