#pragma once
// The simulated detector of synthetic lab studies (docs/synthetic.md, "Detector"): sampling
// times with jitter, face-lost dropouts, blinks and glasses. Internal to datasets/.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contagion/core/random.hpp"
#include "contagion/datasets/lab_study.hpp"

namespace contagion::datasets::detail {

/// The stream of one participant's draws for one purpose (and entity: a frame, a channel...).
inline RandomStream stream(const LabSpec& s, std::uint64_t participant, std::string_view purpose,
                           std::uint64_t entity = 0) {
  return RandomStream({s.seed, StreamPurpose::initial_state, participant, stream_id(purpose), entity});
}

/// The true sampling times of frames 0..n-1: i / rate plus a normal jitter of SD jitter_sd_s,
/// truncated (redrawn) to +-0.45 frame intervals so that they increase strictly.
std::vector<double> sampling_times(const LabSpec& spec, std::uint64_t participant, std::size_t n);

/// The times a format writes for those frames: Py-Feat has no clock (frame / rate), FaceReader
/// writes milliseconds, the others the times themselves.
std::vector<double> reported_times(const LabSpec& spec, const std::vector<double>& sampled);

struct DetectorEvent {
  double onset = 0.0, duration = 0.0;
};
/// Dropouts: a Poisson process of fixed-length gaps (each next one starts after the last ends).
std::vector<DetectorEvent> dropouts(const LabSpec& spec, std::uint64_t participant, double duration);
/// Blinks: onsets from a Poisson process of rate blinks_per_min, each blink_s long (they may overlap).
std::vector<DetectorEvent> blinks(const LabSpec& spec, std::uint64_t participant, double duration);
/// The blink's eyelid closure at s after its onset: sin(pi s / blink_s) on (0, blink_s), else 0.
double blink_closure(double s, double blink_s);

bool wears_glasses(const LabSpec& spec, std::uint64_t participant);
/// AU01 AU02 AU04 AU05 AU06 AU07: the channels glasses attenuate.
bool eye_region(std::string_view channel);

}  // namespace contagion::datasets::detail
