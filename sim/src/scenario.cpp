#include "contagion/sim/scenario.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

#include "contagion/core/clock.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/core/text_file.hpp"
#include "contagion/core/version.hpp"
#include "parallel.hpp"

namespace contagion::sim {
namespace {

EngineSettings engine_from_config(const ConfigTable& run, const ConfigTable& record) {
  EngineSettings s;
  s.max_steps = static_cast<std::uint64_t>(run.integer_in("max_steps", 0, INT64_MAX, 1000));
  // A negative tolerance never stops early; NaN is refused.
  s.tolerance = run.number_in("tolerance", {-1.7976931348623157e308, 1.7976931348623157e308, true, true}, 1e-9);
  s.metrics_every = static_cast<std::uint64_t>(record.integer_in("metrics_every", 1, INT64_MAX, 1));
  s.states_every = static_cast<std::uint64_t>(record.integer_in("states_every", 0, INT64_MAX, 0));
  s.metric_options.cluster_gap = record.number_in("cluster_gap", Range::greater_than(0.0), 1e-3);
  s.metric_options.threshold = record.number_in("threshold", Range::finite(), 0.5);
  if (record.has("coverage_levels")) {
    s.coverage_levels = record.numbers("coverage_levels");
    for (const double q : s.coverage_levels)
      if (!(q > 0.0 && q <= 1.0)) record.fail("coverage_levels", fmt::format("coverage level {} is outside (0, 1]", q));
  }
  if (record.has("metrics")) {
    s.metrics.clear();
    for (const auto& name : record.strings("metrics")) {
      try {
        s.metrics.push_back(parse_metric(name));
      } catch (const Error& e) {
        record.fail("metrics", e.message());
      }
      if (std::count(s.metrics.begin(), s.metrics.end(), s.metrics.back()) > 1)
        record.fail("metrics", fmt::format("metric '{}' is listed twice", name));
    }
  }
  return s;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& source_name, const ScenarioOverrides& overrides,
                        const std::string& base_dir) {
  const ConfigTable root = ConfigTable::parse_string(text, source_name);
  Scenario s;
  s.source_name = source_name;
  s.text = text;
  s.name = root.string("name", std::filesystem::path(source_name).stem().string());
  s.description = root.string("description", "");
  const auto file_seed = static_cast<std::uint64_t>(root.integer_in("seed", 0, INT64_MAX, 0));
  s.seed = overrides.seed.value_or(file_seed);
  const auto file_replicates = static_cast<std::uint64_t>(root.integer_in("replicates", 1, 1000000, 1));
  s.replicates = overrides.replicates.value_or(file_replicates);
  if (s.name.empty() || s.name.find('/') != std::string::npos || s.name == "." || s.name == "..")
    root.fail("name", fmt::format("scenario name '{}' must be non-empty and contain no '/'", s.name));

  s.graph = graph_from_config(root.required_table("graph"), s.seed, base_dir, omp_get_max_threads(), &s.graph_report);
  s.model_name = root.required_table("model").string("type");
  s.make_model = model_from_config(root.required_table("model"), s.graph, s.seed, base_dir, &s.columns);
  const ConfigTable initial = root.table_or_empty("initial");
  s.initial = node_values_from_config(initial, base_dir);

  s.engine = engine_from_config(root.table_or_empty("run"), root.table_or_empty("record"));
  if (const auto bench = root.table("bench")) s.expectation = expectation_from_config(*bench);
  root.finish();

  // Check the initial state now rather than at run time: its description, then its values
  // against the model's state space (emotion levels in [0, 1], compartments 0/1/2, ...).
  check_node_values(s.initial, s.graph, s.columns, initial);
  try {
    s.make_model()->reset(initial_state(s, 0));
  } catch (const Error& e) {
    if (!e.context().file.empty()) throw;
    throw Error(e.message(), initial.where());
  }
  // Record the values in effect, overrides included.
  s.parameters = root.parameters();
  std::erase_if(s.parameters, [](const Parameter& p) { return p.name.rfind("bench.", 0) == 0; });  // not the run's
  for (auto& p : s.parameters) {
    if (p.name == "seed") p.value = static_cast<std::int64_t>(s.seed);
    if (p.name == "replicates") p.value = static_cast<std::int64_t>(s.replicates);
  }
  return s;
}

Scenario load_scenario(const std::string& path, const ScenarioOverrides& overrides) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return parse_scenario(read_text_file(path, "the scenario"), path, overrides, dir.empty() ? "." : dir);
}

std::vector<double> initial_state(const Scenario& s, std::uint64_t replicate) {
  return make_node_values(s.initial, s.graph, s.columns, {s.seed, StreamPurpose::initial_state, replicate, 0, 0});
}

RunRecord run_scenario(const Scenario& s, std::uint64_t replicate, int threads, const RunControl& control) {
  RunRecord record;
  record.id = fmt::format("{}.s{}.r{}", s.name, s.seed, replicate);
  record.scenario_name = s.name;
  record.scenario_text = s.text;
  record.model = s.model_name;
  record.parameters = s.parameters;
  record.seed = s.seed;
  record.replicate = replicate;
  record.threads = threads;
  record.version = created_by();
  record.started = utc_timestamp();

  const auto start = std::chrono::steady_clock::now();
  auto model = s.make_model();
  EngineSettings settings = s.engine;
  settings.seed = s.seed;
  settings.replicate = replicate;
  settings.threads = threads;
  EngineResult result = run_model(*model, initial_state(s, replicate), settings, control);
  record.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  record.finished = utc_timestamp();

  record.time = std::move(result.time);
  record.metrics = std::move(result.metrics);
  record.states = std::move(result.states);
  record.final_state = std::move(result.final_state);
  record.final_columns = s.columns;
  record.results = {{"steps", static_cast<std::int64_t>(result.steps)},
                    {"converged", result.converged},
                    {"interrupted", result.interrupted},
                    {"last_change", result.last_change}};
  for (auto& p : spread_results(record.time, record.metrics, s.engine.coverage_levels))
    record.results.push_back(std::move(p));
  return record;
}

bool replicates_in_parallel(const Scenario& s, int threads) {
  return s.graph.num_nodes() < kReplicateParallelNodes && s.replicates > 1 && threads > 1;
}

void run_replicates(const Scenario& s, int threads, const std::function<void(RunRecord&&)>& sink,
                    const RunControl& control) {
  const bool by_replicate = replicates_in_parallel(s, threads);
  const std::uint64_t batch = by_replicate ? static_cast<std::uint64_t>(threads) : 1;
  for (std::uint64_t first = 0; first < s.replicates; first += batch) {
    const std::size_t count = std::min(batch, s.replicates - first);
    std::vector<RunRecord> records(count);
    if (by_replicate) {
      const RunControl workers{control.stop, {}};  // progress is reported here, per batch
      detail::parallel_tasks(count, threads,
                             [&](std::size_t k) { records[k] = run_scenario(s, first + k, 1, workers); });
      control.report(first + count, s.replicates);
    } else {
      records[0] = run_scenario(s, first, threads, control);
    }
    for (auto& r : records) sink(std::move(r));
    if (control.stop_requested()) return;
  }
}

}  // namespace contagion::sim
