#include "contagion/sim/bench_suite.hpp"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>

#include "contagion/core/config_edit.hpp"
#include "contagion/core/text_file.hpp"

namespace contagion::sim {
namespace {

std::string base_dir_of(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

}  // namespace

std::string reduced_scenario_text(const std::string& path) {
  const std::string text = read_text_file(path, "the scenario");
  const Scenario full = parse_scenario(text, path, {}, base_dir_of(path));
  if (!full.expectation || full.expectation->reduced.empty()) return text;
  return assign_config_keys(text, path, full.expectation->reduced);
}

BenchResult run_bench_scenario(const std::string& path, bool reduced, int threads,
                               const std::function<void(RunRecord&&, const Scenario&)>& sink,
                               const RunControl& control) {
  const std::string text = reduced ? reduced_scenario_text(path) : read_text_file(path, "the scenario");
  const Scenario s = parse_scenario(text, reduced ? path + " (reduced)" : path, {}, base_dir_of(path));
  BenchResult out;
  out.name = s.name;
  out.file = path;
  out.model = s.model_name;
  out.nodes = s.graph.num_nodes();
  out.arcs = s.graph.num_arcs();
  out.replicates = s.replicates;
  out.expectation = s.expectation;

  std::vector<RunRecord> runs;
  const auto start = std::chrono::steady_clock::now();
  run_replicates(
      s, threads,
      [&](RunRecord&& r) {
        for (const auto& p : r.results)
          if (p.name == "steps") out.steps += static_cast<std::uint64_t>(std::get<std::int64_t>(p.value));
        runs.push_back(std::move(r));
      },
      control);
  out.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const bool by_arcs = out.arcs > 0;
  out.throughput_unit = by_arcs ? "arc-updates/s" : "node-updates/s";
  out.throughput =
      static_cast<double>(out.steps) * static_cast<double>(by_arcs ? out.arcs : out.nodes) / std::max(out.wall_s, 1e-9);
  out.value = std::numeric_limits<double>::quiet_NaN();
  if (s.expectation) {
    out.value = expectation_statistic(*s.expectation, runs);
    out.met = expectation_met(*s.expectation, out.value);
  }
  if (sink)
    for (RunRecord& r : runs) sink(std::move(r), s);
  return out;
}

}  // namespace contagion::sim
