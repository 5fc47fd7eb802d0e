#include "contagion/datasets/validation.hpp"

#include <fmt/format.h>

#include <cmath>
#include <exception>
#include <map>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/facial/pipeline.hpp"
#include "contagion/facial/readers.hpp"
#include "contagion/stats/correlation.hpp"
#include "contagion/stats/ttest.hpp"

namespace contagion::datasets {
namespace {

struct Replicate {
  bool detected = false, false_positive = false;
  double r_eq = 0.0, r_recovery = 0.0;
  double error_sum = 0.0, squared_sum = 0.0;
  std::size_t errors = 0;
};

Replicate run_replicate(const ValidationSpec& spec, int n, int r) {
  LabSpec lab = spec.lab;
  lab.participants = n;
  // Each (sample size, replicate) has its own seed, derived from the spec's.
  lab.seed = RandomStream({spec.lab.seed, StreamPurpose::initial_state, static_cast<std::uint64_t>(n),
                           stream_id("validation replicate"), static_cast<std::uint64_t>(r)})
                 .bits();
  const LabStudy study = generate_lab_study(lab);
  facial::PipelineOptions options;
  options.read.frame_rate = lab.frame_rate;
  options.resample.rate = lab.frame_rate;
  std::map<std::string, double> reactivity;
  std::map<std::tuple<std::string, std::string, std::string>, double> measured_max;
  for (const facial::FrameTable& original : study.recordings) {
    facial::FrameTable frames = original;
    if (spec.through_format)
      frames = facial::parse_frames(facial::format_frames(original, lab.format), original.participant + ".export",
                                    options.read);
    frames.participant = original.participant;
    const facial::FeatureTable features = facial::process_recording(frames, study.events, options).features;
    for (const auto& row : features.rows) {
      if (row.feature == "overall_reactivity") reactivity[row.participant] = row.value;
      if (row.feature == "max" && row.stimulus != "*")
        measured_max[{row.participant, row.stimulus, row.channel}] = row.value;
    }
  }
  std::vector<double> eq, truth, measured;
  std::vector<double> women, men;
  for (const auto& p : study.participants) {
    const auto it = reactivity.find(p.id);
    if (it == reactivity.end() || !std::isfinite(it->second)) continue;
    eq.push_back(p.eq);
    truth.push_back(p.reactivity);
    measured.push_back(it->second);
    (p.gender == "f" ? women : men).push_back(it->second);
  }
  Replicate out;
  const stats::Correlation c = stats::pearson(eq, measured);
  out.r_eq = c.r;
  out.detected = c.p < spec.alpha;
  out.r_recovery = stats::pearson(truth, measured).r;
  if (women.size() >= 2 && men.size() >= 2) out.false_positive = stats::welch_t(women, men).p < spec.alpha;
  // Peaks: measured max against the true amplitude, as fractions of the channel's scale.
  const Table& responses = study.responses;
  const auto& participant = responses.text("participant");
  const auto& stimulus = responses.text("stimulus");
  const auto& channel = responses.text("channel");
  const std::vector<double> amplitude = responses.numbers("amplitude");
  std::map<std::string, double> range;
  for (const auto& ch : study.recordings.front().channels) range[ch.name] = ch.high - ch.low;
  for (std::size_t i = 0; i < responses.rows(); ++i) {
    const auto it = measured_max.find({participant[i], stimulus[i], channel[i]});
    if (it == measured_max.end() || !std::isfinite(it->second) || amplitude[i] <= 0.0) continue;
    const double e = (it->second - amplitude[i]) / range.at(channel[i]);
    out.error_sum += e;
    out.squared_sum += e * e;
    ++out.errors;
  }
  return out;
}

}  // namespace

std::pair<double, double> wilson_interval(int k, int n) {
  if (n <= 0) return {std::nan(""), std::nan("")};
  const double z = 1.959963984540054, p = static_cast<double>(k) / n, nn = static_cast<double>(n);
  const double centre = (p + z * z / (2.0 * nn)) / (1.0 + z * z / nn);
  const double half = z / (1.0 + z * z / nn) * std::sqrt(p * (1.0 - p) / nn + z * z / (4.0 * nn * nn));
  return {centre - half, centre + half};
}

ValidationResult validate_measures(const ValidationSpec& spec) {
  if (spec.sample_sizes.empty()) throw Error("validation needs at least one sample size");
  if (spec.replicates < 1) throw ParameterError("replicates", fmt::format("{}", spec.replicates), "1 or more");
  for (const int n : spec.sample_sizes)
    if (n < 4) throw ParameterError("sample size", fmt::format("{}", n), "4 or more participants");
  std::vector<std::pair<int, int>> tasks;  // (size index, replicate)
  for (std::size_t s = 0; s < spec.sample_sizes.size(); ++s)
    for (int r = 0; r < spec.replicates; ++r) tasks.push_back({static_cast<int>(s), r});
  std::vector<Replicate> results(tasks.size());
  std::vector<std::exception_ptr> errors(tasks.size());
  const auto count = static_cast<std::int64_t>(tasks.size());
#pragma omp parallel for num_threads(std::max(spec.threads, 1)) schedule(dynamic, 1)
  for (std::int64_t k = 0; k < count; ++k) {
    const auto i = static_cast<std::size_t>(k);
    try {
      results[i] = run_replicate(spec, spec.sample_sizes[static_cast<std::size_t>(tasks[i].first)], tasks[i].second);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);

  std::vector<double> n_col, reps, power, power_lo, power_hi, r_eq, r_rec, fp, fp_lo, fp_hi, bias, rmse;
  for (std::size_t s = 0; s < spec.sample_sizes.size(); ++s) {
    int detected = 0, false_positives = 0;
    double sum_eq = 0.0, sum_rec = 0.0, err = 0.0, sq = 0.0;
    std::size_t errs = 0;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      if (tasks[i].first != static_cast<int>(s)) continue;
      const Replicate& r = results[i];
      detected += r.detected;
      false_positives += r.false_positive;
      sum_eq += r.r_eq;
      sum_rec += r.r_recovery;
      err += r.error_sum;
      sq += r.squared_sum;
      errs += r.errors;
    }
    const int R = spec.replicates;
    const auto [plo, phi] = wilson_interval(detected, R);
    const auto [flo, fhi] = wilson_interval(false_positives, R);
    n_col.push_back(spec.sample_sizes[s]);
    reps.push_back(R);
    power.push_back(static_cast<double>(detected) / R);
    power_lo.push_back(plo);
    power_hi.push_back(phi);
    r_eq.push_back(sum_eq / R);
    r_rec.push_back(sum_rec / R);
    fp.push_back(static_cast<double>(false_positives) / R);
    fp_lo.push_back(flo);
    fp_hi.push_back(fhi);
    bias.push_back(errs ? err / static_cast<double>(errs) : std::nan(""));
    rmse.push_back(errs ? std::sqrt(sq / static_cast<double>(errs)) : std::nan(""));
  }
  ValidationResult out;
  for (const auto& [name, v] : {std::pair{"n", n_col},
                                {"replicates", reps},
                                {"power", power},
                                {"power_ci_low", power_lo},
                                {"power_ci_high", power_hi},
                                {"mean_r_eq", r_eq},
                                {"mean_r_true_measured", r_rec},
                                {"false_positive_rate", fp},
                                {"fp_ci_low", fp_lo},
                                {"fp_ci_high", fp_hi}})
    out.power.add_numbers(name, v);
  out.recovery.add_numbers("n", n_col);
  out.recovery.add_numbers("peak_bias", bias);
  out.recovery.add_numbers("peak_rmse", rmse);
  return out;
}

Table noise_sensitivity(const ValidationSpec& spec, const std::vector<double>& noise_levels) {
  if (noise_levels.empty()) throw Error("the sensitivity table needs at least one noise level");
  std::vector<double> noise, n, power, recovered, rmse;
  for (const double level : noise_levels) {
    ValidationSpec one = spec;
    one.lab.noise_sd = level;
    one.sample_sizes = {spec.sample_sizes.empty() ? 40 : spec.sample_sizes.front()};
    const ValidationResult r = validate_measures(one);
    noise.push_back(level);
    n.push_back(one.sample_sizes.front());
    power.push_back(r.power.numbers("power")[0]);
    recovered.push_back(r.power.numbers("mean_r_true_measured")[0]);
    rmse.push_back(r.recovery.numbers("peak_rmse")[0]);
  }
  Table t;
  for (const auto& [name, v] : {std::pair{"noise_sd", noise},
                                {"n", n},
                                {"power", power},
                                {"mean_r_true_measured", recovered},
                                {"peak_rmse", rmse}})
    t.add_numbers(name, v);
  return t;
}

}  // namespace contagion::datasets
