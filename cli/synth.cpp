// contagion synth lab: a synthetic lab study with known ground truth, written in a real export
// format (datasets::generate_lab_study / write_lab_study). Options on the command line or in
// a TOML file (--config; the command line wins).

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <set>

#include "common.hpp"
#include "contagion/core/config.hpp"
#include "contagion/core/error.hpp"
#include "contagion/datasets/lab_study.hpp"
#include "contagion/facial/features.hpp"

namespace contagion::cli {
namespace {

const std::vector<std::string> kFormats{"openface", "facet", "affdex", "facereader", "pyfeat"};

/// [lab.clips.<id>] tables: length_s and a profile table of emotion weights.
std::vector<datasets::FilmClip> read_clips(const ConfigTable& clips) {
  std::vector<datasets::FilmClip> out;
  for (const std::string& id : clips.keys()) {
    const ConfigTable c = *clips.table(id);
    datasets::FilmClip clip;
    clip.id = id;
    clip.length_s = c.number_in("length_s", Range::greater_than(0.0));
    const ConfigTable profile = c.required_table("profile");
    for (const std::string& emotion : profile.keys()) {
      static const std::set<std::string> known{"happy", "angry", "sad", "disgust", "fear", "surprise", "neutral"};
      if (!known.count(facial::canonical_category(emotion)))
        profile.fail(emotion,
                     "unknown emotion: the emotions are joy, anger, sadness, disgust, fear, surprise, neutral");
      clip.profile[emotion] = profile.number_in(emotion, Range::unit());
    }
    if (clip.profile.empty()) c.fail("profile", "a clip's profile needs at least one emotion weight");
    out.push_back(std::move(clip));
  }
  if (out.empty()) clips.fail("", "no clips: give [lab.clips.<id>] tables with length_s and profile");
  return out;
}

/// Reads the [lab] keys of a TOML file into `spec` (strict: unknown keys are errors).
void read_config(const std::string& path, datasets::LabSpec& spec, std::string& format) {
  const ConfigTable root = ConfigTable::parse_file(path);
  const ConfigTable t = root.required_table("lab");
  spec.participants = static_cast<int>(t.integer_in("participants", 1, 100000, spec.participants));
  spec.seed = static_cast<std::uint64_t>(
      t.integer_in("seed", 0, std::numeric_limits<std::int64_t>::max(), static_cast<std::int64_t>(spec.seed)));
  format = t.choice("format", kFormats, format);
  if (t.has("protocol")) {
    const std::string protocol = t.string("protocol");
    try {
      datasets::set_protocol(spec, protocol, std::filesystem::path(path).parent_path().string());
    } catch (const Error& e) {
      if (!e.context().file.empty()) throw;
      t.fail("protocol", e.message());
    }
  }
  spec.frame_rate = t.number_in("frame_rate", Range::greater_than(0.0), spec.frame_rate);
  spec.lead_in_s = t.number_in("lead_in_s", Range::at_least(0.0), spec.lead_in_s);
  spec.blocks = static_cast<int>(t.integer_in("blocks", 1, 1000, spec.blocks));
  spec.film_gap_s = t.number_in("film_gap_s", Range::at_least(0.0), spec.film_gap_s);
  if (const auto clips = t.table("clips")) spec.clips = read_clips(*clips);
  spec.list_sustained = t.boolean("list_sustained", spec.list_sustained);
  spec.list_tail_s = t.number_in("list_tail_s", Range::at_least(0.0), spec.list_tail_s);
  spec.reactivity_eq_correlation =
      t.number_in("reactivity_eq_correlation", Range::closed(-1.0, 1.0), spec.reactivity_eq_correlation);
  spec.female_eq_shift_sd = t.number_in("female_eq_shift_sd", Range::finite(), spec.female_eq_shift_sd);
  spec.eq_mean = t.number_in("eq_mean", Range::closed(0.0, 80.0), spec.eq_mean);
  spec.eq_sd = t.number_in("eq_sd", Range::at_least(0.0), spec.eq_sd);
  spec.reactivity_ecs_correlation =
      t.number_in("reactivity_ecs_correlation", Range::closed(-1.0, 1.0), spec.reactivity_ecs_correlation);
  spec.ecs_mean = t.number_in("ecs_mean", Range::closed(15.0, 60.0), spec.ecs_mean);
  spec.ecs_sd = t.number_in("ecs_sd", Range::at_least(0.0), spec.ecs_sd);
  spec.reactivity_depression_correlation = t.number_in("reactivity_depression_correlation", Range::closed(-1.0, 1.0),
                                                       spec.reactivity_depression_correlation);
  spec.depression_mean = t.number_in("depression_mean", Range::closed(0.0, 63.0), spec.depression_mean);
  spec.depression_sd = t.number_in("depression_sd", Range::at_least(0.0), spec.depression_sd);
  for (const auto& [key, list] : {std::pair{"age_bands", &spec.age_bands}, std::pair{"groups", &spec.groups}})
    if (t.has(key)) {
      *list = t.strings(key);
      if (list->empty()) t.fail(key, "needs at least one name");
    }
  for (const auto& [key, shifts] : {std::pair{"group_reactivity_shift_sd", &spec.group_reactivity_shift_sd},
                                    std::pair{"group_depression_shift_sd", &spec.group_depression_shift_sd}})
    if (t.has(key)) {
      *shifts = t.numbers(key);
      if (shifts->size() != spec.groups.size())
        t.fail(key, fmt::format("gives {} shifts for {} groups: one per group", shifts->size(), spec.groups.size()));
    }
  spec.latency_s = t.number_in("latency_s", Range::at_least(0.0), spec.latency_s);
  spec.time_to_peak_s = t.number_in("time_to_peak_s", Range::greater_than(0.0), spec.time_to_peak_s);
  spec.kernel_shape = t.number_in("kernel_shape", Range::greater_than(0.0), spec.kernel_shape);
  spec.sustained_share = t.number_in("sustained_share", Range{0.0, 1.0, true, false}, spec.sustained_share);
  spec.noise_sd = t.number_in("noise_sd", Range::at_least(0.0), spec.noise_sd);
  spec.detection_lag_s = t.number_in("detection_lag_s", Range::at_least(0.0), spec.detection_lag_s);
  spec.dropouts_per_min = t.number_in("dropouts_per_min", Range::at_least(0.0), spec.dropouts_per_min);
  spec.dropout_s = t.number_in("dropout_s", Range::greater_than(0.0), spec.dropout_s);
  spec.blinks_per_min = t.number_in("blinks_per_min", Range::at_least(0.0), spec.blinks_per_min);
  spec.blink_s = t.number_in("blink_s", Range::greater_than(0.0), spec.blink_s);
  spec.blink_confidence_drop = t.number_in("blink_confidence_drop", Range::unit(), spec.blink_confidence_drop);
  spec.glasses_share = t.number_in("glasses_share", Range::unit(), spec.glasses_share);
  spec.glasses_attenuation = t.number_in("glasses_attenuation", Range::unit(), spec.glasses_attenuation);
  spec.glasses_confidence_drop = t.number_in("glasses_confidence_drop", Range::unit(), spec.glasses_confidence_drop);
  spec.jitter_sd_s = t.number_in("jitter_sd_s", Range::closed(0.0, 0.15 / spec.frame_rate), spec.jitter_sd_s);
  root.finish();
  // Settings that are only wrong together (a clip shorter than the response's peak...), named by key.
  try {
    datasets::check_lab_spec(spec);
  } catch (const ParameterError& e) {
    throw Error(e.message(), t.where());
  }
}

}  // namespace

void add_synth_command(CLI::App& app) {
  CLI::App* synth = app.add_subcommand("synth", "Synthetic data with known ground truth");
  synth->require_subcommand(1);
  add_synth_graph_command(*synth);
  CLI::App* lab = synth->add_subcommand(
      "lab", "A synthetic lab study (KDEF images, film clips or a stimulus list) in a real export format");
  auto cli = std::make_shared<datasets::LabSpec>();
  auto format = std::make_shared<std::string>("openface");
  auto config = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto protocol = std::make_shared<std::string>("kdef");
  auto json = std::make_shared<bool>(false);
  auto common = std::make_shared<CommonOptions>();
  lab->add_option("--config", *config, "TOML file with a [lab] table (every option below, by name)")
      ->check(CLI::ExistingFile);
  lab->add_option("--participants", cli->participants, "number of participants")->check(CLI::PositiveNumber);
  lab->add_option("--protocol", *protocol, "stimulus protocol: kdef, film, or a stimulus list FILE.csv");
  lab->add_option("--format", *format, "export format")->check(CLI::IsMember(kFormats));
  lab->add_option("--seed", cli->seed, "seed of every draw");
  lab->add_option("--noise", cli->noise_sd, "detector noise SD, as a fraction of the scale");
  lab->add_option("--lag", cli->detection_lag_s, "detection lag in s");
  lab->add_option("--dropouts", cli->dropouts_per_min, "face-lost dropouts per minute");
  lab->add_option("--blinks", cli->blinks_per_min, "blinks per minute");
  lab->add_option("--glasses", cli->glasses_share, "share of participants who wear glasses (0-1)");
  lab->add_option("--jitter", cli->jitter_sd_s, "SD of the sampling times in s");
  lab->add_option("--eq-correlation", cli->reactivity_eq_correlation, "correlation of true reactivity and EQ");
  lab->add_option("--female-eq-shift", cli->female_eq_shift_sd, "women's EQ shift in SDs");
  lab->add_option("-o,--output", *output, "folder to write the study to")->required();
  add_threads_option(*lab, *common);
  lab->add_flag("--json", *json, "print a summary as JSON");
  lab->footer(
      "Writes <participant> exports, events.csv, participants.csv, eq_items.csv, ecs_items.csv,\n"
      "truth_participants.csv, truth_responses.csv and truth_detector.csv (docs/synthetic.md). Examples:\n"
      "  contagion synth lab --participants 80 --protocol kdef --format openface --seed 1 -o study/\n"
      "  contagion synth lab --protocol film --format facereader --blinks 15 --glasses 0.3 -o films/\n"
      "  contagion synth lab --protocol stimuli.csv --format pyfeat -o list/   # columns id,category,onset,offset\n"
      "  contagion synth lab --config lab.toml -o study/   # [lab] table: every setting, e.g.\n"
      "      [lab]\n"
      "      protocol = \"film\"\n"
      "      groups = [\"control\", \"patient\"]\n"
      "      group_reactivity_shift_sd = [0.0, -0.5]\n"
      "      [lab.clips.sad_film]\n"
      "      length_s = 90\n"
      "      profile = { sadness = 0.7, fear = 0.3 }");
  lab->callback([cli, format, config, output, protocol, json, common, lab] {
    const auto given = [&](const char* name) { return lab->count(name) > 0; };
    datasets::LabSpec s;
    std::string f = *format;
    if (!config->empty()) read_config(*config, s, f);
    // The command line wins over the file for the options given there.
    if (given("--participants")) s.participants = cli->participants;
    if (given("--seed")) s.seed = cli->seed;
    if (given("--noise")) s.noise_sd = cli->noise_sd;
    if (given("--lag")) s.detection_lag_s = cli->detection_lag_s;
    if (given("--dropouts")) s.dropouts_per_min = cli->dropouts_per_min;
    if (given("--blinks")) s.blinks_per_min = cli->blinks_per_min;
    if (given("--glasses")) s.glasses_share = cli->glasses_share;
    if (given("--jitter")) s.jitter_sd_s = cli->jitter_sd_s;
    if (given("--eq-correlation")) s.reactivity_eq_correlation = cli->reactivity_eq_correlation;
    if (given("--female-eq-shift")) s.female_eq_shift_sd = cli->female_eq_shift_sd;
    if (given("--format")) f = *format;
    if (given("--protocol") || config->empty()) datasets::set_protocol(s, *protocol);
    s.format = facial::parse_source_format(f);
    s.threads = resolve_threads(*common);
    const datasets::LabStudy study = datasets::generate_lab_study(s);
    datasets::write_lab_study(study, *output);
    std::size_t frames = 0;
    for (const auto& r : study.recordings) frames += r.frames();
    if (*json) {
      std::cout << nlohmann::json{{"output", *output},
                                  {"participants", study.participants.size()},
                                  {"format", f},
                                  {"frames", frames},
                                  {"events", study.events.size()},
                                  {"seed", s.seed}}
                       .dump(2)
                << '\n';
      return;
    }
    fmt::print("{} participants, {} stimuli each, {} frames in {} format -> {}/\n", study.participants.size(),
               study.events.size() / study.participants.size(), frames, f, *output);
  });
}

}  // namespace contagion::cli
