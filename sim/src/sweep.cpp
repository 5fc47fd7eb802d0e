#include "contagion/sim/sweep.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/core/table.hpp"
#include "contagion/core/text_file.hpp"
#include "parallel.hpp"

namespace contagion::sim {
namespace {

bool parse_integer(std::string_view text, std::int64_t& value) {
  if (text.empty()) return false;
  std::size_t used = 0;
  try {
    value = std::stoll(std::string(text), &used);
  } catch (const std::exception&) {
    return false;
  }
  return used == text.size();
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(separator, start);
    parts.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

/// N evenly spaced values from a to b as TOML text: integers when a and b are integers and
/// the step is whole, else doubles (always with a '.' or exponent, so TOML reads a float).
std::vector<std::string> grid_values(const std::string& spec, const std::string& a, const std::string& b,
                                     const std::string& n_text) {
  std::int64_t n = 0;
  if (!parse_integer(n_text, n) || n < 1)
    throw UsageError(fmt::format("--vary {}: the number of values '{}' must be a whole number >= 1", spec, n_text));
  std::int64_t ia = 0, ib = 0;
  if (parse_integer(a, ia) && parse_integer(b, ib) && (n == 1 || (ib - ia) % (n - 1) == 0)) {
    std::vector<std::string> out;
    for (std::int64_t k = 0; k < n; ++k) out.push_back(std::to_string(n == 1 ? ia : ia + (ib - ia) / (n - 1) * k));
    return out;
  }
  double da = 0.0, db = 0.0;
  if (!parse_double(a, da) || !parse_double(b, db) || !std::isfinite(da) || !std::isfinite(db))
    throw UsageError(fmt::format("--vary {}: '{}' and '{}' must be numbers", spec, a, b));
  std::vector<std::string> out;
  for (std::int64_t k = 0; k < n; ++k) {
    // a + (b - a) k / (n - 1), with the ends exact.
    const double x = k == 0       ? da
                     : k == n - 1 ? db
                                  : da + (db - da) * static_cast<double>(k) / static_cast<double>(n - 1);
    // The shortest text within 1e-12 of the range: 0.15, not 0.15000000000000002.
    const double tolerance = 1e-12 * std::max(std::fabs(da), std::fabs(db));
    std::string text = format_double(x);
    for (int digits = 1; digits <= 16; ++digits) {
      const std::string shorter = fmt::format("{:.{}g}", x, digits);
      double back = 0.0;
      if (parse_double(shorter, back) && std::fabs(back - x) <= tolerance) {
        text = shorter;
        break;
      }
    }
    if (text.find_first_of(".eE") == std::string::npos) text += ".0";
    out.push_back(std::move(text));
  }
  return out;
}

std::string id_safe(std::string label) {
  for (char& c : label)
    if (c == '/') c = '|';  // run ids are HDF5 names
  return label;
}

}  // namespace

SweepAxis parse_sweep_axis(std::string_view spec_view) {
  const std::string spec(spec_view);
  const std::size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
    throw UsageError(
        fmt::format("--vary '{}': expected KEY=A:B:N or KEY=V1,V2,... (e.g. model.epsilon=0.1:0.3:5)", spec));
  SweepAxis axis{spec.substr(0, eq), {}};
  const std::string values = spec.substr(eq + 1);
  const std::vector<std::string> range = split(values, ':');
  if (range.size() == 3 && values.find(',') == std::string::npos) {
    axis.values = grid_values(spec, range[0], range[1], range[2]);
  } else if (range.size() == 1) {
    for (std::string& v : split(values, ',')) {
      if (v.empty()) throw UsageError(fmt::format("--vary '{}': an empty value", spec));
      axis.values.push_back(std::move(v));
    }
  } else {
    throw UsageError(fmt::format("--vary '{}': a range is A:B:N (three parts)", spec));
  }
  return axis;
}

std::uint64_t derived_point_seed(std::uint64_t base_seed, std::string_view label) {
  RandomStream rng({base_seed, StreamPurpose::parameters, 0, stream_id(label), 0});
  return rng.bits() >> 1;  // seeds are stored as signed 64-bit values
}

SweepPlan plan_sweep(const std::string& path, const std::vector<SweepAxis>& axes, const SweepOptions& options) {
  for (std::size_t i = 0; i < axes.size(); ++i) {
    if (axes[i].values.empty()) throw UsageError(fmt::format("--vary {}: no values", axes[i].key));
    for (std::size_t j = 0; j < i; ++j)
      if (axes[j].key == axes[i].key) throw UsageError(fmt::format("--vary {} is given twice", axes[i].key));
    if (axes[i].key == "seed" || axes[i].key == "replicates")
      throw UsageError(
          fmt::format("--vary {}: use --seed and --replicates (every point gets its own seed)", axes[i].key));
  }
  const std::string text = read_text_file(path, "the scenario");
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const Scenario base = parse_scenario(text, path, {options.seed, options.replicates}, dir.empty() ? "." : dir);
  SweepPlan plan;
  plan.name = base.name;
  plan.source_name = path;
  plan.base_dir = dir.empty() ? "." : dir;
  plan.replicates = base.replicates;

  std::size_t count = 1;
  for (const SweepAxis& a : axes) count *= a.values.size();
  for (std::size_t index = 0; index < count; ++index) {
    SweepPoint point;
    std::size_t rest = index;
    for (std::size_t i = axes.size(); i-- > 0;) {  // the last axis varies fastest
      point.assignments.insert(point.assignments.begin(), {axes[i].key, axes[i].values[rest % axes[i].values.size()]});
      rest /= axes[i].values.size();
    }
    for (const KeyAssignment& a : point.assignments)
      point.label += fmt::format("{}{}={}", point.label.empty() ? "" : ",", a.key, a.value);
    point.seed = options.common_seed || axes.empty() ? base.seed : derived_point_seed(base.seed, point.label);
    if (axes.empty()) {
      point.text = text;
    } else {  // the point's text alone reproduces its runs, seed included
      std::vector<KeyAssignment> keys = point.assignments;
      keys.push_back({"seed", std::to_string(point.seed)});
      point.text = assign_config_keys(text, path, keys);
    }
    plan.points.push_back(std::move(point));
    (void)point_scenario(plan, index);  // checks the point now, before anything runs
  }
  return plan;
}

Scenario point_scenario(const SweepPlan& plan, std::size_t index) {
  const SweepPoint& p = plan.points.at(index);
  const std::string source = p.label.empty() ? plan.source_name : fmt::format("{} [{}]", plan.source_name, p.label);
  return parse_scenario(p.text, source, {p.seed, plan.replicates}, plan.base_dir);
}

std::string sweep_run_id(const SweepPlan& plan, std::size_t point, std::uint64_t replicate) {
  const SweepPoint& p = plan.points.at(point);
  if (p.label.empty()) return fmt::format("{}.s{}.r{}", plan.name, p.seed, replicate);
  return fmt::format("{}@{}.s{}.r{}", plan.name, id_safe(p.label), p.seed, replicate);
}

void run_sweep(const SweepPlan& plan, int threads, const std::function<bool(const std::string& id)>& done,
               const std::function<void(RunRecord&&, const Scenario&)>& sink, const RunControl& control) {
  struct Task {
    std::size_t point;
    std::uint64_t replicate;
    std::string id;
  };
  std::vector<Task> tasks;
  for (std::size_t p = 0; p < plan.points.size(); ++p)
    for (std::uint64_t r = 0; r < plan.replicates; ++r) {
      std::string id = sweep_run_id(plan, p, r);
      if (!done(id)) tasks.push_back({p, r, std::move(id)});
    }
  if (tasks.empty()) return;

  std::map<std::size_t, std::shared_ptr<const Scenario>> scenarios;
  const auto scenario_of = [&](std::size_t point) {
    auto& s = scenarios[point];
    if (!s) s = std::make_shared<const Scenario>(point_scenario(plan, point));
    return s;
  };
  const auto finish = [&](RunRecord& record, const Task& t, const Scenario& s) {
    record.id = t.id;
    record.parameters.push_back({"sweep.point", plan.points[t.point].label});
    sink(std::move(record), s);
  };
  const std::uint64_t total = tasks.size();
  const bool small = scenario_of(tasks.front().point)->graph.num_nodes() < kReplicateParallelNodes;
  if (small && threads > 1 && tasks.size() > 1) {
    for (const Task& t : tasks) scenario_of(t.point);  // built before the threads start
    std::mutex sink_mutex;
    std::uint64_t finished = 0;
    const RunControl workers{control.stop, {}};
    detail::parallel_tasks(tasks.size(), threads, [&](std::size_t k) {
      if (control.stop_requested()) return;
      const Task& t = tasks[k];
      const Scenario& s = *scenarios.at(t.point);
      RunRecord record = run_scenario(s, t.replicate, 1, workers);
      const std::lock_guard lock(sink_mutex);
      finish(record, t, s);
      control.report(++finished, total);
    });
    return;
  }
  std::uint64_t finished = 0;
  for (const Task& t : tasks) {
    if (control.stop_requested()) return;
    if (scenarios.size() > 1) std::erase_if(scenarios, [&](const auto& kv) { return kv.first != t.point; });
    const auto s = scenario_of(t.point);  // large graphs: one point's scenario alive at a time
    RunRecord record = run_scenario(*s, t.replicate, threads, {control.stop, {}});
    finish(record, t, *s);
    control.report(++finished, total);
  }
}

}  // namespace contagion::sim
