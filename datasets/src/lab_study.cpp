#include "contagion/datasets/lab_study.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

#include "contagion/core/error.hpp"
#include "contagion/datasets/response.hpp"
#include "contagion/facial/features.hpp"
#include "detector.hpp"
#include "scales.hpp"

namespace contagion::datasets {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using detail::stream;
using Congruence = std::map<std::string, std::vector<std::string>>;

/// Activation amplitude of a channel for a stimulus category.
double amplitude(const ParticipantTruth& p, const std::string& channel, const std::string& category,
                 const Congruence& congruent) {
  if (category == "neutral") return p.reactivity * (1.0 - p.specificity) * 0.1;
  const auto it = congruent.find(category);
  const bool match =
      it != congruent.end() && std::find(it->second.begin(), it->second.end(), channel) != it->second.end();
  return p.reactivity * (p.specificity * (match ? 1.0 : 0.0) + (1.0 - p.specificity) * 0.3);
}

/// A stimulus's amplitude: its category's, or the profile's weighted sum.
double amplitude(const ParticipantTruth& p, const std::string& channel, const Stimulus& s,
                 const Congruence& congruent) {
  if (s.profile.empty()) return amplitude(p, channel, s.category, congruent);
  double a = 0.0;
  for (const auto& [category, weight] : s.profile) a += weight * amplitude(p, channel, category, congruent);
  return a;
}

double at(const std::vector<double>& v, std::size_t i) {
  return i < v.size() ? v[i] : 0.0;
}

ParticipantTruth draw_participant(const LabSpec& spec, std::uint64_t p) {
  // Traits: latent reactivity z; EQ correlated with it; gender with an optional EQ shift.
  RandomStream traits = stream(spec, p, "traits");
  ParticipantTruth truth;
  truth.id = fmt::format("p{:03d}", p + 1);
  truth.gender = std::string(traits.uniform() < 0.5 ? "f" : "m");  // (a char* assignment trips GCC 12's -Wrestrict)
  const std::size_t group = p % spec.groups.size();
  truth.group = spec.groups[group];
  const double z = traits.normal(), e = traits.normal();
  truth.reactivity = 0.3 * std::exp(0.4 * (z + at(spec.group_reactivity_shift_sd, group)));  // median 0.3
  truth.specificity = 0.4 + 0.5 * traits.uniform();
  truth.expressivity = 0.02 + 0.08 * traits.uniform();
  const auto construct = [z](double r, double noise) { return r * z + std::sqrt(1.0 - r * r) * noise; };
  const double eq_z =
      construct(spec.reactivity_eq_correlation, e) + (truth.gender == "f" ? spec.female_eq_shift_sd : 0.0);
  truth.eq = std::clamp(std::round(spec.eq_mean + spec.eq_sd * eq_z), 0.0, 80.0);
  RandomStream constructs = stream(spec, p, "constructs");
  const double e_ecs = constructs.normal(), e_depression = constructs.normal();
  truth.ecs = std::clamp(std::round(spec.ecs_mean + spec.ecs_sd * construct(spec.reactivity_ecs_correlation, e_ecs)),
                         15.0, 60.0);
  const double depression_z =
      construct(spec.reactivity_depression_correlation, e_depression) + at(spec.group_depression_shift_sd, group);
  truth.depression = std::clamp(std::round(spec.depression_mean + spec.depression_sd * depression_z), 0.0, 63.0);
  truth.age_band = spec.age_bands[stream(spec, p, "demographics").below(spec.age_bands.size())];
  truth.glasses = detail::wears_glasses(spec, p);
  return truth;
}

/// The participant's stimuli and the end of the recording (s).
std::vector<Stimulus> protocol_of(const LabSpec& spec, std::uint64_t p, double& end) {
  std::vector<Stimulus> stimuli;
  switch (spec.protocol) {
    case Protocol::kdef:
      stimuli = kdef_protocol(spec.seed, p, spec.lead_in_s, spec.blocks);
      end = stimuli.back().offset + 8.0;
      return stimuli;
    case Protocol::film:
      stimuli = film_protocol(spec.clips, spec.seed, p, spec.lead_in_s, spec.film_gap_s);
      end = stimuli.back().offset + spec.film_gap_s;
      return stimuli;
    case Protocol::list:
      stimuli = spec.stimulus_list;
      end = 0.0;
      for (Stimulus& s : stimuli) {
        s.sustained = spec.list_sustained;
        end = std::max(end, s.offset + spec.list_tail_s);
      }
      return stimuli;
  }
  return stimuli;
}

/// One participant's share of the study.
struct Generated {
  ParticipantTruth truth;
  facial::FrameTable frames;
  std::vector<facial::Event> events;
  std::vector<std::string> r_stimulus, r_category, r_channel;
  std::vector<double> r_amplitude, r_peak;
  std::vector<std::string> d_event;
  std::vector<double> d_onset, d_duration;
};

Generated generate_participant(const LabSpec& spec, std::uint64_t p, const ResponseShape& shape,
                               const Congruence& congruent) {
  Generated g;
  g.truth = draw_participant(spec, p);
  const ParticipantTruth& truth = g.truth;
  double duration = 0.0;
  const std::vector<Stimulus> protocol = protocol_of(spec, p, duration);
  for (const Stimulus& s : protocol) g.events.push_back({truth.id, s.id, s.category, s.onset, s.offset});
  const auto n = static_cast<std::size_t>(std::floor(duration * spec.frame_rate)) + 1;
  const std::vector<double> sampled = detail::sampling_times(spec, p, n);
  facial::FrameTable& f = g.frames;
  f.source = truth.id;
  f.format = spec.format;
  f.participant = truth.id;
  f.frame_rate = spec.frame_rate;
  f.time = detail::reported_times(spec, sampled);
  f.valid.assign(n, 1);
  f.confidence.assign(n, std::max(0.95 - (truth.glasses ? spec.glasses_confidence_drop : 0.0), 0.0));
  f.stimulus.assign(n, "");
  for (const Stimulus& s : protocol)
    for (std::size_t i = 0; i < n; ++i)
      if (f.time[i] >= s.onset && f.time[i] < s.offset) f.stimulus[i] = s.id;
  // Blinks close the eyes (and lower the confidence) for blink_s, as the detector sees it.
  const auto blinks = detail::blinks(spec, p, duration);
  std::vector<double> closure(blinks.empty() ? 0 : n, 0.0);
  for (const auto& b : blinks)
    for (std::size_t i = 0; i < n; ++i) {
      const double c = detail::blink_closure(sampled[i] - spec.detection_lag_s - b.onset, b.duration);
      if (c > 0.0 && closure[i] == 0.0) f.confidence[i] = std::max(f.confidence[i] - spec.blink_confidence_drop, 0.0);
      closure[i] = std::max(closure[i], c);
    }
  // Dropouts (face lost) after the blinks: their frames have no confidence at all.
  const auto drops = detail::dropouts(spec, p, duration);
  for (const auto& d : drops)
    for (std::size_t i = 0; i < n; ++i)
      if (f.time[i] >= d.onset && f.time[i] < d.onset + d.duration) {
        f.valid[i] = 0;
        f.confidence[i] = 0.0;
      }
  // The response shape of every stimulus at every frame (0 where it has died away).
  std::vector<std::vector<double>> response(protocol.size(), std::vector<double>(n, 0.0));
  for (std::size_t k = 0; k < protocol.size(); ++k) {
    const Stimulus& s = protocol[k];
    const double length = s.offset - s.onset;
    for (std::size_t i = 0; i < n; ++i) {
      const double since = sampled[i] - s.onset - spec.latency_s - spec.detection_lag_s;
      if (since <= 0.0 || since > (s.sustained ? length : 0.0) + 30.0) continue;
      response[k][i] = s.sustained ? shape.sustained(since, length) : shape.phasic(since);
    }
  }
  const auto channels = model_channels(spec.format);
  for (std::size_t c = 0; c <= channels.size(); ++c) {
    const bool blink = c == channels.size();
    if (blink && blinks.empty()) break;
    const std::string name = blink ? blink_channel(spec.format) : channels[c];
    const detail::Scale scale = detail::scale_of(spec.format, name);
    const double attenuation = truth.glasses && detail::eye_region(name) ? spec.glasses_attenuation : 1.0;
    std::vector<double> amplitudes(protocol.size(), 0.0);
    if (!blink)
      for (std::size_t k = 0; k < protocol.size(); ++k) amplitudes[k] = amplitude(truth, name, protocol[k], congruent);
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) {
      double a = blink ? closure[i] : truth.expressivity;
      for (std::size_t k = 0; k < protocol.size(); ++k)
        if (response[k][i] != 0.0) a += amplitudes[k] * response[k][i];
      if (attenuation != 1.0) a *= attenuation;
      if (spec.noise_sd > 0.0) a += spec.noise_sd * stream(spec, p, "noise", c * n + i).normal();
      a = std::clamp(a, 0.0, 1.0);  // the scale's floor and ceiling
      values[i] = f.valid[i] ? scale.to_scale(a) : kNaN;
    }
    f.add_channel({name, name, scale.description, 0.0, scale.factor}, std::move(values));
    if (blink) continue;
    for (std::size_t k = 0; k < protocol.size(); ++k) {
      g.r_stimulus.push_back(protocol[k].id);
      g.r_category.push_back(protocol[k].category);
      g.r_channel.push_back(name);
      g.r_amplitude.push_back(scale.factor * amplitudes[k]);
      g.r_peak.push_back(spec.latency_s + spec.detection_lag_s +
                         (protocol[k].sustained ? shape.peak_s() : spec.time_to_peak_s));
    }
  }
  std::vector<std::pair<double, std::pair<std::string, double>>> detector;
  for (const auto& d : drops) detector.push_back({d.onset, {"dropout", d.duration}});
  for (const auto& b : blinks) detector.push_back({b.onset, {"blink", b.duration}});
  std::stable_sort(detector.begin(), detector.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [onset, what] : detector) {
    g.d_event.push_back(what.first);
    g.d_onset.push_back(onset);
    g.d_duration.push_back(what.second);
  }
  return g;
}

}  // namespace

std::vector<std::string> model_channels(facial::SourceFormat format) {
  std::vector<std::string> channels{"AU01", "AU02", "AU04", "AU05", "AU06", "AU07", "AU09",
                                    "AU10", "AU12", "AU15", "AU20", "AU23", "AU26"};
  if (format == facial::SourceFormat::imotions_affdex)  // AFFDEX has no AU23 (lip tightener)
    channels.erase(std::find(channels.begin(), channels.end(), "AU23"));
  if (format != facial::SourceFormat::openface)
    for (const char* e : {"joy", "anger", "sadness", "disgust", "fear", "surprise"}) channels.push_back(e);
  return channels;
}

std::string blink_channel(facial::SourceFormat format) {
  return std::string(format == facial::SourceFormat::openface ? "AU45" : "AU43");
}

LabStudy generate_lab_study(const LabSpec& spec) {
  check_lab_spec(spec);
  const ResponseShape shape(spec.time_to_peak_s, spec.kernel_shape, spec.sustained_share);
  const Congruence congruent = facial::FeatureOptions::default_congruence();
  std::vector<Generated> generated(static_cast<std::size_t>(spec.participants));
  std::exception_ptr failure;
#pragma omp parallel for num_threads(spec.threads) schedule(dynamic, 1)
  for (int k = 0; k < spec.participants; ++k) {
    try {
      generated[static_cast<std::size_t>(k)] =
          generate_participant(spec, static_cast<std::uint64_t>(k), shape, congruent);
    } catch (...) {
#pragma omp critical(contagion_lab_failure)
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);

  LabStudy study;
  study.spec = spec;
  std::vector<std::string> r_participant, r_stimulus, r_category, r_channel, d_participant, d_event;
  std::vector<double> r_amplitude, r_peak, d_onset, d_duration;
  const auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
  for (Generated& g : generated) {
    r_participant.insert(r_participant.end(), g.r_stimulus.size(), g.truth.id);
    append(r_stimulus, g.r_stimulus);
    append(r_category, g.r_category);
    append(r_channel, g.r_channel);
    append(r_amplitude, g.r_amplitude);
    append(r_peak, g.r_peak);
    d_participant.insert(d_participant.end(), g.d_event.size(), g.truth.id);
    append(d_event, g.d_event);
    append(d_onset, g.d_onset);
    append(d_duration, g.d_duration);
    append(study.events, g.events);
    study.participants.push_back(std::move(g.truth));
    study.recordings.push_back(std::move(g.frames));
  }
  study.responses.add_text("participant", r_participant);
  study.responses.add_text("stimulus", r_stimulus);
  study.responses.add_text("category", r_category);
  study.responses.add_text("channel", r_channel);
  study.responses.add_numbers("amplitude", r_amplitude);
  study.responses.add_numbers("peak_s", r_peak);
  study.detector_events.add_text("participant", d_participant);
  study.detector_events.add_text("event", d_event);
  study.detector_events.add_numbers("onset", d_onset);
  study.detector_events.add_numbers("duration", d_duration);
  return study;
}

}  // namespace contagion::datasets
