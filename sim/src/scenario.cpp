#include "contagion/sim/scenario.hpp"

#include <fast_float/fast_float.h>
#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "contagion/core/clock.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/core/version.hpp"
#include "parallel.hpp"

namespace contagion::sim {
namespace {

/// Whitespace- or comma-separated numbers, one or more per line; '#' starts a comment.
std::vector<double> read_numbers(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open file for reading", ErrorContext{path});
  std::vector<double> values;
  std::string line;
  std::uint64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == ',' || line[i] == '\r')) ++i;
      if (i >= line.size()) break;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != ',' && line[j] != '\r') ++j;
      double v = 0.0;
      const auto [ptr, ec] = fast_float::from_chars(line.data() + i, line.data() + j, v);
      if (ec != std::errc() || ptr != line.data() + j || !std::isfinite(v))
        throw Error(fmt::format("expected a finite number, got '{}'", line.substr(i, j - i)),
                    ErrorContext{path, line_no, i + 1, ""});
      values.push_back(v);
      i = j;
    }
  }
  return values;
}

InitialSpec initial_from_config(const ConfigTable& t, const std::string& base_dir) {
  InitialSpec spec;
  const std::string kind =
      t.choice("distribution", {"uniform", "normal", "linspace", "values", "file", "attribute"}, "uniform");
  if (kind == "uniform" || kind == "linspace") {
    spec.kind = kind == "uniform" ? InitialSpec::Kind::uniform : InitialSpec::Kind::linspace;
    spec.low = t.number_in("low", Range::finite(), 0.0);
    spec.high = t.number_in("high", Range::finite(), 1.0);
    if (!(spec.high >= spec.low)) t.fail("high", fmt::format("high = {} is below low = {}", spec.high, spec.low));
  } else if (kind == "normal") {
    spec.kind = InitialSpec::Kind::normal;
    spec.mean = t.number_in("mean", Range::finite(), 0.0);
    spec.sd = t.number_in("sd", {0.0, 1.7976931348623157e308, true, true}, 1.0);
  } else if (kind == "values") {
    spec.kind = InitialSpec::Kind::values;
    spec.values = t.numbers("values");
  } else if (kind == "file") {
    spec.kind = InitialSpec::Kind::values;
    std::filesystem::path file = t.string("path");
    if (file.is_relative()) file = std::filesystem::path(base_dir) / file;
    spec.values = read_numbers(file.string());
  } else {
    spec.kind = InitialSpec::Kind::attribute;
    spec.attribute = t.string("name");
  }
  return spec;
}

EngineSettings engine_from_config(const ConfigTable& run, const ConfigTable& record) {
  EngineSettings s;
  s.max_steps = static_cast<std::uint64_t>(run.integer_in("max_steps", 0, INT64_MAX, 1000));
  // A negative tolerance never stops early; NaN is refused.
  s.tolerance = run.number_in("tolerance", {-1.7976931348623157e308, 1.7976931348623157e308, true, true}, 1e-9);
  s.metrics_every = static_cast<std::uint64_t>(record.integer_in("metrics_every", 1, INT64_MAX, 1));
  s.states_every = static_cast<std::uint64_t>(record.integer_in("states_every", 0, INT64_MAX, 0));
  s.cluster_gap = record.number_in("cluster_gap", Range::greater_than(0.0), 1e-3);
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

  s.graph = graph_from_config(root.required_table("graph"), s.seed, base_dir, omp_get_max_threads());
  s.model_name = root.required_table("model").string("type");
  s.make_model = model_from_config(root.required_table("model"), s.graph, s.seed, &s.columns);
  const ConfigTable initial = root.table_or_empty("initial");
  s.initial = initial_from_config(initial, base_dir);

  s.engine = engine_from_config(root.table_or_empty("run"), root.table_or_empty("record"));
  root.finish();

  // Check the initial state now rather than at run time.
  if (s.initial.kind == InitialSpec::Kind::values) {
    const std::size_t expected = std::size_t{s.graph.num_nodes()} * s.columns;
    if (s.initial.values.size() != expected)
      throw Error(fmt::format("the initial state has {} values; the graph has {} nodes x {} columns = {}",
                              s.initial.values.size(), s.graph.num_nodes(), s.columns, expected),
                  initial.where());
  } else if (s.initial.kind == InitialSpec::Kind::attribute) {
    if (!s.graph.has_attribute(s.initial.attribute))
      initial.fail("name", fmt::format("the graph has no node attribute '{}'", s.initial.attribute));
    const auto& values = s.graph.attribute(s.initial.attribute);
    for (std::size_t i = 0; i < values.size(); ++i)
      if (!std::isfinite(values[i]))
        initial.fail("name", fmt::format("node attribute '{}' is not finite at node {}", s.initial.attribute, i));
  }
  // Record the values in effect, overrides included.
  s.parameters = root.parameters();
  for (auto& p : s.parameters) {
    if (p.name == "seed") p.value = static_cast<std::int64_t>(s.seed);
    if (p.name == "replicates") p.value = static_cast<std::int64_t>(s.replicates);
  }
  return s;
}

Scenario load_scenario(const std::string& path, const ScenarioOverrides& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open scenario for reading", ErrorContext{path});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return parse_scenario(buffer.str(), path, overrides, dir.empty() ? "." : dir);
}

std::vector<double> initial_state(const Scenario& s, std::uint64_t replicate) {
  const std::size_t n = s.graph.num_nodes();
  const std::size_t columns = s.columns;
  const InitialSpec& spec = s.initial;
  std::vector<double> x(n * columns);
  switch (spec.kind) {
    case InitialSpec::Kind::uniform:
    case InitialSpec::Kind::normal:
      for (std::size_t i = 0; i < n; ++i) {
        RandomStream rng({s.seed, StreamPurpose::initial_state, replicate, 0, i});
        for (std::size_t c = 0; c < columns; ++c)
          x[i * columns + c] = spec.kind == InitialSpec::Kind::uniform ? rng.uniform(spec.low, spec.high)
                                                                       : spec.mean + spec.sd * rng.normal();
      }
      break;
    case InitialSpec::Kind::linspace:
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < columns; ++c)
          x[i * columns + c] =
              n == 1 ? spec.low
                     : spec.low + (spec.high - spec.low) * static_cast<double>(i) / static_cast<double>(n - 1);
      break;
    case InitialSpec::Kind::values:
      x = spec.values;
      break;
    case InitialSpec::Kind::attribute: {
      const auto& a = s.graph.attribute(spec.attribute);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < columns; ++c) x[i * columns + c] = a[i];
      break;
    }
  }
  return x;
}

RunRecord run_scenario(const Scenario& s, std::uint64_t replicate, int threads, const std::atomic<bool>* stop) {
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
  EngineResult result = run_model(*model, initial_state(s, replicate), settings, stop);
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
  return record;
}

void run_replicates(const Scenario& s, int threads, const std::function<void(RunRecord&&)>& sink,
                    const std::atomic<bool>* stop) {
  const bool by_replicate = s.graph.num_nodes() < kReplicateParallelNodes && s.replicates > 1 && threads > 1;
  const std::uint64_t batch = by_replicate ? static_cast<std::uint64_t>(threads) : 1;
  for (std::uint64_t first = 0; first < s.replicates; first += batch) {
    const std::size_t count = std::min(batch, s.replicates - first);
    std::vector<RunRecord> records(count);
    if (by_replicate) {
      detail::parallel_tasks(count, threads, [&](std::size_t k) { records[k] = run_scenario(s, first + k, 1, stop); });
    } else {
      records[0] = run_scenario(s, first, threads, stop);
    }
    for (auto& r : records) sink(std::move(r));
    if (stop && stop->load()) return;
  }
}

}  // namespace contagion::sim
