// Quality, resampling, epochs with baselines, and the features, on hand-made signals whose
// answers are known: a gamma-shaped response of known peak, latency and area, a step, a
// linear ramp, a noise-free baseline.

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "contagion/core/error.hpp"
#include "contagion/facial/epochs.hpp"
#include "contagion/facial/features.hpp"
#include "contagion/facial/quality.hpp"
#include "contagion/facial/resample.hpp"

using namespace contagion::facial;
using Catch::Matchers::Contains;

namespace {

/// A recording of `seconds` at `rate` with channels given as functions of time.
FrameTable recording(double seconds, double rate,
                     const std::vector<std::pair<ChannelInfo, double (*)(double)>>& channels) {
  FrameTable f;
  f.source = "made.csv";
  f.participant = "p1";
  f.frame_rate = rate;
  const auto n = static_cast<std::size_t>(std::llround(seconds * rate)) + 1;
  for (std::size_t i = 0; i < n; ++i) f.time.push_back(static_cast<double>(i) / rate);
  f.valid.assign(n, 1);
  f.confidence.assign(n, 0.9);
  for (const auto& [info, fn] : channels) {
    std::vector<double> v;
    for (const double t : f.time) v.push_back(fn(t));
    f.add_channel(info, v);
  }
  return f;
}

ChannelInfo au(const char* name) {
  return {name, name, "intensity 0-5", 0.0, 5.0};
}

// A gamma-shaped response starting at t0 = 5 s: A (s/T)^a exp(a (1 - s/T)), peak A at s = T.
constexpr double kA = 2.5, kT = 1.5, kShape = 3.0, kOnset = 5.0;
double gamma_response(double t) {
  const double s = t - kOnset;
  return s <= 0.0 ? 0.0 : kA * std::pow(s / kT, kShape) * std::exp(kShape * (1.0 - s / kT));
}
// The same with a baseline that alternates +-0.05 before the onset (SD known).
double noisy_baseline(double t) {
  const double wobble = (static_cast<long>(std::llround(t * 100.0)) % 2 == 0) ? 0.05 : -0.05;
  return t < kOnset ? 1.0 + wobble : 1.0 + gamma_response(t);
}
double step_at_half_second(double t) {
  return t >= kOnset + 0.5 ? 1.0 : 0.0;
}
double ramp(double t) {
  return 2.0 * t + 1.0;
}
double zero(double) {
  return 0.0;
}

double feature(const FeatureTable& table, const std::string& stimulus, const std::string& channel,
               const std::string& name) {
  for (const auto& r : table.rows)
    if (r.stimulus == stimulus && r.channel == channel && r.feature == name) return r.value;
  FAIL("no feature " << stimulus << " " << channel << " " << name);
  return 0.0;
}

}  // namespace

TEST_CASE("features of a gamma-shaped response: peak, time to peak, area, onset latency", "[facial][features]") {
  const FrameTable f = recording(20.0, 100.0, {{au("AU12"), noisy_baseline}, {au("AU04"), step_at_half_second}});
  EpochOptions eo;
  eo.baseline_s = 1.0;
  const auto epochs = cut_epochs(f, {{"p1", "HA01", "happy", kOnset, kOnset + 10.0}}, eo);
  REQUIRE(epochs.size() == 1);
  CHECK(epochs[0].baseline[0] == Approx(1.0).margin(1e-12));  // +-0.05 alternating over 100 samples
  CHECK(epochs[0].baseline_sd[0] == Approx(0.05 * std::sqrt(100.0 / 99.0)).epsilon(1e-9));
  const FeatureTable t = epoch_features(f, epochs);
  CHECK(feature(t, "HA01", "AU12", "max") == Approx(kA).epsilon(1e-9));
  CHECK(feature(t, "HA01", "AU12", "time_to_peak") == Approx(kT).margin(1e-9));
  // Area: A T e^a Gamma(a + 1) / a^(a + 1) (the tail after 10 s is negligible).
  const double area = kA * kT * std::exp(kShape) * std::tgamma(kShape + 1.0) / std::pow(kShape, kShape + 1.0);
  CHECK(feature(t, "HA01", "AU12", "auc") == Approx(area).epsilon(1e-4));
  // Onset: the first sample above 2 baseline SDs; h(s) = 2 sd solved by bisection.
  const double threshold = 2.0 * epochs[0].baseline_sd[0];
  double lo = 0.0, hi = kT;
  for (int k = 0; k < 100; ++k) (gamma_response(kOnset + (lo + hi) / 2) > threshold ? hi : lo) = (lo + hi) / 2;
  CHECK(feature(t, "HA01", "AU12", "onset_latency") == Approx(std::ceil(hi * 100.0) / 100.0).margin(1e-9));
  // Within the first 2 s the peak (at 1.5 s) is included.
  CHECK(feature(t, "HA01", "AU12", "max_first_2s") == Approx(kA).epsilon(1e-9));
  // The step: 0 for 0.5 s then 1 until 10 s.
  CHECK(feature(t, "HA01", "AU04", "max") == 1.0);
  CHECK(feature(t, "HA01", "AU04", "time_to_peak") == Approx(0.5));
  CHECK(feature(t, "HA01", "AU04", "mean") == Approx(950.0 / 1000.0).epsilon(1e-3));
  CHECK(feature(t, "HA01", "AU04", "auc") == Approx(9.5).margin(0.006));  // one trapezoid at the step
  CHECK(std::isnan(feature(t, "HA01", "AU04", "onset_latency")));         // a flat baseline has no SD
}

TEST_CASE("mimicry congruence, category means and overall reactivity", "[facial][features]") {
  const FrameTable f = recording(30.0, 10.0,
                                 {{au("AU04"), [](double t) { return t >= 5.0 && t < 15.0 ? 0.5 : 0.0; }},
                                  {au("AU06"), zero},
                                  {au("AU12"), [](double t) { return t >= 5.0 && t < 15.0 ? 2.5 : 0.0; }}});
  const std::vector<Event> events{{"p1", "HA01", "Happy", 5.0, 15.0}, {"p1", "NE01", "neutral", 20.0, 28.0}};
  const FeatureTable t = epoch_features(f, cut_epochs(f, events));
  // Happy: congruent AU06 (0) and AU12 (2.5 / 5 = 0.5), the other AU04 (0.5 / 5 = 0.1).
  CHECK(feature(t, "HA01", "*", "mimicry_congruence") == Approx(0.25 - 0.1));
  CHECK(std::isnan(feature(t, "NE01", "*", "mimicry_congruence")));  // no congruent set for neutral
  CHECK(feature(t, "*", "AU12", "max") == Approx(2.5));              // the happy category mean
  // Overall reactivity: mean normalised max over the non-neutral epochs' channels.
  CHECK(feature(t, "*", "*", "overall_reactivity") == Approx((0.1 + 0.0 + 0.5) / 3.0));
  const contagion::Table table = t.to_table();
  CHECK(table.names() ==
        std::vector<std::string>{"participant", "stimulus", "category", "channel", "feature", "value"});
  CHECK(FeatureTable::from_table(contagion::parse_csv(table.to_csv(), "f.csv")).rows.size() == t.rows.size());
}

TEST_CASE("baselines: pre-stimulus mean or median, percent change, the neutral stimulus", "[facial][epochs]") {
  const FrameTable f =
      recording(20.0, 10.0, {{au("AU12"), [](double t) { return t < 5.0 ? 2.0 : (t < 10.0 ? 3.0 : 1.5); }}});
  EpochOptions o;
  o.baseline_s = 2.0;
  const auto mean = cut_epochs(f, {{"p1", "s", "happy", 5.0, 8.0}}, o);
  CHECK(mean[0].values[0].front() == Approx(1.0));
  CHECK(mean[0].time.front() == Approx(0.0));
  CHECK(mean[0].time.size() == 30);
  o.percent_change = true;
  CHECK(cut_epochs(f, {{"p1", "s", "happy", 5.0, 8.0}}, o)[0].values[0].front() == Approx(50.0));
  o.percent_change = false;
  o.baseline = BaselineMethod::neutral_stimulus;
  const auto neutral = cut_epochs(f, {{"p1", "s", "happy", 5.0, 8.0}, {"p1", "n", "neutral", 12.0, 18.0}}, o);
  CHECK(neutral[0].values[0].front() == Approx(1.5));
  CHECK_THROWS_WITH(cut_epochs(f, {{"p1", "s", "happy", 5.0, 8.0}}, o),
                    Contains("no valid frames in the neutral stimuli"));
  // Other participants' events are skipped.
  CHECK(cut_epochs(f, {{"p2", "s", "happy", 5.0, 8.0}}, EpochOptions{}).empty());
}

TEST_CASE("resampling: block averages going down, interpolation going up, long gaps stay missing",
          "[facial][resample]") {
  FrameTable f = recording(10.0, 100.0, {{au("AU12"), ramp}});
  const FrameTable down = resample(f, {10.0, 0.5});
  REQUIRE(down.frames() == 101);
  // The bin around t = 1 s holds the samples 0.95 .. 1.04: their mean is the ramp at 0.995.
  CHECK(down.values[0][10] == Approx(ramp(0.995)).epsilon(1e-12));
  const FrameTable coarse = recording(10.0, 10.0, {{au("AU12"), ramp}});
  const FrameTable up = resample(coarse, {100.0, 0.5});
  REQUIRE(up.frames() == 1001);
  CHECK(up.values[0][123] == Approx(ramp(1.23)).epsilon(1e-12));  // linear signals are exact
  // Knock out 0.3 s (bridged) and 2 s (kept missing).
  FrameTable gappy = coarse;
  for (std::size_t i = 20; i < 23; ++i) gappy.valid[i] = 0;  // 2.0 .. 2.2 s
  for (std::size_t i = 50; i < 70; ++i) gappy.valid[i] = 0;  // 5.0 .. 6.9 s
  const FrameTable bridged = resample(gappy, {100.0, 0.5});
  CHECK(bridged.valid[210] == 1);
  CHECK(bridged.values[0][210] == Approx(ramp(2.1)));
  CHECK(bridged.valid[600] == 0);
  CHECK(std::isnan(bridged.values[0][600]));
  CHECK_THROWS_WITH(resample(f, {0.0, 0.5}), Contains("must be positive"));
}

TEST_CASE("recording quality and its 0-3 grade", "[facial][quality]") {
  FrameTable f = recording(100.0, 10.0, {{au("AU12"), zero}});  // 1001 frames
  CHECK(assess_quality(f).grade == 0);
  CHECK(assess_quality(f).mean_confidence == Approx(0.9));
  for (std::size_t i = 100; i < 130; ++i) f.valid[i] = 0;  // a 3.1 s gap
  RecordingQuality q = assess_quality(f);
  CHECK(q.longest_gap_s == Approx(3.1));
  CHECK(q.grade == 1);
  for (std::size_t i = 0; i < 1001; ++i) f.valid[i] = i % 4 == 0;  // a quarter valid
  CHECK(assess_quality(f).grade == 2);
  for (std::size_t i = 0; i < 1001; ++i) f.valid[i] = i == 500;
  q = assess_quality(f);
  CHECK(q.grade == 3);
  CHECK(q.longest_gap_s == Approx(50.0));
  CHECK(q.fraction_valid == Approx(1.0 / 1001.0));
}

TEST_CASE("intersubject correlation of one channel", "[facial][features]") {
  Epoch a, b, c;
  for (int i = 0; i < 50; ++i) {
    const double x = std::sin(i * 0.3);
    a.values.push_back({});
    a.values[0].push_back(x);
  }
  a.values.resize(1);
  b = a;
  c = a;
  for (double& v : c.values[0]) v = -v;
  CHECK(intersubject_correlation({&a, &b}, 0) == Approx(1.0));
  CHECK(intersubject_correlation({&a, &b, &c}, 0) == Approx((1.0 - 1.0 - 1.0) / 3.0));
  CHECK(std::isnan(intersubject_correlation({&a}, 0)));
}

TEST_CASE("stimulus categories are canonical", "[facial][features]") {
  CHECK(canonical_category("Happiness") == "happy");
  CHECK(canonical_category("ANGRY") == "angry");
  CHECK(canonical_category("afraid") == "fear");
  CHECK(canonical_category("calm") == "calm");
}

TEST_CASE("mean time courses per category, over the epochs valid at each time", "[facial][features]") {
  // AU12 rises to 1 during the first happy stimulus and to 3 during the second: the happy
  // mean is 2 while both are valid, and 3 where the first epoch's frames are invalid.
  FrameTable f = recording(40.0, 10.0, {{au("AU12"), [](double t) {
                                           if (t >= 5.0 && t < 10.0) return 1.0;
                                           if (t >= 25.0 && t < 30.0) return 3.0;
                                           return 0.0;
                                         }}});
  for (std::size_t i = 80; i < 90; ++i) f.valid[i] = 0;  // 8.0 .. 8.9 s: 3 .. 3.9 s into the first epoch
  EpochOptions o;
  o.baseline = BaselineMethod::none;
  const auto epochs = cut_epochs(f, {{"p1", "HA01", "happy", 5.0, 10.0}, {"p1", "HA02", "Happiness", 25.0, 30.0}}, o);
  const auto rows = category_time_courses(f, epochs, {"AU12", "AU99"});
  REQUIRE(rows.size() == 50);  // 5 s at 10 frames per second; AU99 does not exist
  CHECK(rows[0].category == "happy");
  CHECK(rows[0].time == 0.0);
  CHECK(rows[0].mean == Approx(2.0));
  CHECK(rows[0].epochs == 2);
  CHECK(rows[35].time == Approx(3.5));
  CHECK(rows[35].mean == Approx(3.0));
  CHECK(rows[35].epochs == 1);
}
