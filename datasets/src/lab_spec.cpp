// The ranges of every LabSpec setting (docs/synthetic.md); the error names the setting.

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "contagion/core/error.hpp"
#include "contagion/datasets/lab_study.hpp"
#include "contagion/datasets/response.hpp"
#include "scales.hpp"

namespace contagion::datasets {
namespace {

void in_range(const char* name, double v, double lo, double hi) {
  if (!(v >= lo && v <= hi) || !std::isfinite(v))
    throw ParameterError(name, fmt::format("{}", v), fmt::format("[{}, {}]", lo, hi));
}
void positive(const char* name, double v) {
  if (!(v > 0.0) || !std::isfinite(v)) throw ParameterError(name, fmt::format("{}", v), "(0, inf)");
}
void non_negative(const char* name, double v) {
  if (!(v >= 0.0) || !std::isfinite(v)) throw ParameterError(name, fmt::format("{}", v), "[0, inf)");
}

void check_shifts(const char* name, const std::vector<double>& shifts, std::size_t groups) {
  if (!shifts.empty() && shifts.size() != groups)
    throw ParameterError(name, fmt::format("{} values", shifts.size()), fmt::format("one per group ({})", groups));
  for (const double s : shifts)
    if (!std::isfinite(s)) throw ParameterError(name, fmt::format("{}", s), "finite numbers");
}

}  // namespace

void check_lab_spec(const LabSpec& s) {
  if (s.participants < 1) throw ParameterError("participants", fmt::format("{}", s.participants), "1 or more");
  if (s.blocks < 1) throw ParameterError("blocks", fmt::format("{}", s.blocks), "1 or more");
  if (s.threads < 1) throw ParameterError("threads", fmt::format("{}", s.threads), "1 or more");
  positive("frame_rate", s.frame_rate);
  positive("time_to_peak_s", s.time_to_peak_s);
  positive("kernel_shape", s.kernel_shape);
  positive("dropout_s", s.dropout_s);
  positive("blink_s", s.blink_s);
  non_negative("lead_in_s", s.lead_in_s);
  non_negative("latency_s", s.latency_s);
  non_negative("noise_sd", s.noise_sd);
  non_negative("detection_lag_s", s.detection_lag_s);
  non_negative("dropouts_per_min", s.dropouts_per_min);
  non_negative("blinks_per_min", s.blinks_per_min);
  non_negative("film_gap_s", s.film_gap_s);
  non_negative("list_tail_s", s.list_tail_s);
  in_range("blink_confidence_drop", s.blink_confidence_drop, 0.0, 1.0);
  in_range("glasses_share", s.glasses_share, 0.0, 1.0);
  in_range("glasses_attenuation", s.glasses_attenuation, 0.0, 1.0);
  in_range("glasses_confidence_drop", s.glasses_confidence_drop, 0.0, 1.0);
  in_range("jitter_sd_s", s.jitter_sd_s, 0.0, 0.15 / s.frame_rate);
  for (const auto& [name, r] : {std::pair{"reactivity_eq_correlation", s.reactivity_eq_correlation},
                                std::pair{"reactivity_ecs_correlation", s.reactivity_ecs_correlation},
                                std::pair{"reactivity_depression_correlation", s.reactivity_depression_correlation}})
    in_range(name, r, -1.0, 1.0);
  if (!std::isfinite(s.female_eq_shift_sd))
    throw ParameterError("female_eq_shift_sd", fmt::format("{}", s.female_eq_shift_sd), "finite numbers");
  in_range("eq_mean", s.eq_mean, 0.0, 80.0);
  non_negative("eq_sd", s.eq_sd);
  in_range("ecs_mean", s.ecs_mean, 15.0, 60.0);
  non_negative("ecs_sd", s.ecs_sd);
  in_range("depression_mean", s.depression_mean, 0.0, 63.0);
  non_negative("depression_sd", s.depression_sd);
  if (s.age_bands.empty()) throw ParameterError("age_bands", "none", "1 or more bands");
  if (s.groups.empty()) throw ParameterError("groups", "none", "1 or more groups");
  check_shifts("group_reactivity_shift_sd", s.group_reactivity_shift_sd, s.groups.size());
  check_shifts("group_depression_shift_sd", s.group_depression_shift_sd, s.groups.size());
  detail::scale_of(s.format, "AU01");  // a format synthetic studies are written in
  if (s.format == facial::SourceFormat::facereader && s.frame_rate > 100.0)
    throw ParameterError("frame_rate", fmt::format("{}", s.frame_rate), "(0, 100] for FaceReader's millisecond clock");

  const ResponseShape shape(s.time_to_peak_s, s.kernel_shape, s.sustained_share);
  const auto long_enough = [&](const std::string& name, double length) {
    if (length < shape.peak_s())
      throw ParameterError(name, fmt::format("{}", length),
                           fmt::format("[{:.4g}, inf): the sustained response peaks {:.4g} s after its onset",
                                       shape.peak_s(), shape.peak_s()));
  };
  if (s.protocol == Protocol::film) {
    check_film_clips(s.clips);
    for (const FilmClip& c : s.clips) long_enough("clips." + c.id + ".length_s", c.length_s);
  }
  if (s.protocol == Protocol::list) {
    if (s.stimulus_list.empty()) throw ParameterError("stimulus_list", "empty", "1 or more stimuli");
    if (s.list_sustained)
      for (const Stimulus& st : s.stimulus_list) long_enough("stimulus " + st.id + " length", st.offset - st.onset);
  }
}

void set_protocol(LabSpec& spec, const std::string& name, const std::string& base_dir) {
  if (name == "kdef") {
    spec.protocol = Protocol::kdef;
  } else if (name == "film") {
    spec.protocol = Protocol::film;
  } else {
    const std::filesystem::path path(name);
    spec.protocol = Protocol::list;
    spec.stimulus_list = read_stimulus_list(
        path.is_absolute() || base_dir.empty() ? name : (std::filesystem::path(base_dir) / path).string());
  }
}

}  // namespace contagion::datasets
