// contagion bench: the scenario suite. Runs named scenarios, checks the qualitative result each
// is expected to show, measures it, and compares with an earlier run of the suite.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "common.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/table.hpp"
#include "contagion/core/text_file.hpp"
#include "contagion/core/version.hpp"
#include "contagion/sim/bench_suite.hpp"
#include "contagion/store/run_store.hpp"

namespace contagion::cli {
namespace {

namespace fs = std::filesystem;

struct BenchOptions {
  std::vector<std::string> scenarios;
  bool all = false;
  std::string dir = "bench/scenarios";
  bool reduced = false;
  std::string output, csv, results, compare;
  double slower = 2.0;
  CommonOptions common;
};

std::vector<std::string> scenario_files(const BenchOptions& o) {
  if (!fs::is_directory(o.dir)) throw UsageError(fmt::format("{} is not a folder of scenarios (give --dir)", o.dir));
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(o.dir))
    if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  if (o.all) return files;
  if (o.scenarios.empty()) throw UsageError("name scenarios with --scenario NAME, or run them all with --all");
  std::vector<std::string> chosen;
  for (const std::string& name : o.scenarios) {
    const auto it = std::find_if(files.begin(), files.end(), [&](const std::string& f) {
      return fs::path(f).stem() == name || fs::path(f).filename() == name;
    });
    if (it == files.end()) {
      std::string known;
      for (const auto& f : files) known += (known.empty() ? "" : ", ") + fs::path(f).stem().string();
      throw UsageError(fmt::format("no scenario '{}' in {} (there are: {})", name, o.dir, known));
    }
    chosen.push_back(*it);
  }
  return chosen;
}

std::string range_text(const sim::Expectation& e) {
  if (e.at_least && e.at_most) return fmt::format("[{:g}, {:g}]", *e.at_least, *e.at_most);
  if (e.at_least) return fmt::format(">= {:g}", *e.at_least);
  return fmt::format("<= {:g}", *e.at_most);
}

nlohmann::json to_json(const sim::BenchResult& r) {
  nlohmann::json j{{"name", r.name},
                   {"file", r.file},
                   {"model", r.model},
                   {"nodes", r.nodes},
                   {"arcs", r.arcs},
                   {"replicates", r.replicates},
                   {"steps", r.steps},
                   {"wall_s", r.wall_s},
                   {"throughput", r.throughput},
                   {"throughput_unit", r.throughput_unit},
                   {"met", r.met}};
  if (r.expectation) {
    j["statistic"] = sim::statistic_label(*r.expectation);
    j["value"] = r.value;
    j["expected"] = r.expectation->expected;
    j["at_least"] = r.expectation->at_least ? nlohmann::json(*r.expectation->at_least) : nlohmann::json();
    j["at_most"] = r.expectation->at_most ? nlohmann::json(*r.expectation->at_most) : nlohmann::json();
  }
  return j;
}

Table to_table(const std::vector<sim::BenchResult>& results) {
  std::vector<std::string> name, model, statistic, range, met, unit;
  std::vector<double> nodes, arcs, replicates, value, wall, throughput;
  for (const auto& r : results) {
    name.push_back(r.name);
    model.push_back(r.model);
    nodes.push_back(static_cast<double>(r.nodes));
    arcs.push_back(static_cast<double>(r.arcs));
    replicates.push_back(static_cast<double>(r.replicates));
    statistic.push_back(r.expectation ? sim::statistic_label(*r.expectation) : "");
    value.push_back(r.value);
    range.push_back(r.expectation ? range_text(*r.expectation) : "");
    met.push_back(r.expectation ? (r.met ? "yes" : "no") : "");
    wall.push_back(r.wall_s);
    throughput.push_back(r.throughput);
    unit.push_back(r.throughput_unit);
  }
  Table t;
  t.add_text("scenario", name);
  t.add_text("model", model);
  t.add_numbers("nodes", nodes);
  t.add_numbers("arcs", arcs);
  t.add_numbers("replicates", replicates);
  t.add_text("statistic", statistic);
  t.add_numbers("value", value);
  t.add_text("expected_range", range);
  t.add_text("met", met);
  t.add_numbers("wall_s", wall);
  t.add_numbers("throughput", throughput);
  t.add_text("throughput_unit", unit);
  return t;
}

/// Regressions against a baseline written by --results: an expectation met there and not
/// here, or a scenario more than `slower` times slower. Returns one line per regression.
std::vector<std::string> regressions(const std::vector<sim::BenchResult>& results, const std::string& path,
                                     double slower) {
  nlohmann::json baseline;
  try {
    baseline = nlohmann::json::parse(read_text_file(path, "the baseline"));
  } catch (const nlohmann::json::exception& e) {
    throw Error(fmt::format("not a results file of contagion bench: {}", e.what()), ErrorContext{path});
  }
  if (!baseline.contains("scenarios") || !baseline["scenarios"].is_array())
    throw Error("not a results file of contagion bench (no \"scenarios\" list)", ErrorContext{path});
  std::map<std::string, nlohmann::json> before;
  for (const auto& s : baseline["scenarios"]) before[s.value("name", "")] = s;
  std::vector<std::string> found;
  for (const auto& r : results) {
    const auto it = before.find(r.name);
    if (it == before.end()) continue;
    const nlohmann::json& b = it->second;
    if (b.value("met", false) && !r.met)
      found.push_back(fmt::format("{}: the expected result no longer holds ({} = {:g}, expected {})", r.name,
                                  r.expectation ? sim::statistic_label(*r.expectation) : "?", r.value,
                                  r.expectation ? range_text(*r.expectation) : "?"));
    const double was = b.value("wall_s", 0.0);
    if (was >= 0.05 && r.wall_s > slower * was)
      found.push_back(
          fmt::format("{}: {:.3f} s, {:.1f} times the baseline's {:.3f} s", r.name, r.wall_s, r.wall_s / was, was));
  }
  return found;
}

void bench_command(const BenchOptions& o) {
  install_signal_handlers();
  const int threads = resolve_threads(o.common);
  const std::vector<std::string> files = scenario_files(o);
  const bool people = !o.common.quiet && !o.common.json;
  std::optional<store::RunStore> runs;
  if (!o.output.empty()) runs.emplace(o.output);
  std::vector<sim::BenchResult> results;
  if (people)
    fmt::print("{:<28} {:<20} {:>8} {:<44} {:>11} {:<14} {:>4} {:>8} {:>10}\n", "scenario", "model", "nodes",
               "statistic", "value", "expected", "met", "wall s", "updates/s");
  for (const std::string& file : files) {
    sim::BenchResult r = sim::run_bench_scenario(file, o.reduced, threads,
                                                 [&](RunRecord&& record, const sim::Scenario& s) {
                                                   if (!runs) return;
                                                   record.graph_id = runs->add_graph(s.graph.arrays());
                                                   runs->add_run(record, store::RunStore::OnExisting::replace);
                                                 },
                                                 {&stop_requested(), {}});
    if (people)
      fmt::print("{:<28} {:<20} {:>8} {:<44} {:>11.5g} {:<14} {:>4} {:>8.3f} {:>10.3g}\n", r.name, r.model, r.nodes,
                 r.expectation ? sim::statistic_label(*r.expectation) : "-", r.value,
                 r.expectation ? range_text(*r.expectation) : "-", r.expectation ? (r.met ? "yes" : "NO") : "-",
                 r.wall_s, r.throughput);
    results.push_back(std::move(r));
    if (stop_requested().load()) break;
  }
  if (runs) runs->commit();

  nlohmann::json out{{"created_by", created_by()},
                     {"threads", threads},
                     {"reduced", o.reduced},
                     {"scenarios", nlohmann::json::array()}};
  for (const auto& r : results) out["scenarios"].push_back(to_json(r));
  if (!o.results.empty()) write_text_file(o.results, out.dump(2) + "\n");
  if (!o.csv.empty()) write_csv(to_table(results), o.csv);
  const std::vector<std::string> regressed =
      o.compare.empty() ? std::vector<std::string>{} : regressions(results, o.compare, o.slower);
  std::vector<std::string> unmet;
  for (const auto& r : results)
    if (r.expectation && !r.met) unmet.push_back(r.name);
  if (o.common.json) {
    out["regressions"] = regressed;
    std::cout << out.dump(2) << '\n';
  } else if (!o.common.quiet) {
    for (const auto& r : results)
      if (r.expectation && !r.met) fmt::print("NOT MET  {}: expected {}\n", r.name, r.expectation->expected);
    for (const auto& line : regressed) fmt::print("REGRESSION  {}\n", line);
    fmt::print("{} scenario(s), {} with the expected result, {} regression(s)\n", results.size(),
               results.size() - unmet.size(), regressed.size());
  }
  if (stop_requested().load()) throw Interrupted{"the scenarios finished so far are reported and stored"};
  if (!unmet.empty() || !regressed.empty())
    throw Error(
        fmt::format("{} scenario(s) without their expected result, {} regression(s)", unmet.size(), regressed.size()));
}

}  // namespace

void add_bench_command(CLI::App& app) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand("bench", "Run the scenario suite: expected results, timings, regressions");
  cmd->footer(
      "Examples:\n"
      "  contagion bench --all --results bench.json --csv bench.csv -o bench.h5\n"
      "  contagion bench --scenario hk_clusters --scenario fj_stubborn\n"
      "  contagion bench --all --reduced --compare bench.json     # quick sizes, against a baseline\n"
      "Each scenario's [bench] table (docs/scenarios.md) names a statistic of its runs and the range it\n"
      "should fall in. Exit status 1 when a scenario misses its expected result or, with --compare, when\n"
      "a result met in the baseline is missed or a scenario runs more than --slower times slower.");
  cmd->add_option("--scenario", options->scenarios, "a scenario by file name (without .toml); repeat")
      ->expected(1)
      ->take_all();
  cmd->add_flag("--all", options->all, "every scenario in the folder");
  cmd->add_option("--dir", options->dir, "the folder of scenarios")->capture_default_str();
  cmd->add_flag("--reduced", options->reduced, "the scenarios' reduced sizes (the test suite's)");
  cmd->add_option("-o,--output", options->output, "also store every run in this HDF5 store");
  cmd->add_option("--csv", options->csv, "write the results table as CSV");
  cmd->add_option("--results", options->results, "write the results as JSON (a baseline for --compare)");
  cmd->add_option("--compare", options->compare, "flag regressions against an earlier --results file")
      ->check(CLI::ExistingFile);
  cmd->add_option("--slower", options->slower, "with --compare: a slowdown factor that counts as a regression")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 1e9));
  add_threads_option(*cmd, options->common);
  add_output_options(*cmd, options->common);
  cmd->callback([options] { bench_command(*options); });
}

}  // namespace contagion::cli
