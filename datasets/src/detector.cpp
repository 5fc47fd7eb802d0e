#include "detector.hpp"

#include <cmath>
#include <numbers>

namespace contagion::datasets::detail {

std::vector<double> sampling_times(const LabSpec& spec, std::uint64_t participant, std::size_t n) {
  std::vector<double> t(n);
  const double step = 1.0 / spec.frame_rate, bound = 0.45 * step;
  for (std::size_t i = 0; i < n; ++i) {
    t[i] = static_cast<double>(i) / spec.frame_rate;
    if (spec.jitter_sd_s > 0.0) {
      RandomStream rng = stream(spec, participant, "jitter", i);
      double j = 0.0;
      do j = spec.jitter_sd_s * rng.normal();
      while (std::fabs(j) > bound);
      // The first frame cannot start before the recording.
      t[i] = std::max(t[i] + j, 0.0);
    }
  }
  return t;
}

std::vector<double> reported_times(const LabSpec& spec, const std::vector<double>& sampled) {
  std::vector<double> t(sampled.size());
  for (std::size_t i = 0; i < sampled.size(); ++i) {
    if (spec.format == facial::SourceFormat::pyfeat) {
      t[i] = static_cast<double>(i) / spec.frame_rate;
    } else if (spec.format == facial::SourceFormat::facereader) {
      // hh:mm:ss.fff, composed as the reader composes it so that the numbers read back exactly.
      const auto ms = std::llround(sampled[i] * 1000.0);
      t[i] = static_cast<double>(ms / 3600000) * 3600.0 + static_cast<double>(ms / 60000 % 60) * 60.0 +
             static_cast<double>(ms % 60000) / 1000.0;
    } else {
      t[i] = sampled[i];
    }
  }
  return t;
}

std::vector<DetectorEvent> dropouts(const LabSpec& spec, std::uint64_t participant, double duration) {
  std::vector<DetectorEvent> out;
  if (!(spec.dropouts_per_min > 0.0)) return out;
  RandomStream drops = stream(spec, participant, "dropouts");
  for (double t = drops.exponential(spec.dropouts_per_min / 60.0); t < duration;
       t += spec.dropout_s + drops.exponential(spec.dropouts_per_min / 60.0))
    out.push_back({t, spec.dropout_s});
  return out;
}

std::vector<DetectorEvent> blinks(const LabSpec& spec, std::uint64_t participant, double duration) {
  std::vector<DetectorEvent> out;
  if (!(spec.blinks_per_min > 0.0)) return out;
  RandomStream rng = stream(spec, participant, "blinks");
  for (double t = rng.exponential(spec.blinks_per_min / 60.0); t < duration;
       t += rng.exponential(spec.blinks_per_min / 60.0))
    out.push_back({t, spec.blink_s});
  return out;
}

double blink_closure(double s, double blink_s) {
  if (!(s > 0.0 && s < blink_s)) return 0.0;
  return std::sin(std::numbers::pi * s / blink_s);
}

bool wears_glasses(const LabSpec& spec, std::uint64_t participant) {
  return spec.glasses_share > 0.0 && stream(spec, participant, "glasses").uniform() < spec.glasses_share;
}

bool eye_region(std::string_view channel) {
  for (const char* au : {"AU01", "AU02", "AU04", "AU05", "AU06", "AU07"})
    if (channel == au) return true;
  return false;
}

}  // namespace contagion::datasets::detail
