// contagion sweep: a scenario over a grid of parameter values, with replicates, every run
// made safe as soon as it finishes (store::RunJournal) so that an interrupted sweep resumes.

#include <fmt/format.h>

#include <iostream>
#include <map>

#include "common.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/table.hpp"
#include "contagion/sim/sweep.hpp"
#include "contagion/store/run_journal.hpp"

namespace contagion::cli {
namespace {

struct SweepOptions {
  std::string scenario;
  std::vector<std::string> vary;
  std::string output = "runs.h5";
  std::string summary;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> replicates;
  bool common_seed = false;
  bool resume = false;
  bool dry_run = false;
  CommonOptions common;
};

double as_number(const ParameterValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
  return std::numeric_limits<double>::quiet_NaN();
}

/// One row per run of the plan that the store holds: id, point, each varied key, replicate,
/// seed, every numeric result ("result.<name>") and the final value of every scalar metric
/// ("final.<metric>").
Table summary_table(const sim::SweepPlan& plan, const store::StoreInfo& info) {
  std::map<std::string, const store::RunInfo*> by_id;
  for (const auto& run : info.runs) by_id[run.id] = &run;
  std::vector<std::string> ids, labels;
  std::vector<std::vector<std::string>> keys(plan.points.empty() ? 0 : plan.points[0].assignments.size());
  std::vector<double> replicate;
  std::vector<std::string> seed;
  std::vector<std::string> result_names;
  std::map<std::string, std::vector<double>> results;
  std::size_t rows = 0;
  for (std::size_t p = 0; p < plan.points.size(); ++p)
    for (std::uint64_t r = 0; r < plan.replicates; ++r) {
      const auto it = by_id.find(sim::sweep_run_id(plan, p, r));
      if (it == by_id.end()) continue;
      ids.push_back(it->first);
      labels.push_back(plan.points[p].label);
      for (std::size_t k = 0; k < keys.size(); ++k) keys[k].push_back(plan.points[p].assignments[k].value);
      replicate.push_back(static_cast<double>(r));
      seed.push_back(std::to_string(plan.points[p].seed));
      const auto add = [&](const std::string& name, double value) {
        auto& column = results[name];
        if (column.empty()) result_names.push_back(name);
        column.resize(rows, std::numeric_limits<double>::quiet_NaN());
        column.push_back(value);
      };
      for (const auto& result : it->second->results)
        if (!std::holds_alternative<std::string>(result.value)) add("result." + result.name, as_number(result.value));
      for (const auto& metric : it->second->metrics) {  // the final value of each scalar metric
        std::size_t columns = 0;
        const std::vector<double> values = store::read_metric(info.path, it->first, metric, &columns);
        if (columns == 1 && !values.empty()) add("final." + metric, values.back());
      }
      ++rows;
    }
  Table t;
  t.add_text("run", ids);
  t.add_text("point", labels);
  for (std::size_t k = 0; k < keys.size(); ++k) t.add_text(plan.points[0].assignments[k].key, keys[k]);
  t.add_numbers("replicate", replicate);
  t.add_text("seed", seed);  // as text: 63-bit seeds do not fit a double
  for (const auto& name : result_names) {
    auto& column = results[name];
    column.resize(rows, std::numeric_limits<double>::quiet_NaN());
    t.add_numbers(name, column);
  }
  return t;
}

/// Per point: runs and the mean of each numeric result over its replicates.
void print_points(const sim::SweepPlan& plan, const Table& t) {
  std::vector<std::string> shown;
  for (const auto& name : t.names())
    if ((name.rfind("result.", 0) == 0 && name != "result.interrupted") || name.rfind("final.", 0) == 0)
      shown.push_back(name);
  fmt::print("{:<40}", "point");
  fmt::print(" {:>5}", "runs");
  for (const auto& name : shown) fmt::print(" {:>14}", name.substr(name.find('.') + 1, 14));
  fmt::print("\n");
  const std::vector<std::string> points = t.text("point");
  std::vector<std::vector<double>> columns;
  for (const auto& name : shown) columns.push_back(t.numbers(name));
  for (const auto& point : plan.points) {
    std::size_t n = 0;
    std::vector<double> sums(shown.size(), 0.0);
    for (std::size_t row = 0; row < points.size(); ++row) {
      if (points[row] != point.label) continue;
      ++n;
      for (std::size_t c = 0; c < shown.size(); ++c) sums[c] += columns[c][row];
    }
    fmt::print("{:<40} {:>5}", point.label.empty() ? "(scenario)" : point.label, n);
    for (const double s : sums) fmt::print(" {:>14.6g}", n ? s / static_cast<double>(n) : 0.0);
    fmt::print("\n");
  }
}

void sweep_command(const SweepOptions& o) {
  install_signal_handlers();
  const int threads = resolve_threads(o.common);
  std::vector<sim::SweepAxis> axes;
  for (const auto& spec : o.vary) axes.push_back(sim::parse_sweep_axis(spec));
  const sim::SweepPlan plan = sim::plan_sweep(o.scenario, axes, {o.seed, o.replicates, o.common_seed});
  const bool people = !o.common.quiet && !o.common.json;

  store::RunJournal journal(o.output);
  if (journal.found() && !o.resume)
    throw UsageError(
        fmt::format("{} holds the runs of an interrupted sweep into {}: add --resume to continue it, "
                    "or delete the folder to start over",
                    journal.folder(), o.output));
  const std::set<std::string> completed = journal.completed_runs();
  std::uint64_t already = 0;
  for (std::size_t p = 0; p < plan.points.size(); ++p)
    for (std::uint64_t r = 0; r < plan.replicates; ++r) {
      const std::string id = sim::sweep_run_id(plan, p, r);
      if (!completed.count(id)) continue;
      if (!o.resume)
        throw UsageError(
            fmt::format("{} already holds run '{}': add --resume to skip the runs it has, or choose "
                        "another output file",
                        o.output, id));
      ++already;
    }
  if (people)
    fmt::print("sweep {}: {} point(s) x {} replicate(s) = {} runs, {} already done, {} thread(s)\n", plan.name,
               plan.points.size(), plan.replicates, plan.runs(), already, threads);
  if (o.dry_run) {
    for (const auto& p : plan.points) fmt::print("{}  seed {}\n", p.label.empty() ? "(scenario)" : p.label, p.seed);
    return;
  }

  ProgressLine progress(people && stderr_is_terminal(), "runs");
  std::uint64_t written = 0, discarded = 0;
  sim::run_sweep(
      plan, threads, [&](const std::string& id) { return completed.count(id) > 0; },
      [&](RunRecord&& record, const sim::Scenario& scenario) {
        const ParameterValue* interrupted = find_parameter(record.results, "interrupted");
        if (interrupted && std::get<bool>(*interrupted)) {
          ++discarded;  // redone on --resume
          return;
        }
        journal.add(std::move(record), scenario.graph.arrays());
        ++written;
      },
      progress.control());
  progress.clear();
  journal.merge();

  const store::StoreInfo info = store::inspect_store(o.output);
  const Table summary = summary_table(plan, info);
  if (!o.summary.empty()) write_csv(summary, o.summary);
  const bool stopped = stop_requested().load();
  if (o.common.json) {
    nlohmann::json out{{"scenario", plan.name},
                       {"output", o.output},
                       {"points", plan.points.size()},
                       {"replicates", plan.replicates},
                       {"runs_done", summary.rows()},
                       {"runs_new", written},
                       {"complete", summary.rows() == plan.runs()}};
    std::cout << out.dump(2) << '\n';
  } else if (!o.common.quiet) {
    print_points(plan, summary);
    fmt::print("wrote {} ({} new runs, {} of {} done){}\n", o.output, written, summary.rows(), plan.runs(),
               o.summary.empty() ? "" : fmt::format(", summary {}", o.summary));
  }
  if (stopped)
    throw Interrupted{
        fmt::format("{} finished runs are in {}; {} run(s) under way were dropped. Continue with the "
                    "same command and --resume",
                    summary.rows(), o.output, discarded)};
}

}  // namespace

void add_sweep_command(CLI::App& app) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* cmd =
      app.add_subcommand("sweep", "Run a scenario over a grid of parameter values, with replicates, resumably");
  cmd->footer(
      "Examples:\n"
      "  contagion sweep bench/scenarios/hk_clusters.toml --vary model.epsilon=0.05:0.3:6 --replicates 4 \\\n"
      "      -o hk.h5 --summary hk.csv\n"
      "  contagion sweep bench/scenarios/sir_ba_hubs.toml --vary model.transmission=0.02,0.05 \\\n"
      "      --vary graph.m=2:4:3 -o sir.h5 --resume\n"
      "KEY is a dotted scenario key; A:B:N gives N evenly spaced values (integers when A and B are),\n"
      "V1,V2,... lists values. Every point gets its own seed derived from the base seed and its values\n"
      "(--common-seed: the base seed everywhere). Runs are named <name>@<key=value,...>.s<seed>.r<replicate>\n"
      "and carry the point's complete scenario text. Each finished run is saved at once in <output>.parts/;\n"
      "after Ctrl-C, a crash or kill -9, run the same command with --resume: finished runs are skipped.");
  cmd->add_option("scenario", options->scenario, "scenario TOML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--vary", options->vary, "KEY=A:B:N or KEY=V1,V2,... (repeat for a grid)")->expected(1)->take_all();
  cmd->add_option("-o,--output", options->output, "HDF5 run store to create or add to")->capture_default_str();
  cmd->add_option("--summary", options->summary, "also write one CSV row per run (point, values, results)");
  cmd->add_option("--seed", options->seed, "the base seed (default: the scenario's)");
  cmd->add_option("--replicates", options->replicates, "replicates per point (default: the scenario's)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--common-seed", options->common_seed, "every point uses the base seed (common random numbers)");
  cmd->add_flag("--resume", options->resume, "continue an interrupted sweep, skipping the runs already done");
  cmd->add_flag("--dry-run", options->dry_run, "check every point and list them with their seeds; run nothing");
  add_threads_option(*cmd, options->common);
  add_output_options(*cmd, options->common);
  cmd->callback([options] { sweep_command(*options); });
}

}  // namespace contagion::cli
