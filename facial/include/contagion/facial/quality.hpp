#pragma once
// Quality of a recording: the fraction of valid frames, the longest run without a valid
// frame, the mean confidence, and the 0-3 grade of Kovalchuk et al. (0 good .. 3 no facial
// data) with thresholds that are parameters (defaults documented in docs/features.md).

#include "contagion/facial/frame_table.hpp"

namespace contagion::facial {

struct QualityThresholds {
  double good_fraction = 0.9;  ///< grade 0: at least this fraction of valid frames ...
  double good_gap_s = 1.0;     ///< ... and no gap longer than this
  double fair_fraction = 0.7;  ///< grade 1: at least this fraction ...
  double fair_gap_s = 5.0;     ///< ... and no gap longer than this
  double some_fraction = 0.1;  ///< grade 2: at least this fraction; below: grade 3 (no facial data)
};

struct RecordingQuality {
  std::size_t frames = 0, valid_frames = 0;
  double fraction_valid = 0.0;
  double longest_gap_s = 0.0;    ///< longest time between valid frames (or from the ends)
  double mean_confidence = 0.0;  ///< over valid frames; NaN when the source has no confidence
  int grade = 3;
};

RecordingQuality assess_quality(const FrameTable& frames, const QualityThresholds& thresholds = {});

}  // namespace contagion::facial
