#include "contagion/sim/engine.hpp"

#include <fmt/format.h>

#include "contagion/core/error.hpp"

namespace contagion::sim {
namespace {

/// Appends one row of every metric for the model's state and extra states.
class MetricRecorder {
 public:
  MetricRecorder(const Model& model, const EngineSettings& settings)
      : settings_(settings), opinions_(model.has_opinions()) {
    if (opinions_) {
      add_series("", model.columns());
      for (const auto& extra : model.extra_states()) add_series(extra.name + "_", model.columns());
    }
    for (const auto& o : model.observations()) series_.push_back({o.name, {}, 1});
  }

  void take(const Model& model, double time) {
    result_time_.push_back(time);
    std::size_t s = 0;
    if (opinions_) {
      append(model.state(), model.columns(), s);
      for (const auto& extra : model.extra_states()) append(extra.values, model.columns(), s);
    }
    for (const auto& o : model.observations()) series_[s++].values.push_back(o.value);
  }

  std::vector<double> time() { return std::move(result_time_); }
  std::vector<MetricSeries> series() { return std::move(series_); }

 private:
  void add_series(const std::string& prefix, std::size_t columns) {
    for (const Metric m : settings_.metrics) series_.push_back({prefix + to_string(m), {}, columns});
  }
  void append(std::span<const double> state, std::size_t columns, std::size_t& s) {
    for (const Metric m : settings_.metrics) {
      for (std::size_t c = 0; c < columns; ++c)
        series_[s].values.push_back(compute_metric(m, state, columns, c, settings_.metric_options, settings_.threads));
      ++s;
    }
  }

  const EngineSettings& settings_;
  bool opinions_;
  std::vector<double> result_time_;
  std::vector<MetricSeries> series_;
};

void record_state(StateSeries& states, const Model& model, double time) {
  states.times.push_back(time);
  const auto x = model.state();
  states.values.insert(states.values.end(), x.begin(), x.end());
}

}  // namespace

EngineResult run_model(Model& model, std::span<const double> initial, const EngineSettings& settings,
                       const RunControl& control) {
  if (settings.metrics_every < 1)
    throw ParameterError("record.metrics_every", fmt::format("{}", settings.metrics_every), "[1, inf)");
  if (settings.threads < 1) throw ParameterError("threads", fmt::format("{}", settings.threads), "[1, inf)");
  model.reset(initial);

  EngineResult result;
  MetricRecorder metrics(model, settings);
  if (settings.states_every > 0) result.states = StateSeries{{}, {}, model.num_nodes(), model.columns()};

  metrics.take(model, 0.0);
  if (result.states) record_state(*result.states, model, 0.0);

  std::uint64_t t = 0;
  bool last_taken = true;
  while (t < settings.max_steps) {
    const StepContext context{t, settings.seed, settings.replicate, settings.threads};
    result.last_change = model.step(context);
    ++t;
    last_taken = false;
    if (t % settings.metrics_every == 0) {
      metrics.take(model, static_cast<double>(t) * model.dt());
      last_taken = true;
    }
    if (result.states && t % settings.states_every == 0)
      record_state(*result.states, model, static_cast<double>(t) * model.dt());
    if (result.last_change <= settings.tolerance) {
      result.converged = true;
      break;
    }
    control.report(t, settings.max_steps);
    if (control.stop_requested()) {
      result.interrupted = true;
      break;
    }
  }
  if (!last_taken) metrics.take(model, static_cast<double>(t) * model.dt());

  result.steps = t;
  result.time = metrics.time();
  result.metrics = metrics.series();
  const auto x = model.state();
  result.final_state.assign(x.begin(), x.end());
  return result;
}

}  // namespace contagion::sim
