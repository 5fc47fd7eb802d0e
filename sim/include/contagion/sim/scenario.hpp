#pragma once
// Scenarios: a TOML file that names a graph, a model with its parameters, an initial state,
// the stopping rule, what to record, the seed and the number of replicates. Reading one
// checks every value against its allowed range and rejects unknown keys, naming the key
// and line; nothing runs from a scenario with an error. See docs/scenarios.md for the keys.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "contagion/core/config.hpp"
#include "contagion/core/run_record.hpp"
#include "contagion/sim/engine.hpp"
#include "contagion/sim/expectation.hpp"
#include "contagion/sim/graph.hpp"
#include "contagion/sim/model.hpp"
#include "contagion/sim/node_values.hpp"

namespace contagion::sim {

struct Scenario {
  std::string name;
  std::string description;
  std::string source_name;  ///< the file it was read from
  std::string text;         ///< the file verbatim, stored with every run
  std::uint64_t seed = 0;
  std::uint64_t replicates = 1;
  Graph graph;
  BuildReport graph_report;  ///< self-loops dropped and duplicates merged while building the graph
  std::string model_name;
  std::function<std::unique_ptr<Model>()> make_model;  ///< a fresh model per replicate
  std::size_t columns = 1;
  NodeValuesSpec initial;                  ///< drawn per replicate
  EngineSettings engine;                   ///< threads, seed and replicate are set per run
  ParameterList parameters;                ///< every key read, defaults included
  std::optional<Expectation> expectation;  ///< the [bench] table, when the scenario has one
};

/// Values given on the command line that replace the file's (and are recorded as such).
struct ScenarioOverrides {
  std::optional<std::uint64_t> seed;  ///< also the graph's seed unless [graph] has its own
  std::optional<std::uint64_t> replicates;
};

/// Reads and checks a scenario file. Relative paths in the file are taken from its folder.
Scenario load_scenario(const std::string& path, const ScenarioOverrides& overrides = {});
/// The same from text; `source_name` stands for the file in errors, `base_dir` for
/// relative paths.
Scenario parse_scenario(const std::string& text, const std::string& source_name,
                        const ScenarioOverrides& overrides = {}, const std::string& base_dir = ".");

/// The initial state of one replicate: draws keyed by (seed, replicate, node), so the
/// same for any thread count.
std::vector<double> initial_state(const Scenario& scenario, std::uint64_t replicate);

/// Runs one replicate and returns its record (graph_id left empty for the store to fill).
RunRecord run_scenario(const Scenario& scenario, std::uint64_t replicate, int threads, const RunControl& control = {});

/// Runs every replicate and hands each record to `sink`, in replicate order, on the calling
/// thread. Graphs below `kReplicateParallelNodes` nodes run up to `threads` replicates at once
/// (one thread each); larger graphs run one replicate at a time on all threads. The records
/// are the same either way, bit for bit, except their `threads` attribute. A stop request
/// ends the replicates under way after their current step. Progress is reported in steps of
/// the current replicate when replicates run one at a time, in replicates otherwise.
void run_replicates(const Scenario& scenario, int threads, const std::function<void(RunRecord&&)>& sink,
                    const RunControl& control = {});
inline constexpr NodeId kReplicateParallelNodes = 10000;
/// Whether run_replicates runs several replicates at once for this scenario and thread count.
bool replicates_in_parallel(const Scenario& scenario, int threads);

// Sections, exposed for reuse (sweeps, calibration) and tests.
/// The [graph] table; `report` receives the self-loops and duplicates that were resolved
/// (also appended to the graph's stored parameters).
Graph graph_from_config(const ConfigTable& table, std::uint64_t seed, const std::string& base_dir, int threads,
                        BuildReport* report = nullptr);
/// Checks the [model] table and returns a factory; random per-arc parameters (delays) are
/// drawn from `seed`, relative file paths taken from `base_dir`. `columns` receives the
/// number of opinions per node.
std::function<std::unique_ptr<Model>()> model_from_config(const ConfigTable& table, const Graph& graph,
                                                          std::uint64_t seed, const std::string& base_dir,
                                                          std::size_t* columns);

}  // namespace contagion::sim
