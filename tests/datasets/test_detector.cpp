// Detector effects of synthetic studies: blinks at their Poisson rate, glasses attenuating the
// eye-region AUs exactly by their factor, sampling jitter with strictly increasing times and
// the given SD; every effect off by default; determinism for any thread count.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "contagion/datasets/lab_study.hpp"

using namespace contagion;
using namespace contagion::datasets;

namespace {

/// Equal numbers, NaN (a dropout) where the other has NaN.
bool same(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t c = 0; c < a.size(); ++c)
    if (!std::equal(a[c].begin(), a[c].end(), b[c].begin(), b[c].end(),
                    [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }))
      return false;
  return true;
}

LabSpec long_recording() {
  LabSpec spec;
  spec.participants = 1;
  spec.blocks = 20;  // 20 x 7 images x 18 s: 42 minutes
  return spec;
}

}  // namespace

TEST_CASE("detector effects are off by default", "[datasets][detector]") {
  LabSpec spec;
  spec.participants = 3;
  const LabStudy study = generate_lab_study(spec);
  CHECK(study.detector_events.rows() == 0);
  for (const auto& f : study.recordings) {
    CHECK(!f.has_channel("AU45"));
    for (std::size_t i = 0; i < f.frames(); ++i) {
      REQUIRE(f.time[i] == static_cast<double>(i) / 30.0);
      REQUIRE(f.confidence[i] == 0.95);
    }
  }
  for (const auto& p : study.participants) CHECK(!p.glasses);
}

TEST_CASE("blinks: a Poisson rate per minute, short AU45 spikes and a confidence drop", "[datasets][detector]") {
  LabSpec spec = long_recording();
  spec.blinks_per_min = 15.0;
  const LabStudy study = generate_lab_study(spec);
  const auto& f = study.recordings[0];
  const double minutes = f.time.back() / 60.0;
  const auto& events = study.detector_events.text("event");
  const double blinks = static_cast<double>(std::count(events.begin(), events.end(), "blink"));
  const double expected = 15.0 * minutes;
  INFO(blinks << " blinks in " << minutes << " minutes");
  CHECK(std::fabs(blinks - expected) < 3.3 * std::sqrt(expected));  // Poisson, 99.9 %
  // Each blink is a spike in AU45 that reaches near the top of the scale (0-5) within 0.3 s.
  const auto au45 = f.channel("AU45");
  const auto onsets = study.detector_events.numbers("onset");
  for (std::size_t b = 0; b < onsets.size(); ++b) {
    if (onsets[b] > f.time.back() - spec.blink_s) continue;  // cut short by the end of the recording
    double top = 0.0;
    for (std::size_t i = 0; i < f.frames(); ++i)
      if (f.time[i] > onsets[b] && f.time[i] < onsets[b] + spec.blink_s) top = std::max(top, au45[i]);
    CHECK(top > 0.85 * 5.0);  // sin(pi s / 0.3 s) sampled at 30 frames per second
  }
  std::size_t closed = 0, low_confidence = 0;
  for (std::size_t i = 0; i < f.frames(); ++i) {
    if (au45[i] > 0.0) ++closed;
    if (std::fabs(f.confidence[i] - 0.65) < 1e-12) ++low_confidence;
    if (au45[i] == 0.0) REQUIRE(f.confidence[i] == 0.95);
  }
  CHECK(closed == low_confidence);
  CHECK(closed > 0);
}

TEST_CASE("glasses attenuate the eye-region AUs exactly by the factor, noise-free", "[datasets][detector]") {
  LabSpec spec;
  spec.participants = 2;
  spec.glasses_attenuation = 0.7;
  const LabStudy without = generate_lab_study(spec);
  spec.glasses_share = 1.0;
  const LabStudy with = generate_lab_study(spec);
  for (std::size_t k = 0; k < 2; ++k) {
    CHECK(with.participants[k].glasses);
    const auto& a = without.recordings[k];
    const auto& b = with.recordings[k];
    for (const auto& channel : a.channels) {
      INFO(channel.name);
      const bool eye = channel.name <= "AU07";
      const auto x = a.channel(channel.name), y = b.channel(channel.name);
      for (std::size_t i = 0; i < x.size(); ++i) REQUIRE(y[i] == Approx(eye ? 0.7 * x[i] : x[i]).epsilon(1e-14));
    }
    CHECK(b.confidence[0] == Approx(0.85));
  }
  // The truth is the face, not what the detector saw.
  CHECK(with.responses.numbers("amplitude") == without.responses.numbers("amplitude"));
  spec.glasses_share = 0.3;
  spec.participants = 400;
  spec.blocks = 1;
  const LabStudy some = generate_lab_study(spec);
  double wearing = 0.0;
  for (const auto& p : some.participants) wearing += p.glasses ? 1.0 : 0.0;
  CHECK(std::fabs(wearing - 120.0) < 3.3 * std::sqrt(400 * 0.3 * 0.7));
}

TEST_CASE("sampling jitter: strictly increasing times around the nominal grid with the given SD",
          "[datasets][detector]") {
  LabSpec spec = long_recording();
  spec.jitter_sd_s = 0.004;
  const LabStudy study = generate_lab_study(spec);
  const auto& f = study.recordings[0];
  double sum = 0.0, squares = 0.0;
  for (std::size_t i = 0; i < f.frames(); ++i) {
    if (i > 0) REQUIRE(f.time[i] > f.time[i - 1]);
    const double d = f.time[i] - static_cast<double>(i) / 30.0;
    REQUIRE(std::fabs(d) <= 0.45 / 30.0);
    sum += d;
    squares += d * d;
  }
  const double n = static_cast<double>(f.frames());
  const double sd = std::sqrt(squares / n - (sum / n) * (sum / n));
  INFO("jitter SD " << sd << " over " << n << " frames");
  CHECK(std::fabs(sd - 0.004) < 0.004 * 4.0 / std::sqrt(2.0 * n));  // the SD's standard error is sd / sqrt(2n)
  CHECK(std::fabs(sum / n) < 4.0 * 0.004 / std::sqrt(n));
  // The values are those of the true (jittered) sampling times: not those of the nominal grid.
  spec.jitter_sd_s = 0.0;
  const LabStudy grid = generate_lab_study(spec);
  CHECK(grid.recordings[0].channel("AU12")[400] != f.channel("AU12")[400]);
  // Py-Feat has no clock: its times stay on the grid, the values are still sampled off it.
  spec.jitter_sd_s = 0.004;
  spec.format = facial::SourceFormat::pyfeat;
  const LabStudy pyfeat = generate_lab_study(spec);
  CHECK(pyfeat.recordings[0].time[400] == 400.0 / 30.0);
  CHECK(5.0 * pyfeat.recordings[0].channel("AU12")[400] == Approx(f.channel("AU12")[400]).epsilon(1e-14));
}

TEST_CASE("synthetic studies do not depend on the thread count", "[datasets][detector]") {
  LabSpec spec;
  spec.participants = 5;
  spec.protocol = Protocol::film;
  spec.noise_sd = 0.03;
  spec.blinks_per_min = 12.0;
  spec.dropouts_per_min = 1.0;
  spec.glasses_share = 0.5;
  spec.jitter_sd_s = 0.003;
  spec.threads = 1;
  const LabStudy one = generate_lab_study(spec);
  spec.threads = 2;
  const LabStudy two = generate_lab_study(spec);
  const LabStudy again = generate_lab_study(spec);
  for (const LabStudy* other : {&two, &again}) {
    for (std::size_t k = 0; k < 5; ++k) {
      CHECK(same(one.recordings[k].values, other->recordings[k].values));
      CHECK(one.recordings[k].time == other->recordings[k].time);
      CHECK(one.recordings[k].confidence == other->recordings[k].confidence);
      CHECK(one.participants[k].ecs == other->participants[k].ecs);
    }
    CHECK(one.detector_events.to_csv() == other->detector_events.to_csv());
    CHECK(one.responses.to_csv() == other->responses.to_csv());
  }
}
