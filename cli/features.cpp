// contagion features: facial exports + stimulus log -> quality grades and the feature table
// (CSV and/or the HDF5 store), through facial::run_pipeline.

#include <fmt/format.h>

#include <iostream>

#include "common.hpp"
#include "contagion/core/error.hpp"
#include "contagion/facial/pipeline.hpp"
#include "contagion/store/run_store.hpp"

namespace contagion::cli {
namespace {

struct FeaturesOptions {
  std::vector<std::string> inputs;
  std::string events, format = "auto", baseline = "pre:1", output, quality_output, store, name = "features",
                      time_courses_output;
  std::vector<std::string> time_course_channels{"joy", "anger", "AU04", "AU12"};
  double fps = 0.0, min_confidence = 0.8, rate = 30.0, max_gap = 0.5, first_window = 2.0, onset_k = 2.0;
  int max_grade = 2;
  bool percent = false, replace = false;
  CommonOptions common;
};

/// "pre:1" / "pre:1s" (mean of 1 s before the onset), "pre-median:1", "neutral", "none".
void parse_baseline(const std::string& text, facial::EpochOptions& o) {
  if (text == "none") {
    o.baseline = facial::BaselineMethod::none;
    return;
  }
  if (text == "neutral") {
    o.baseline = facial::BaselineMethod::neutral_stimulus;
    return;
  }
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  std::string seconds = colon == std::string::npos ? "" : text.substr(colon + 1);
  if (!seconds.empty() && seconds.back() == 's') seconds.pop_back();
  double value = 0.0;
  if ((kind != "pre" && kind != "pre-median") || !parse_double(seconds, value) || !(value > 0.0))
    throw UsageError(fmt::format("--baseline '{}': use pre:SECONDS, pre-median:SECONDS, neutral or none", text));
  o.baseline = kind == "pre" ? facial::BaselineMethod::mean : facial::BaselineMethod::median;
  o.baseline_s = value;
}

}  // namespace

void add_features_command(CLI::App& app) {
  auto o = std::make_shared<FeaturesOptions>();
  CLI::App* cmd = app.add_subcommand("features", "Reactivity and mimicry features from facial-expression exports");
  cmd->add_option("--input", o->inputs, "exports: OpenFace, iMotions FACET/AFFDEX, FaceReader, Py-Feat")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--events", o->events,
                  "stimulus log CSV (participant, stimulus, category, onset, offset in s); default: the exports' "
                  "own stimulus column")
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", o->format, "auto, openface, facet, affdex, facereader, pyfeat");
  cmd->add_option("--fps", o->fps, "frame rate, when the export's clock is unusable (early OpenFace, Py-Feat)");
  cmd->add_option("--min-confidence", o->min_confidence, "OpenFace: frames below this confidence are invalid");
  cmd->add_option("--rate", o->rate, "resample to this many frames per second")->check(CLI::PositiveNumber);
  cmd->add_option("--max-gap", o->max_gap, "interpolate gaps up to this many seconds")->check(CLI::NonNegativeNumber);
  cmd->add_option("--baseline", o->baseline, "pre:SECONDS (mean), pre-median:SECONDS, neutral or none");
  cmd->add_flag("--percent-change", o->percent, "baseline correction as percent change");
  cmd->add_option("--first-window", o->first_window, "seconds of the max_first_<W>s feature")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--onset-k", o->onset_k, "onset latency: first sample above k baseline SDs");
  cmd->add_option("--max-grade", o->max_grade, "leave out recordings graded worse (0 good .. 3 no facial data)")
      ->check(CLI::Range(0, 3));
  cmd->add_option("-o,--output", o->output,
                  "feature table CSV (long: participant, stimulus, category, channel, "
                  "feature, value)");
  cmd->add_option("--quality", o->quality_output, "per-recording quality CSV");
  cmd->add_option("--timecourses", o->time_courses_output,
                  "mean time course per participant, category and channel as CSV (for time-course plots)");
  cmd->add_option("--timecourse-channels", o->time_course_channels, "channels of --timecourses")->delimiter(',');
  cmd->add_option("--store", o->store, "also store the tables in this HDF5 file under /features/");
  cmd->add_option("--name", o->name, "table name in the store");
  cmd->add_flag("--replace", o->replace, "replace a table of the same name in the store");
  add_threads_option(*cmd, o->common);
  add_output_options(*cmd, o->common);
  cmd->footer(
      "Example:\n  contagion features --input p01.csv p02.csv --events stimuli.csv --baseline pre:1s "
      "-o features.csv --quality quality.csv");
  cmd->callback([o] {
    if (o->output.empty() && o->store.empty())
      throw UsageError("nowhere to write the features: give -o FILE.csv and/or --store FILE.h5");
    facial::PipelineOptions p;
    if (o->format != "auto") {
      p.read.detect = false;
      p.read.format = facial::parse_source_format(o->format);
    }
    p.read.frame_rate = o->fps;
    p.read.min_confidence = o->min_confidence;
    p.max_grade = o->max_grade;
    p.resample = {o->rate, o->max_gap};
    parse_baseline(o->baseline, p.epochs);
    p.epochs.percent_change = o->percent;
    p.features.first_window_s = o->first_window;
    p.features.onset_k = o->onset_k;
    if (!o->time_courses_output.empty()) p.time_course_channels = o->time_course_channels;
    const std::vector<facial::Event> events =
        o->events.empty() ? std::vector<facial::Event>{} : facial::read_events(o->events);
    const facial::PipelineResult result = facial::run_pipeline(o->inputs, events, p, resolve_threads(o->common));
    const Table features = result.features.to_table();
    const Table quality = result.quality_table();
    if (!o->output.empty()) write_csv(features, o->output);
    if (!o->quality_output.empty()) write_csv(quality, o->quality_output);
    if (!o->time_courses_output.empty()) write_csv(result.time_course_table(), o->time_courses_output);
    if (!o->store.empty()) {
      store::RunStore s(o->store);
      const auto on_existing = o->replace ? store::RunStore::OnExisting::replace : store::RunStore::OnExisting::error;
      const ParameterList provenance{{"events", o->events},
                                     {"baseline", o->baseline},
                                     {"rate", o->rate},
                                     {"max_gap_s", o->max_gap},
                                     {"first_window_s", o->first_window},
                                     {"onset_k", o->onset_k},
                                     {"max_grade", std::int64_t{o->max_grade}},
                                     {"inputs", std::to_string(o->inputs.size())}};
      s.add_table(o->name, features, provenance, on_existing);
      s.add_table(o->name + "_quality", quality, provenance, on_existing);
      s.commit();
    }
    std::size_t used = 0;
    for (const auto& r : result.recordings) used += r.used;
    if (o->common.json) {
      nlohmann::json recordings = nlohmann::json::array();
      for (const auto& r : result.recordings)
        recordings.push_back({{"source", r.source},
                              {"participant", r.participant},
                              {"format", r.format},
                              {"frames", r.quality.frames},
                              {"fraction_valid", r.quality.fraction_valid},
                              {"longest_gap_s", r.quality.longest_gap_s},
                              {"grade", r.quality.grade},
                              {"epochs", r.epochs},
                              {"used", r.used},
                              {"warnings", r.warnings}});
      std::cout << nlohmann::json{{"recordings", recordings}, {"used", used}, {"feature_rows", features.rows()}}.dump(2)
                << '\n';
      return;
    }
    if (o->common.quiet) return;
    for (const auto& r : result.recordings) {
      fmt::print("{}: {} ({}), {} frames, {:.1f}% valid, longest gap {:.2f} s, grade {}{}\n", r.source, r.participant,
                 r.format, r.quality.frames, 100.0 * r.quality.fraction_valid, r.quality.longest_gap_s, r.quality.grade,
                 r.used ? fmt::format(", {} epochs", r.epochs) : ", left out (--max-grade)");
      for (const auto& w : r.warnings) fmt::print("  warning: {}\n", w);
    }
    fmt::print("{} of {} recordings used, {} feature rows{}{}\n", used, result.recordings.size(), features.rows(),
               o->output.empty() ? "" : " -> " + o->output, o->store.empty() ? "" : " -> " + o->store);
  });
}

}  // namespace contagion::cli
