#pragma once
// Resampling a recording to a uniform rate. Going down (the new interval is longer than the
// recording's median interval) averages the valid frames in each new interval (block
// averaging); going up interpolates linearly between valid frames. Either way a gap between
// valid frames longer than `max_gap_s` stays missing (NaN, invalid): short dropouts are
// bridged, long ones are not invented.

#include "contagion/facial/frame_table.hpp"

namespace contagion::facial {

struct ResampleOptions {
  double rate = 30.0;      ///< frames per second of the result, > 0
  double max_gap_s = 0.5;  ///< longest gap between valid frames that is interpolated
};

/// From the first to the last frame's time. Throws contagion::Error for a rate <= 0.
FrameTable resample(const FrameTable& frames, const ResampleOptions& options = {});

}  // namespace contagion::facial
