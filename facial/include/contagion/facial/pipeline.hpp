#pragma once
// The feature pipeline of `contagion features`, as a library call: read each recording,
// grade its quality, resample it, cut epochs around the stimuli with a baseline, compute the
// features. Recordings run in parallel; the result does not depend on the thread count.

#include <string>
#include <vector>

#include "contagion/core/table.hpp"
#include "contagion/facial/epochs.hpp"
#include "contagion/facial/events.hpp"
#include "contagion/facial/features.hpp"
#include "contagion/facial/quality.hpp"
#include "contagion/facial/readers.hpp"
#include "contagion/facial/resample.hpp"

namespace contagion::facial {

struct PipelineOptions {
  ReadOptions read;
  QualityThresholds quality;
  int max_grade = 2;  ///< recordings graded worse (higher) are left out and reported
  ResampleOptions resample;
  EpochOptions epochs;
  FeatureOptions features;
  /// Channels whose mean time course per category is kept (empty: none).
  std::vector<std::string> time_course_channels;
};

struct RecordingSummary {
  std::string source, participant, format;
  RecordingQuality quality;
  std::size_t epochs = 0;
  bool used = false;
  std::vector<std::string> warnings;
};

struct PipelineResult {
  FeatureTable features;
  std::vector<TimeCourseRow> time_courses;   ///< for options.time_course_channels
  std::vector<RecordingSummary> recordings;  ///< in input order

  /// One row per recording: source, participant, format, frames, fraction_valid,
  /// longest_gap_s, mean_confidence, grade, epochs, used.
  Table quality_table() const;
  /// Columns participant, category, channel, time, mean, epochs.
  Table time_course_table() const;
};

/// One recording already in memory: quality, resampling, epochs, features. `events` empty:
/// the recording's own stimulus column. The summary's `used` is false (and the features empty)
/// when the grade is worse than options.max_grade. Throws contagion::Error when no event
/// belongs to the recording's participant.
struct RecordingResult {
  RecordingSummary summary;
  FeatureTable features;
  std::vector<TimeCourseRow> time_courses;
};
RecordingResult process_recording(const FrameTable& frames, const std::vector<Event>& events,
                                  const PipelineOptions& options);

/// `events` empty: each recording's own stimulus column gives the epochs. Throws
/// contagion::Error (naming the file) for an unreadable recording, or when a recording has no
/// events at all.
PipelineResult run_pipeline(const std::vector<std::string>& paths, const std::vector<Event>& events,
                            const PipelineOptions& options, int threads = 1);

}  // namespace contagion::facial
