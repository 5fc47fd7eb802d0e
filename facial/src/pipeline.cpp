#include "contagion/facial/pipeline.hpp"

#include <fmt/format.h>

#include <exception>

#include "contagion/core/error.hpp"

namespace contagion::facial {

Table PipelineResult::quality_table() const {
  std::vector<std::string> source, participant, format, used;
  std::vector<double> frames, fraction, gap, confidence, grade, epochs;
  for (const RecordingSummary& r : recordings) {
    source.push_back(r.source);
    participant.push_back(r.participant);
    format.push_back(r.format);
    frames.push_back(static_cast<double>(r.quality.frames));
    fraction.push_back(r.quality.fraction_valid);
    gap.push_back(r.quality.longest_gap_s);
    confidence.push_back(r.quality.mean_confidence);
    grade.push_back(r.quality.grade);
    epochs.push_back(static_cast<double>(r.epochs));
    used.push_back(r.used ? "yes" : "no");
  }
  Table t;
  t.add_text("source", source);
  t.add_text("participant", participant);
  t.add_text("format", format);
  t.add_numbers("frames", frames);
  t.add_numbers("fraction_valid", fraction);
  t.add_numbers("longest_gap_s", gap);
  t.add_numbers("mean_confidence", confidence);
  t.add_numbers("grade", grade);
  t.add_numbers("epochs", epochs);
  t.add_text("used", used);
  return t;
}

RecordingResult process_recording(const FrameTable& frames, const std::vector<Event>& events,
                                  const PipelineOptions& options) {
  RecordingSummary s;
  s.source = frames.source;
  s.participant = frames.participant;
  s.format = std::string(to_string(frames.format));
  s.warnings = frames.warnings;
  s.quality = assess_quality(frames, options.quality);
  if (s.quality.grade > options.max_grade) return {s, {}, {}};
  const FrameTable uniform = resample(frames, options.resample);
  const std::vector<Event> own = events.empty() ? events_from_stimulus_column(frames) : events;
  const std::vector<Epoch> epochs = cut_epochs(uniform, own, options.epochs);
  if (epochs.empty())
    throw Error(events.empty() ? "the recording has no stimulus column and no stimulus log was given"
                               : fmt::format("the stimulus log has no events for participant '{}'", frames.participant),
                {frames.source});
  s.epochs = epochs.size();
  s.used = true;
  return {s, epoch_features(uniform, epochs, options.features),
          category_time_courses(uniform, epochs, options.time_course_channels)};
}

Table PipelineResult::time_course_table() const {
  std::vector<std::string> participant, category, channel;
  std::vector<double> time, mean, epochs;
  for (const TimeCourseRow& r : time_courses) {
    participant.push_back(r.participant);
    category.push_back(r.category);
    channel.push_back(r.channel);
    time.push_back(r.time);
    mean.push_back(r.mean);
    epochs.push_back(r.epochs);
  }
  Table t;
  t.add_text("participant", participant);
  t.add_text("category", category);
  t.add_text("channel", channel);
  t.add_numbers("time", time);
  t.add_numbers("mean", mean);
  t.add_numbers("epochs", epochs);
  return t;
}

PipelineResult run_pipeline(const std::vector<std::string>& paths, const std::vector<Event>& events,
                            const PipelineOptions& options, int threads) {
  const auto n = static_cast<std::int64_t>(paths.size());
  std::vector<RecordingResult> results(paths.size());
  std::vector<std::exception_ptr> errors(paths.size());
#pragma omp parallel for num_threads(std::max(threads, 1)) schedule(dynamic, 1)
  for (std::int64_t k = 0; k < n; ++k) {
    const auto i = static_cast<std::size_t>(k);
    try {
      results[i] = process_recording(read_frames(paths[i], options.read), events, options);
      results[i].summary.source = paths[i];
    } catch (...) {
      errors[i] = std::current_exception();
    }
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  PipelineResult result;
  for (auto& r : results) {
    result.recordings.push_back(std::move(r.summary));
    result.features.rows.insert(result.features.rows.end(), std::make_move_iterator(r.features.rows.begin()),
                                std::make_move_iterator(r.features.rows.end()));
    result.time_courses.insert(result.time_courses.end(), r.time_courses.begin(), r.time_courses.end());
  }
  return result;
}

}  // namespace contagion::facial
