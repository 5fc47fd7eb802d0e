#pragma once
// Reactivity and mimicry features (FORMATS.md, "Analysis methods") in one long table:
// participant x stimulus x channel x feature -> value (DESIGN.md: one feature table).
//
// Per epoch and channel, on the baseline-corrected signal: max, mean, sd, auc (trapezoids over
// the valid samples, in value x seconds), time_to_peak (s from onset), onset_latency (first
// time the signal exceeds k baseline SDs; NaN when it never does or the baseline has no SD),
// and max_first_<W>s (the maximum within the first W seconds; Kovalchuk et al. used 2 s).
// Per participant and category: the mean of each feature over that category's stimuli
// (stimulus "*"). Per epoch: mimicry_congruence (channel "*"). Per participant:
// overall_reactivity (stimulus, category and channel "*"). Formulas in docs/features.md.

#include <map>
#include <string>
#include <vector>

#include "contagion/core/table.hpp"
#include "contagion/facial/epochs.hpp"
#include "contagion/facial/frame_table.hpp"

namespace contagion::facial {

struct FeatureRow {
  std::string participant, stimulus, category, channel, feature;
  double value;
};

struct FeatureTable {
  std::vector<FeatureRow> rows;

  /// Columns participant, stimulus, category, channel, feature, value.
  Table to_table() const;
  static FeatureTable from_table(const Table& table);
};

struct FeatureOptions {
  double first_window_s = 2.0;      ///< W of max_first_<W>s
  double onset_k = 2.0;             ///< onset: first sample above k baseline SDs
  double min_valid_fraction = 0.5;  ///< epochs with fewer valid samples give NaN features
  /// Channels congruent with each stimulus category (FORMATS.md's mapping by default).
  std::map<std::string, std::vector<std::string>> congruent = default_congruence();
  std::string neutral_category = "neutral";  ///< left out of overall reactivity

  static std::map<std::string, std::vector<std::string>> default_congruence();
};

/// Every feature of one participant's epochs (channels from `frames`).
FeatureTable epoch_features(const FrameTable& frames, const std::vector<Epoch>& epochs,
                            const FeatureOptions& options = {});

/// The mean time course per stimulus category and channel (for time-course plots such as
/// joy after happy faces): at every sample time from the onset, the mean of the corrected
/// values over the category's epochs that have a valid sample there.
struct TimeCourseRow {
  std::string participant, category, channel;
  double time, mean;
  int epochs;  ///< epochs with a valid sample at this time
};

std::vector<TimeCourseRow> category_time_courses(const FrameTable& frames, const std::vector<Epoch>& epochs,
                                                 const std::vector<std::string>& channels);

/// The canonical category of a stimulus label: "happy", "happiness", "joy" -> "happy"; "angry",
/// "anger" -> "angry"; sad, disgust, fear, surprise, neutral likewise; other labels unchanged.
std::string canonical_category(const std::string& label);

/// Intersubject correlation of one channel for one stimulus: the mean Pearson r over all pairs
/// of participants' epochs (same length; samples missing in either are skipped pairwise).
/// NaN with fewer than two epochs.
double intersubject_correlation(const std::vector<const Epoch*>& epochs, std::size_t channel);

}  // namespace contagion::facial
