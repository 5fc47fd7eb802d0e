#include "contagion/facial/quality.hpp"

#include <algorithm>
#include <cmath>

namespace contagion::facial {

RecordingQuality assess_quality(const FrameTable& f, const QualityThresholds& t) {
  RecordingQuality q;
  q.frames = f.frames();
  if (q.frames == 0) return q;
  double confidence = 0.0;
  std::size_t with_confidence = 0;
  double last_valid = f.time.front();  // a gap at the start counts from the first frame
  for (std::size_t i = 0; i < q.frames; ++i) {
    if (!f.valid[i]) continue;
    ++q.valid_frames;
    q.longest_gap_s = std::max(q.longest_gap_s, f.time[i] - last_valid);
    last_valid = f.time[i];
    if (std::isfinite(f.confidence[i])) {
      confidence += f.confidence[i];
      ++with_confidence;
    }
  }
  q.longest_gap_s = std::max(q.longest_gap_s, f.time.back() - last_valid);
  q.fraction_valid = static_cast<double>(q.valid_frames) / static_cast<double>(q.frames);
  q.mean_confidence = with_confidence > 0 ? confidence / static_cast<double>(with_confidence) : std::nan("");
  if (q.fraction_valid >= t.good_fraction && q.longest_gap_s <= t.good_gap_s)
    q.grade = 0;
  else if (q.fraction_valid >= t.fair_fraction && q.longest_gap_s <= t.fair_gap_s)
    q.grade = 1;
  else if (q.fraction_valid >= t.some_fraction)
    q.grade = 2;
  else
    q.grade = 3;
  return q;
}

}  // namespace contagion::facial
