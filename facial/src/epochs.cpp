#include "contagion/facial/epochs.hpp"

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"

namespace contagion::facial {
namespace {

double nan() {
  return std::nan("");
}

struct Window {
  std::size_t begin = 0, end = 0;  // frame indices [begin, end)
};

Window window(const FrameTable& f, double from, double to) {
  const auto lo = std::lower_bound(f.time.begin(), f.time.end(), from - 1e-9);
  const auto hi = std::lower_bound(f.time.begin(), f.time.end(), to - 1e-9);
  return {static_cast<std::size_t>(lo - f.time.begin()), static_cast<std::size_t>(hi - f.time.begin())};
}

/// Mean, median and SD of the valid values of a channel in a window.
struct Summary {
  double mean = nan(), median = nan(), sd = nan();
};

Summary summarise(const FrameTable& f, std::size_t c, Window w) {
  std::vector<double> x;
  for (std::size_t i = w.begin; i < w.end; ++i)
    if (f.valid[i] && std::isfinite(f.values[c][i])) x.push_back(f.values[c][i]);
  Summary s;
  if (x.empty()) return s;
  double sum = 0.0;
  for (const double v : x) sum += v;
  s.mean = sum / static_cast<double>(x.size());
  double ss = 0.0;
  for (const double v : x) ss += (v - s.mean) * (v - s.mean);
  s.sd = x.size() > 1 ? std::sqrt(ss / static_cast<double>(x.size() - 1)) : nan();
  std::sort(x.begin(), x.end());
  s.median = x.size() % 2 ? x[x.size() / 2] : 0.5 * (x[x.size() / 2 - 1] + x[x.size() / 2]);
  return s;
}

}  // namespace

std::vector<Epoch> cut_epochs(const FrameTable& f, const std::vector<Event>& events, const EpochOptions& o) {
  const std::size_t channels = f.channels.size();
  // The neutral-stimulus baseline: per channel, the mean of the valid samples of every epoch of
  // the neutral category.
  std::vector<double> neutral(channels, nan());
  if (o.baseline == BaselineMethod::neutral_stimulus) {
    std::vector<double> sum(channels, 0.0);
    std::vector<std::size_t> count(channels, 0);
    for (const Event& e : events) {
      if (e.participant != f.participant || e.category != o.neutral_category) continue;
      const Window w = window(f, e.onset, e.offset);
      for (std::size_t c = 0; c < channels; ++c)
        for (std::size_t i = w.begin; i < w.end; ++i)
          if (f.valid[i] && std::isfinite(f.values[c][i])) {
            sum[c] += f.values[c][i];
            ++count[c];
          }
    }
    for (std::size_t c = 0; c < channels; ++c)
      if (count[c] > 0)
        neutral[c] = sum[c] / static_cast<double>(count[c]);
      else
        throw Error("no valid frames in the neutral stimuli of participant " + f.participant +
                        " for the neutral-stimulus baseline",
                    {f.source});
  }
  std::vector<Epoch> out;
  for (const Event& e : events) {
    if (e.participant != f.participant) continue;
    Epoch epoch;
    epoch.event = e;
    const Window w = window(f, e.onset, e.offset + o.after_offset_s);
    const Window pre = window(f, e.onset - o.baseline_s, e.onset);
    epoch.baseline.assign(channels, 0.0);
    epoch.baseline_sd.assign(channels, nan());
    for (std::size_t c = 0; c < channels; ++c) {
      if (o.baseline == BaselineMethod::mean || o.baseline == BaselineMethod::median) {
        const Summary s = summarise(f, c, pre);
        epoch.baseline[c] = o.baseline == BaselineMethod::mean ? s.mean : s.median;
        epoch.baseline_sd[c] = s.sd;
      } else if (o.baseline == BaselineMethod::neutral_stimulus) {
        epoch.baseline[c] = neutral[c];
      }
    }
    std::size_t valid = 0;
    epoch.values.assign(channels, {});
    for (std::size_t i = w.begin; i < w.end; ++i) {
      epoch.time.push_back(f.time[i] - e.onset);
      valid += f.valid[i] != 0;
      for (std::size_t c = 0; c < channels; ++c) {
        const double x = f.valid[i] ? f.values[c][i] : nan();
        const double b = epoch.baseline[c];
        epoch.values[c].push_back(o.percent_change ? 100.0 * (x - b) / std::fabs(b) : x - b);
      }
    }
    epoch.valid_fraction =
        epoch.time.empty() ? 0.0 : static_cast<double>(valid) / static_cast<double>(epoch.time.size());
    out.push_back(std::move(epoch));
  }
  return out;
}

}  // namespace contagion::facial
