#include "common.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <unistd.h>

#include <algorithm>
#include <csignal>

namespace contagion::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) {
  g_stop.store(true);
}

/// Mean and spread (max - min) of the first column of the final state.
std::pair<double, double> final_mean_and_spread(const RunRecord& r) {
  const std::size_t columns = std::max<std::size_t>(r.final_columns, 1);
  const std::size_t n = r.final_state.size() / columns;
  if (n == 0) return {std::nan(""), std::nan("")};
  double sum = 0.0, lo = r.final_state[0], hi = r.final_state[0];
  for (std::size_t i = 0; i < n; ++i) {
    const double x = r.final_state[i * columns];
    sum += x;
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  return {sum / static_cast<double>(n), hi - lo};
}

}  // namespace

void add_threads_option(CLI::App& app, CommonOptions& options) {
  app.add_option("--threads", options.threads, "OpenMP threads (default: all cores)")->check(CLI::NonNegativeNumber);
}

void add_output_options(CLI::App& app, CommonOptions& options) {
  app.add_flag("--json", options.json, "print the results as JSON on stdout");
  app.add_flag("-q,--quiet", options.quiet, "print nothing but errors");
}

int resolve_threads(const CommonOptions& options) {
  return options.threads > 0 ? options.threads : omp_get_num_procs();
}

const std::atomic<bool>& stop_requested() {
  return g_stop;
}

void install_signal_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) != 0;
}

RunControl ProgressLine::control() {
  RunControl control{&stop_requested(), {}};
  if (enabled_) control.progress = [this](std::uint64_t done, std::uint64_t total) { draw(done, total); };
  return control;
}

void ProgressLine::draw(std::uint64_t done, std::uint64_t total) {
  const auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  shown_ = true;
  fmt::print(stderr, "\r\033[K{} {}/{} ({:.0f}%)", unit_, done, total,
             total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 0.0);
}

void ProgressLine::clear() {
  if (shown_) fmt::print(stderr, "\r\033[K");
  shown_ = false;
}

nlohmann::json run_summary_json(const RunRecord& r) {
  nlohmann::json j;
  j["id"] = r.id;
  j["model"] = r.model;
  j["seed"] = r.seed;
  j["replicate"] = r.replicate;
  j["graph"] = r.graph_id;
  j["threads"] = r.threads;
  j["wall_s"] = r.wall_s;
  for (const auto& p : r.results) std::visit([&](const auto& v) { j[p.name] = v; }, p.value);
  nlohmann::json final_metrics = nlohmann::json::object();
  for (const auto& m : r.metrics) {
    if (m.values.empty()) continue;
    if (m.columns == 1)
      final_metrics[m.name] = m.values.back();
    else
      final_metrics[m.name] =
          std::vector<double>(m.values.end() - static_cast<std::ptrdiff_t>(m.columns), m.values.end());
  }
  j["final"] = final_metrics;
  return j;
}

std::string run_summary_text(const RunRecord& r) {
  std::int64_t steps = 0;
  bool converged = false, interrupted = false;
  for (const auto& p : r.results) {
    if (p.name == "steps") steps = std::get<std::int64_t>(p.value);
    if (p.name == "converged") converged = std::get<bool>(p.value);
    if (p.name == "interrupted") interrupted = std::get<bool>(p.value);
  }
  const bool compartments =
      std::any_of(r.metrics.begin(), r.metrics.end(), [](const MetricSeries& m) { return m.name == "coverage"; });
  if (compartments) {  // a spreading model: its own observations say more than opinion statistics
    std::string line = fmt::format("{}: {} {} after {} steps in {:.3f} s;", r.id, r.model,
                                   interrupted ? "interrupted"
                                   : converged ? "ended"
                                               : "stopped at max_steps",
                                   steps, r.wall_s);
    for (const auto& m : r.metrics)
      if (!m.values.empty()) line += fmt::format(" {} {:.4g}", m.name, m.values.back());
    return line;
  }
  const auto [mean, spread] = final_mean_and_spread(r);
  const std::string outcome = interrupted ? "interrupted" : converged ? "converged" : "stopped at max_steps";
  std::string line = fmt::format("{}: {} {} after {} steps in {:.3f} s", r.id, r.model, outcome, steps, r.wall_s);
  if (!std::isnan(spread) && spread <= 1e-6)
    line += fmt::format("; consensus {:.10g}", mean);
  else if (!std::isnan(mean))
    line += fmt::format("; mean {:.6g}, spread {:.3g}", mean, spread);
  return line;
}

}  // namespace contagion::cli
