// Synthetic lab studies: exported in real formats, read back by the project's readers with
// the same numbers; noise-free data give back the true peaks and latencies through the real
// feature pipeline; EQ answers score exactly the true EQ; with noise, reactivity is recovered.

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>

#include "contagion/core/error.hpp"
#include "contagion/datasets/lab_study.hpp"
#include "contagion/facial/pipeline.hpp"
#include "contagion/stats/correlation.hpp"
#include "contagion/stats/questionnaire.hpp"

using namespace contagion;
using namespace contagion::datasets;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) : path(fs::temp_directory_path() / name) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::vector<std::string> recordings(const LabStudy& study, const fs::path& dir, const char* extension) {
  std::vector<std::string> paths;
  for (const auto& p : study.participants) paths.push_back((dir / (p.id + extension)).string());
  return paths;
}

}  // namespace

TEST_CASE("the KDEF protocol: 4 blocks of 7 images, 10 s on and 8 s off, shuffled per block", "[datasets][lab]") {
  const auto a = kdef_protocol(1, 0), b = kdef_protocol(1, 1);
  REQUIRE(a.size() == 28);
  CHECK(a.front().onset == 10.0);
  CHECK(a.back().offset == 10.0 + 27 * 18.0 + 10.0);
  std::map<std::string, int> per_category;
  for (int i = 0; i < 7; ++i) ++per_category[a[static_cast<std::size_t>(i)].category];
  CHECK(per_category.size() == 7);  // every emotion once in the first block
  bool differ = false;
  for (std::size_t i = 0; i < a.size(); ++i) differ = differ || a[i].category != b[i].category;
  CHECK(differ);  // another participant, another order
  CHECK(kdef_protocol(1, 0)[3].id == a[3].id);
}

TEST_CASE("noise-free study: the feature pipeline recovers the true peaks and latencies", "[datasets][lab]") {
  LabSpec spec;
  spec.participants = 3;
  spec.seed = 5;
  const LabStudy study = generate_lab_study(spec);
  TempDir dir("contagion_lab_noise_free");
  write_lab_study(study, dir.path.string());
  facial::PipelineOptions options;
  options.read.frame_rate = 30.0;
  const auto events = facial::read_events((dir.path / "events.csv").string());
  const auto result = facial::run_pipeline(recordings(study, dir.path, ".csv"), events, options, 2);
  std::map<std::tuple<std::string, std::string, std::string>, double> truth;
  const auto& r = study.responses;
  const auto amplitude = r.numbers("amplitude");
  for (std::size_t i = 0; i < r.rows(); ++i)
    truth[{r.text("participant")[i], r.text("stimulus")[i], r.text("channel")[i]}] = amplitude[i];
  int checked = 0;
  for (const auto& row : result.features.rows) {
    if (row.stimulus == "*" || row.channel == "*") continue;
    const double expected = truth.at({row.participant, row.stimulus, row.channel});
    if (row.feature == "max" && expected > 0.05) {
      INFO(row.participant << " " << row.stimulus << " " << row.channel);
      CHECK(row.value == Approx(expected).epsilon(1e-6));
      ++checked;
    }
    if (row.feature == "time_to_peak" && expected > 0.05) CHECK(row.value == Approx(1.8).margin(1e-9));
  }
  CHECK(checked > 100);
}

TEST_CASE("EQ answers score exactly the true EQ", "[datasets][lab]") {
  LabSpec spec;
  spec.participants = 12;
  const LabStudy study = generate_lab_study(spec);
  TempDir dir("contagion_lab_eq");
  write_lab_study(study, dir.path.string());
  const auto scores = stats::score_questionnaire(read_csv((dir.path / "eq_items.csv").string()),
                                                 stats::empathy_quotient_key(), "eq_", "participant");
  CHECK(scores.problems.empty());
  for (std::size_t k = 0; k < study.participants.size(); ++k) CHECK(scores.scores[0][k] == study.participants[k].eq);
  for (const int score : {0, 1, 79, 80}) {
    const auto answers = eq_answers(score, 3, 7);
    Table t;
    t.add_text("participant", {"x"});
    for (int i = 0; i < 60; ++i)
      t.add_text("eq_" + std::to_string(i + 1), {std::to_string(answers[static_cast<std::size_t>(i)])});
    CHECK(stats::score_questionnaire(t, stats::empathy_quotient_key(), "eq_", "participant").scores[0][0] == score);
  }
}

TEST_CASE("every exported format reads back with the same numbers", "[datasets][lab]") {
  // Every detector effect on, so that jittered clocks, blinks, glasses and dropouts go through too.
  for (const auto format :
       {facial::SourceFormat::openface, facial::SourceFormat::imotions_facet, facial::SourceFormat::imotions_affdex,
        facial::SourceFormat::facereader, facial::SourceFormat::pyfeat}) {
    INFO(facial::to_string(format));
    LabSpec spec;
    spec.participants = 1;
    spec.format = format;
    spec.noise_sd = 0.02;
    spec.dropouts_per_min = 2.0;
    spec.blinks_per_min = 15.0;
    spec.glasses_share = 1.0;
    spec.jitter_sd_s = 0.002;
    const LabStudy study = generate_lab_study(spec);
    TempDir dir("contagion_lab_formats");
    write_lab_study(study, dir.path.string());
    facial::ReadOptions read;
    read.min_confidence = 0.0;  // blinks lower OpenFace's confidence below the default 0.8
    // Py-Feat files have no clock: the rate says what a frame number means.
    if (format == facial::SourceFormat::pyfeat) read.frame_rate = spec.frame_rate;
    const auto path = dir.path / (study.participants[0].id + "." + export_extension(format));
    const auto back = facial::read_frames(path.string(), read);
    CHECK(back.format == format);
    const auto& original = study.recordings[0];
    REQUIRE(back.frames() == original.frames());
    for (std::size_t i = 0; i < original.frames(); ++i) {
      REQUIRE(back.time[i] == Approx(original.time[i]).margin(1e-9));
      REQUIRE(back.valid[i] == original.valid[i]);
      // OpenFace and Py-Feat carry a per-frame confidence (of frames with a face).
      if (original.valid[i] && (format == facial::SourceFormat::openface || format == facial::SourceFormat::pyfeat))
        REQUIRE(back.confidence[i] == original.confidence[i]);
    }
    CHECK(original.has_channel(blink_channel(format)));
    for (const auto& channel : original.channels) {
      INFO(channel.name);
      const auto a = original.channel(channel.name), b = back.channel(channel.name);
      for (std::size_t i = 0; i < a.size(); ++i)
        // FACET stores log10 odds: probabilities are clipped to [1e-6, 1 - 1e-6] on the way out.
        if (original.valid[i])
          REQUIRE(b[i] ==
                  Approx(a[i]).epsilon(1e-9).margin(format == facial::SourceFormat::imotions_facet ? 1e-6 : 1e-9));
    }
    CHECK(std::count(back.valid.begin(), back.valid.end(), 0) ==
          std::count(original.valid.begin(), original.valid.end(), 0));
  }
}

TEST_CASE("with detector noise, the measured overall reactivity tracks the true reactivity", "[datasets][lab]") {
  LabSpec spec;
  spec.participants = 20;
  spec.noise_sd = 0.02;
  spec.dropouts_per_min = 1.0;
  const LabStudy study = generate_lab_study(spec);
  TempDir dir("contagion_lab_noisy");
  write_lab_study(study, dir.path.string());
  facial::PipelineOptions options;
  options.read.frame_rate = 30.0;
  const auto result = facial::run_pipeline(recordings(study, dir.path, ".csv"),
                                           facial::read_events((dir.path / "events.csv").string()), options, 2);
  std::map<std::string, double> measured;
  for (const auto& row : result.features.rows)
    if (row.feature == "overall_reactivity") measured[row.participant] = row.value;
  std::vector<double> truth, estimate;
  for (const auto& p : study.participants) {
    truth.push_back(p.reactivity);
    estimate.push_back(measured.at(p.id));
  }
  const auto r = stats::pearson(truth, estimate);
  INFO("r(true, measured reactivity) = " << r.r);
  CHECK(r.r > 0.8);  // noise 2 % of the scale, dropouts once a minute, 20 participants, seed 1
}

TEST_CASE("synthetic studies are deterministic and check their settings", "[datasets][lab]") {
  LabSpec spec;
  spec.participants = 2;
  spec.noise_sd = 0.05;
  const LabStudy a = generate_lab_study(spec), b = generate_lab_study(spec);
  CHECK(a.recordings[1].values == b.recordings[1].values);
  CHECK(a.participants[1].eq == b.participants[1].eq);
  spec.noise_sd = -1.0;
  CHECK_THROWS_WITH(generate_lab_study(spec), Contains("noise_sd = -1"));
  spec.noise_sd = 0.0;
  spec.format = facial::SourceFormat::generic;
  CHECK_THROWS_WITH(generate_lab_study(spec), Contains("openface, facet, affdex, facereader or pyfeat"));
  spec.format = facial::SourceFormat::openface;
  spec.jitter_sd_s = 0.01;  // above 0.15 frame intervals at 30 frames per second
  CHECK_THROWS_WITH(generate_lab_study(spec), Contains("jitter_sd_s = 0.01"));
  spec.jitter_sd_s = 0.0;
  spec.groups = {"control", "patient"};
  spec.group_reactivity_shift_sd = {0.5};
  CHECK_THROWS_WITH(generate_lab_study(spec), Contains("group_reactivity_shift_sd"));
}
