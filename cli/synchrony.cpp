// contagion synchrony: windowed lagged synchrony of a dyad (rMEA-style), with shuffled-segment
// surrogates, through facial::lagged_synchrony.

#include <fmt/format.h>

#include <iostream>

#include "common.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/table.hpp"
#include "contagion/facial/readers.hpp"
#include "contagion/facial/synchrony.hpp"

namespace contagion::cli {
namespace {

struct SynchronyCli {
  std::vector<std::string> files;
  std::string channel, output;
  double rate = 0.0, segment = 30.0;
  facial::SynchronyOptions options;
  int surrogates = 100;
  std::uint64_t seed = 1;
  bool json = false;
};

/// One channel of an export, resampled on its own clock is not needed: exports of one dyad
/// share the camera's rate, so the frames are used as they are (NaN becomes 0: no motion).
std::vector<double> channel_of(const std::string& path, const std::string& channel, double& rate) {
  const facial::FrameTable f = facial::read_frames(path);
  if (rate <= 0.0)
    rate = f.frame_rate > 0.0
               ? f.frame_rate
               : (f.frames() > 1 ? static_cast<double>(f.frames() - 1) / (f.time.back() - f.time.front()) : 0.0);
  std::vector<double> x(f.channel(channel).begin(), f.channel(channel).end());
  for (double& v : x)
    if (!std::isfinite(v)) v = 0.0;
  return x;
}

}  // namespace

void add_synchrony_command(CLI::App& app) {
  auto o = std::make_shared<SynchronyCli>();
  CLI::App* cmd = app.add_subcommand("synchrony", "Windowed lagged synchrony of a dyad, with surrogate statistics");
  cmd->add_option("files", o->files,
                  "one file with two columns (rMEA text: patient, therapist), or two exports (with --channel)")
      ->required()
      ->expected(1, 2)
      ->check(CLI::ExistingFile);
  cmd->add_option("--channel", o->channel, "the channel of each export to compare (two files)");
  cmd->add_option("--rate", o->rate, "samples per second (required for a two-column file)");
  cmd->add_option("--window", o->options.window_s, "window length in s")->check(CLI::PositiveNumber);
  cmd->add_option("--step", o->options.step_s, "window step in s")->check(CLI::PositiveNumber);
  cmd->add_option("--max-lag", o->options.max_lag_s, "lags from -L to L s")->check(CLI::NonNegativeNumber);
  cmd->add_option("--surrogates", o->surrogates, "segment-shuffled surrogates (0: none)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--segment", o->segment, "segment length of the shuffled surrogates in s")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", o->seed, "seed of the surrogates");
  cmd->add_option("-o,--output", o->output, "per-window results as CSV");
  cmd->add_flag("--json", o->json, "print the results as JSON");
  cmd->footer(
      "Positive lags: the second series follows the first. Example:\n"
      "  contagion synchrony session.txt --rate 25 --window 60 --step 30 --max-lag 5 -o windows.csv");
  cmd->callback([o] {
    std::vector<double> s1, s2;
    std::vector<std::string> names{"s1", "s2"};
    double rate = o->rate;
    if (o->files.size() == 1) {
      if (rate <= 0.0) throw UsageError("a two-column file needs --rate (samples per second)");
      facial::read_two_columns(o->files[0], s1, s2, &names);
    } else {
      if (o->channel.empty()) throw UsageError("two exports need --channel (e.g. AU12)");
      s1 = channel_of(o->files[0], o->channel, rate);
      s2 = channel_of(o->files[1], o->channel, rate);
      const std::size_t n = std::min(s1.size(), s2.size());
      s1.resize(n);
      s2.resize(n);
      names = {o->files[0], o->files[1]};
    }
    const facial::Synchrony s = facial::lagged_synchrony(s1, s2, rate, o->options);
    facial::SurrogateSummary sur;
    if (o->surrogates > 0)
      sur = facial::shuffled_surrogates(s1, s2, rate, o->options, s.grand_average, o->segment, o->surrogates, o->seed);
    if (!o->output.empty()) {
      Table t;
      t.add_numbers("window_start_s", s.window_start_s);
      t.add_numbers("lag0", s.lag0);
      t.add_numbers("mean_all_lags", s.mean_all);
      t.add_numbers("mean_s2_follows", s.mean_s2_follows);
      t.add_numbers("mean_s1_follows", s.mean_s1_follows);
      t.add_numbers("best_lag_s", s.best_lag_s);
      write_csv(t, o->output);
    }
    if (o->json) {
      nlohmann::json j{{"series", names},
                       {"samples", s1.size()},
                       {"rate", rate},
                       {"windows", s.window_start_s.size()},
                       {"grand_average", s.grand_average}};
      if (o->surrogates > 0)
        j["surrogates"] = {{"count", o->surrogates},
                           {"segment_s", o->segment},
                           {"mean", sur.mean},
                           {"sd", sur.sd},
                           {"z", sur.z},
                           {"p", sur.p}};
      std::cout << j.dump(2) << '\n';
      return;
    }
    fmt::print("{} vs {}: {} samples at {} /s, {} windows of {} s every {} s, lags +-{} s\n", names[0], names[1],
               s1.size(), rate, s.window_start_s.size(), o->options.window_s, o->options.step_s, o->options.max_lag_s);
    fmt::print("  grand average |Fisher z| = {:.4f}\n", s.grand_average);
    if (o->surrogates > 0)
      fmt::print("  {} shuffled surrogates ({} s segments): {:.4f} +- {:.4f}, z = {:.2f}, p = {:.3f}\n", o->surrogates,
                 o->segment, sur.mean, sur.sd, sur.z, sur.p);
  });
}

}  // namespace contagion::cli
