#pragma once
// What every subcommand shares: the common flags, the Ctrl-C flag, and how a finished run
// is summarised for people and for --json.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <string>

#include "contagion/core/run_control.hpp"
#include "contagion/core/run_record.hpp"

namespace contagion::cli {

/// Flags shared by the subcommands that use them.
struct CommonOptions {
  int threads = 0;  ///< 0: all cores
  bool json = false;
  bool quiet = false;
};

void add_threads_option(CLI::App& app, CommonOptions& options);
void add_output_options(CLI::App& app, CommonOptions& options);
/// --threads, resolved (0 -> the number of cores).
int resolve_threads(const CommonOptions& options);

/// Thrown after interrupted work has been saved: the command exits with 130 (as after SIGINT)
/// and prints `message` (or says that the runs so far are saved).
struct Interrupted {
  std::string message;
};

/// Set by SIGINT/SIGTERM; long work stops cleanly after the current step.
const std::atomic<bool>& stop_requested();
void install_signal_handlers();

bool stderr_is_terminal();

/// "steps 1200/5000 (24%)" on one stderr line, redrawn at most 5 times a second, only when
/// enabled (stderr is a terminal and the user did not ask for quiet or JSON output).
class ProgressLine {
 public:
  ProgressLine(bool enabled, std::string unit) : enabled_(enabled), unit_(std::move(unit)) {}
  ~ProgressLine() { clear(); }
  /// A RunControl with the Ctrl-C flag and, when enabled, this line as progress.
  RunControl control();
  void clear();

 private:
  void draw(std::uint64_t done, std::uint64_t total);
  bool enabled_;
  std::string unit_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

/// One run as JSON: id, model, seed, replicate, steps, converged, wall_s, final metrics.
nlohmann::json run_summary_json(const RunRecord& record);
/// One line per run for people.
std::string run_summary_text(const RunRecord& record);

/// The subcommands; each adds itself to `app` and runs when selected.
void add_run_command(CLI::App& app);
void add_inspect_command(CLI::App& app);
void add_demo_command(CLI::App& app);
void add_stats_command(CLI::App& app);
void add_features_command(CLI::App& app);
void add_synchrony_command(CLI::App& app);
void add_study_command(CLI::App& app);
void add_synth_command(CLI::App& app);
void add_synth_graph_command(CLI::App& synth);
void add_validate_command(CLI::App& app);
void add_calibrate_command(CLI::App& app);
void add_sweep_command(CLI::App& app);
void add_bench_command(CLI::App& app);

}  // namespace contagion::cli
