#include "contagion/facial/resample.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"

namespace contagion::facial {
namespace {

double median_interval(const std::vector<double>& time) {
  std::vector<double> d;
  for (std::size_t i = 1; i < time.size(); ++i) d.push_back(time[i] - time[i - 1]);
  if (d.empty()) return 0.0;
  std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2), d.end());
  return d[d.size() / 2];
}

}  // namespace

FrameTable resample(const FrameTable& in, const ResampleOptions& options) {
  if (!(options.rate > 0.0) || !std::isfinite(options.rate))
    throw Error(fmt::format("resampling rate {} must be positive", options.rate), {in.source});
  const double step = 1.0 / options.rate;
  FrameTable out;
  out.source = in.source;
  out.format = in.format;
  out.participant = in.participant;
  out.frame_rate = options.rate;
  out.channels = in.channels;
  out.warnings = in.warnings;
  if (in.frames() == 0) return out;
  const double start = in.time.front(), span = in.time.back() - start;
  const auto n = static_cast<std::size_t>(std::floor(span / step + 1e-9)) + 1;
  out.time.resize(n);
  for (std::size_t k = 0; k < n; ++k) out.time[k] = start + static_cast<double>(k) * step;
  out.valid.assign(n, 0);
  out.confidence.assign(n, std::nan(""));
  out.values.assign(in.channels.size(), std::vector<double>(n, std::nan("")));
  if (!in.stimulus.empty()) out.stimulus.assign(n, "");

  // Valid frames only.
  std::vector<std::size_t> valid;
  for (std::size_t i = 0; i < in.frames(); ++i)
    if (in.valid[i]) valid.push_back(i);
  const bool down = step >= median_interval(in.time);
  std::size_t v = 0;    // first valid frame at or after the current time
  std::size_t any = 0;  // for the stimulus label: the last frame at or before the current time
  for (std::size_t k = 0; k < n; ++k) {
    const double t = out.time[k];
    while (any + 1 < in.frames() && in.time[any + 1] <= t + 1e-12) ++any;
    if (!out.stimulus.empty()) out.stimulus[k] = in.stimulus[any];
    if (down) {
      // Block average of the valid frames in [t - step/2, t + step/2).
      const double lo = t - step / 2.0, hi = t + step / 2.0;
      while (v < valid.size() && in.time[valid[v]] < lo) ++v;
      std::size_t count = 0;
      double confidence = 0.0;
      std::vector<double> sum(in.channels.size(), 0.0);
      for (std::size_t j = v; j < valid.size() && in.time[valid[j]] < hi; ++j) {
        ++count;
        confidence += in.confidence[valid[j]];
        for (std::size_t c = 0; c < sum.size(); ++c) sum[c] += in.values[c][valid[j]];
      }
      if (count > 0) {
        out.valid[k] = 1;
        out.confidence[k] = confidence / static_cast<double>(count);
        for (std::size_t c = 0; c < sum.size(); ++c) out.values[c][k] = sum[c] / static_cast<double>(count);
        continue;
      }
    }
    // Interpolate between the valid frames around t, if they are close enough.
    while (v < valid.size() && in.time[valid[v]] < t) ++v;
    const bool exact = v < valid.size() && in.time[valid[v]] == t;
    if (!exact && (v == 0 || v >= valid.size())) continue;
    const std::size_t b = valid[v], a = exact ? b : valid[v - 1];
    if (!exact && in.time[b] - in.time[a] > options.max_gap_s) continue;
    const double w = exact ? 0.0 : (t - in.time[a]) / (in.time[b] - in.time[a]);
    out.valid[k] = 1;
    out.confidence[k] = (1.0 - w) * in.confidence[a] + w * in.confidence[b];
    for (std::size_t c = 0; c < in.channels.size(); ++c)
      out.values[c][k] = (1.0 - w) * in.values[c][a] + w * in.values[c][b];
  }
  return out;
}

}  // namespace contagion::facial
