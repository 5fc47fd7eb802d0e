#include "contagion/datasets/lab_study.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/facial/features.hpp"
#include "contagion/facial/readers.hpp"
#include "contagion/stats/questionnaire.hpp"

namespace contagion::datasets {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

RandomStream stream(const LabSpec& s, std::uint64_t participant, std::string_view purpose, std::uint64_t entity = 0) {
  return RandomStream({s.seed, StreamPurpose::initial_state, participant, stream_id(purpose), entity});
}

struct Scale {
  double factor;  // activation (0-1) -> the format's numbers
  std::string description;
};

Scale scale_of(facial::SourceFormat format, bool emotion) {
  switch (format) {
    case facial::SourceFormat::openface:
      return {5.0, "intensity 0-5"};
    case facial::SourceFormat::imotions_affdex:
      return {100.0, "0-100"};
    case facial::SourceFormat::imotions_facet:
    case facial::SourceFormat::pyfeat:
      return {1.0, emotion ? "probability 0-1" : "probability 0-1"};
    default:
      throw UsageError(fmt::format("synthetic studies are written as openface, facet, affdex or pyfeat, not {}",
                                   facial::to_string(format)));
  }
}

bool is_emotion(const std::string& channel) {
  return channel.rfind("AU", 0) != 0;
}

/// The response kernel: peak 1 at s = T.
double kernel(double s, const LabSpec& spec) {
  if (s <= 0.0) return 0.0;
  const double x = s / spec.time_to_peak_s;
  return std::pow(x, spec.kernel_shape) * std::exp(spec.kernel_shape * (1.0 - x));
}

/// Activation amplitude of a channel for a stimulus category.
double amplitude(const ParticipantTruth& p, const std::string& channel, const std::string& category,
                 const std::map<std::string, std::vector<std::string>>& congruent) {
  if (category == "neutral") return p.reactivity * (1.0 - p.specificity) * 0.1;
  const auto it = congruent.find(category);
  const bool match =
      it != congruent.end() && std::find(it->second.begin(), it->second.end(), channel) != it->second.end();
  return p.reactivity * (p.specificity * (match ? 1.0 : 0.0) + (1.0 - p.specificity) * 0.3);
}

void check(const LabSpec& s) {
  const auto positive = [](const char* name, double v) {
    if (!(v > 0.0) || !std::isfinite(v)) throw ParameterError(name, fmt::format("{}", v), "(0, inf)");
  };
  const auto non_negative = [](const char* name, double v) {
    if (!(v >= 0.0) || !std::isfinite(v)) throw ParameterError(name, fmt::format("{}", v), "[0, inf)");
  };
  if (s.participants < 1) throw ParameterError("participants", fmt::format("{}", s.participants), "1 or more");
  if (s.blocks < 1) throw ParameterError("blocks", fmt::format("{}", s.blocks), "1 or more");
  positive("frame_rate", s.frame_rate);
  positive("time_to_peak_s", s.time_to_peak_s);
  positive("kernel_shape", s.kernel_shape);
  positive("dropout_s", s.dropout_s);
  non_negative("lead_in_s", s.lead_in_s);
  non_negative("latency_s", s.latency_s);
  non_negative("noise_sd", s.noise_sd);
  non_negative("detection_lag_s", s.detection_lag_s);
  non_negative("dropouts_per_min", s.dropouts_per_min);
  if (!(std::fabs(s.reactivity_eq_correlation) <= 1.0))
    throw ParameterError("reactivity_eq_correlation", fmt::format("{}", s.reactivity_eq_correlation), "[-1, 1]");
}

}  // namespace

std::vector<Stimulus> kdef_protocol(std::uint64_t seed, std::uint64_t participant, double lead_in_s, int blocks) {
  static const std::pair<const char*, const char*> emotions[] = {{"HA", "happy"},   {"AN", "angry"}, {"SA", "sad"},
                                                                 {"DI", "disgust"}, {"AF", "fear"},  {"SU", "surprise"},
                                                                 {"NE", "neutral"}};
  std::vector<Stimulus> out;
  double t = lead_in_s;
  for (int block = 0; block < blocks; ++block) {
    std::vector<int> order(7);
    std::iota(order.begin(), order.end(), 0);
    RandomStream rng(
        {seed, StreamPurpose::initial_state, participant, stream_id("kdef order"), static_cast<std::uint64_t>(block)});
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    for (const int e : order) {
      out.push_back({fmt::format("AF{:02d}{}S", block + 1, emotions[e].first), emotions[e].second, t, t + 10.0});
      t += 18.0;  // 10 s image + 8 s blank
    }
  }
  return out;
}

std::vector<std::string> model_channels(facial::SourceFormat format) {
  std::vector<std::string> channels{"AU01", "AU02", "AU04", "AU05", "AU06", "AU07", "AU09",
                                    "AU10", "AU12", "AU15", "AU20", "AU23", "AU26"};
  if (format == facial::SourceFormat::imotions_affdex)  // AFFDEX has no AU23 (lip tightener)
    channels.erase(std::find(channels.begin(), channels.end(), "AU23"));
  if (format != facial::SourceFormat::openface)
    for (const char* e : {"joy", "anger", "sadness", "disgust", "fear", "surprise"}) channels.push_back(e);
  return channels;
}

std::vector<int> eq_answers(int score, std::uint64_t seed, std::uint64_t participant) {
  if (score < 0 || score > 80) throw ParameterError("eq", fmt::format("{}", score), "0..80");
  const stats::QuestionnaireKey key = stats::empathy_quotient_key();
  std::vector<int> scored = key.scales.front().second;  // the 40 scored items
  RandomStream rng({seed, StreamPurpose::initial_state, participant, stream_id("eq answers"), 0});
  for (std::size_t i = scored.size(); i > 1; --i) std::swap(scored[i - 1], scored[rng.below(i)]);
  std::vector<int> answers(60, 0);
  // Points per scored item: 2 for the first score / 2 items, 1 more if the score is odd.
  std::vector<int> points(61, 0);
  for (int k = 0; k < score / 2; ++k) points[static_cast<std::size_t>(scored[static_cast<std::size_t>(k)])] = 2;
  if (score % 2) points[static_cast<std::size_t>(scored[static_cast<std::size_t>(score / 2)])] = 1;
  for (int item = 1; item <= 60; ++item) {
    const auto& table = key.points[static_cast<std::size_t>(item - 1)];
    std::vector<int> codes;
    for (int code = 1; code <= 4; ++code)
      if (table[static_cast<std::size_t>(code - 1)] == points[static_cast<std::size_t>(item)]) codes.push_back(code);
    answers[static_cast<std::size_t>(item - 1)] = codes[rng.below(codes.size())];  // fillers: any answer
  }
  return answers;
}

LabStudy generate_lab_study(const LabSpec& spec) {
  check(spec);
  LabStudy study;
  study.spec = spec;
  const auto channels = model_channels(spec.format);
  const auto congruent = facial::FeatureOptions::default_congruence();
  std::vector<std::string> r_participant, r_stimulus, r_category, r_channel;
  std::vector<double> r_amplitude, r_peak;
  const double peak_s = spec.latency_s + spec.detection_lag_s + spec.time_to_peak_s;
  for (int k = 0; k < spec.participants; ++k) {
    const auto p = static_cast<std::uint64_t>(k);
    // Traits: latent reactivity z; EQ correlated with it; gender with an optional EQ shift.
    RandomStream traits = stream(spec, p, "traits");
    ParticipantTruth truth;
    truth.id = fmt::format("p{:03d}", k + 1);
    truth.gender = std::string(traits.uniform() < 0.5 ? "f" : "m");  // (a char* assignment trips GCC 12's -Wrestrict)
    const double z = traits.normal(), e = traits.normal();
    truth.reactivity = 0.3 * std::exp(0.4 * z);  // log-normal gain, median 0.3
    truth.specificity = 0.4 + 0.5 * traits.uniform();
    truth.expressivity = 0.02 + 0.08 * traits.uniform();
    const double r = spec.reactivity_eq_correlation;
    const double eq_z = r * z + std::sqrt(1.0 - r * r) * e + (truth.gender == "f" ? spec.female_eq_shift_sd : 0.0);
    truth.eq = std::clamp(std::round(spec.eq_mean + spec.eq_sd * eq_z), 0.0, 80.0);
    study.participants.push_back(truth);

    const std::vector<Stimulus> protocol = kdef_protocol(spec.seed, p, spec.lead_in_s, spec.blocks);
    for (const Stimulus& s : protocol) study.events.push_back({truth.id, s.id, s.category, s.onset, s.offset});
    const double duration = protocol.back().offset + 8.0;
    const auto n = static_cast<std::size_t>(std::floor(duration * spec.frame_rate)) + 1;
    facial::FrameTable f;
    f.source = truth.id;
    f.format = spec.format;
    f.participant = truth.id;
    f.frame_rate = spec.frame_rate;
    f.time.resize(n);
    f.valid.assign(n, 1);
    f.confidence.assign(n, 0.95);
    f.stimulus.assign(n, "");
    for (std::size_t i = 0; i < n; ++i) f.time[i] = static_cast<double>(i) / spec.frame_rate;
    for (const Stimulus& s : protocol)
      for (std::size_t i = 0; i < n; ++i)
        if (f.time[i] >= s.onset && f.time[i] < s.offset) f.stimulus[i] = s.id;
    // Dropouts (face lost): a Poisson process of fixed-length gaps.
    if (spec.dropouts_per_min > 0.0) {
      RandomStream drops = stream(spec, p, "dropouts");
      for (double t = drops.exponential(spec.dropouts_per_min / 60.0); t < duration;
           t += spec.dropout_s + drops.exponential(spec.dropouts_per_min / 60.0))
        for (std::size_t i = 0; i < n; ++i)
          if (f.time[i] >= t && f.time[i] < t + spec.dropout_s) {
            f.valid[i] = 0;
            f.confidence[i] = 0.0;
          }
    }
    for (std::size_t c = 0; c < channels.size(); ++c) {
      const Scale scale = scale_of(spec.format, is_emotion(channels[c]));
      std::vector<double> values(n);
      for (std::size_t i = 0; i < n; ++i) {
        double a = truth.expressivity;
        for (const Stimulus& s : protocol) {
          const double since = f.time[i] - s.onset - spec.latency_s - spec.detection_lag_s;
          if (since <= 0.0 || since > 30.0) continue;
          a += amplitude(truth, channels[c], s.category, congruent) * kernel(since, spec);
        }
        if (spec.noise_sd > 0.0) a += spec.noise_sd * stream(spec, p, "noise", c * n + i).normal();
        a = std::clamp(a, 0.0, 1.0);  // the scale's floor and ceiling
        values[i] = f.valid[i] ? scale.factor * a : kNaN;
      }
      f.add_channel({channels[c], channels[c], scale.description, 0.0, scale.factor}, std::move(values));
      for (const Stimulus& s : protocol) {
        r_participant.push_back(truth.id);
        r_stimulus.push_back(s.id);
        r_category.push_back(s.category);
        r_channel.push_back(channels[c]);
        r_amplitude.push_back(scale.factor * amplitude(truth, channels[c], s.category, congruent));
        r_peak.push_back(peak_s);
      }
    }
    study.recordings.push_back(std::move(f));
  }
  study.responses.add_text("participant", r_participant);
  study.responses.add_text("stimulus", r_stimulus);
  study.responses.add_text("category", r_category);
  study.responses.add_text("channel", r_channel);
  study.responses.add_numbers("amplitude", r_amplitude);
  study.responses.add_numbers("peak_s", r_peak);
  return study;
}

void write_lab_study(const LabStudy& study, const std::string& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  const char* extension = study.spec.format == facial::SourceFormat::imotions_facet ? "txt" : "csv";
  for (const auto& f : study.recordings)
    facial::write_frames(f, study.spec.format,
                         (fs::path(dir) / fmt::format("{}.{}", f.participant, extension)).string());
  facial::write_events(study.events, (fs::path(dir) / "events.csv").string());
  std::vector<std::string> id, gender;
  std::vector<double> eq, reactivity, specificity, expressivity;
  for (const auto& p : study.participants) {
    id.push_back(p.id);
    gender.push_back(p.gender);
    eq.push_back(p.eq);
    reactivity.push_back(p.reactivity);
    specificity.push_back(p.specificity);
    expressivity.push_back(p.expressivity);
  }
  Table participants;
  participants.add_text("participant", id);
  participants.add_text("gender", gender);
  participants.add_numbers("eq", eq);
  write_csv(participants, (fs::path(dir) / "participants.csv").string());
  Table items;
  items.add_text("participant", id);
  std::vector<std::vector<std::string>> answers(60);
  for (std::size_t k = 0; k < study.participants.size(); ++k) {
    const auto a = eq_answers(static_cast<int>(study.participants[k].eq), study.spec.seed, k);
    for (std::size_t i = 0; i < 60; ++i) answers[i].push_back(std::to_string(a[i]));
  }
  for (std::size_t i = 0; i < 60; ++i) items.add_text(fmt::format("eq_{}", i + 1), answers[i]);
  write_csv(items, (fs::path(dir) / "eq_items.csv").string());
  Table truth = participants;
  truth.add_numbers("reactivity", reactivity);
  truth.add_numbers("specificity", specificity);
  truth.add_numbers("expressivity", expressivity);
  write_csv(truth, (fs::path(dir) / "truth_participants.csv").string());
  write_csv(study.responses, (fs::path(dir) / "truth_responses.csv").string());
}

}  // namespace contagion::datasets
