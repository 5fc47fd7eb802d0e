#pragma once
// Cutting a uniformly sampled recording into epochs around the stimulus onsets, with a
// baseline: the mean or median of a pre-stimulus window, or the participant's mean response to
// the neutral stimuli; values are then baseline-corrected (difference, or percent change).

#include <string>
#include <vector>

#include "contagion/facial/events.hpp"
#include "contagion/facial/frame_table.hpp"

namespace contagion::facial {

enum class BaselineMethod { none, mean, median, neutral_stimulus };

struct EpochOptions {
  BaselineMethod baseline = BaselineMethod::mean;
  double baseline_s = 1.0;                   ///< length of the pre-stimulus window (mean, median)
  std::string neutral_category = "neutral";  ///< neutral_stimulus: the category whose responses are the baseline
  bool percent_change = false;               ///< 100 (x - b) / |b| instead of x - b
  double after_offset_s = 0.0;               ///< keep this much after each offset
};

struct Epoch {
  Event event;
  std::vector<double> time;                 ///< seconds from the onset
  std::vector<std::vector<double>> values;  ///< [channel][sample], baseline-corrected; NaN where invalid
  std::vector<double> baseline;             ///< [channel] the value subtracted
  std::vector<double> baseline_sd;          ///< [channel] SD in the baseline window (NaN for other methods)
  double valid_fraction = 0.0;              ///< of the samples in the epoch
};

/// The epochs of the events of `frames.participant` (other participants' events are skipped),
/// in the order of the events. `frames` must be uniformly sampled (resample() first). An event
/// outside the recording gives an epoch with no samples (valid_fraction 0).
std::vector<Epoch> cut_epochs(const FrameTable& frames, const std::vector<Event>& events,
                              const EpochOptions& options = {});

}  // namespace contagion::facial
