// Film-clip and stimulus-list protocols: seeded orders and gaps, the sustained response's
// closed-form peak, recovery of the true amplitude and peak time by the feature pipeline, and
// malformed stimulus lists (file, line and field named, nothing written).

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "contagion/core/error.hpp"
#include "contagion/datasets/lab_study.hpp"
#include "contagion/datasets/response.hpp"
#include "contagion/facial/pipeline.hpp"

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

std::string write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace

TEST_CASE("the film protocol: every clip once, seeded order per participant, gaps between clips", "[datasets][film]") {
  const auto clips = default_film_clips();
  const auto a = film_protocol(clips, 1, 0, 10.0, 20.0), b = film_protocol(clips, 1, 1, 10.0, 20.0);
  REQUIRE(a.size() == clips.size());
  CHECK(a.front().onset == 10.0);
  for (std::size_t i = 1; i < a.size(); ++i) CHECK(a[i].onset == Approx(a[i - 1].offset + 20.0).margin(1e-12));
  std::set<std::string> ids;
  for (const auto& s : a) {
    ids.insert(s.id);
    CHECK(s.sustained);
  }
  CHECK(ids.size() == clips.size());
  bool differ = false;
  for (std::size_t i = 0; i < a.size(); ++i) differ = differ || a[i].id != b[i].id;
  CHECK(differ);
  CHECK(film_protocol(clips, 1, 0, 10.0, 20.0)[2].id == a[2].id);
  const auto fear = std::find_if(a.begin(), a.end(), [](const Stimulus& s) { return s.id == "fear"; });
  CHECK(fear->category == "fear");
  CHECK(fear->profile.at("surprise") == 0.2);
  const auto amusement = std::find_if(a.begin(), a.end(), [](const Stimulus& s) { return s.id == "amusement"; });
  CHECK(amusement->category == "happy");  // joy, canonical

  auto bad = clips;
  bad[1].profile = {{"boredom", 1.0}};
  CHECK_THROWS_WITH(check_film_clips(bad), Contains("clips.sadness.profile = boredom"));
  bad = clips;
  bad[0].length_s = 0.0;
  CHECK_THROWS_WITH(check_film_clips(bad), Contains("clips.amusement.length_s = 0"));
}

TEST_CASE("the sustained response: closed-form peak, plateau, decay, and the kernel at h = 0", "[datasets][film]") {
  CHECK(regularized_gamma_p(1.0, 2.0) == Approx(1.0 - std::exp(-2.0)).epsilon(1e-14));
  CHECK(regularized_gamma_p(4.0, 10.0) ==
        Approx(1.0 - std::exp(-10.0) * (1.0 + 10.0 + 50.0 + 1000.0 / 6.0)).epsilon(1e-13));
  const ResponseShape phasic(1.5, 3.0, 0.0);
  CHECK(phasic.peak_s() == 1.5);
  CHECK(phasic.sustained(1.5, 60.0) == 1.0);
  const ResponseShape shape(1.5, 3.0, 0.5);
  const double peak = shape.peak_s();
  CHECK(peak > 1.5);
  CHECK(shape.sustained(peak, 60.0) == Approx(1.0).epsilon(1e-12));
  // The peak is the maximum: a fine grid never exceeds it.
  double best = 0.0, best_s = 0.0;
  for (double s = 0.001; s < 80.0; s += 0.001)
    if (shape.sustained(s, 60.0) > best) {
      best = shape.sustained(s, 60.0);
      best_s = s;
    }
  CHECK(best <= 1.0 + 1e-12);
  CHECK(best_s == Approx(peak).margin(0.002));
  const double plateau = shape.sustained(40.0, 60.0);
  CHECK(plateau > 0.5);  // h / r_max: the sustained share over the peak, which is below 1 before scaling
  CHECK(plateau < 1.0);
  CHECK(shape.sustained(59.0, 60.0) == Approx(plateau).epsilon(1e-9));
  CHECK(shape.sustained(60.0 + 20.0, 60.0) < 1e-6);  // decayed after the offset
  CHECK_THROWS_WITH(ResponseShape(1.5, 3.0, 0.9), Contains("sustained_share = 0.9"));
}

TEST_CASE("noise-free film study: the pipeline recovers the true amplitude and peak time", "[datasets][film]") {
  LabSpec spec;
  spec.participants = 2;
  spec.seed = 9;
  spec.protocol = Protocol::film;
  const LabStudy study = generate_lab_study(spec);
  TempDir dir("contagion_lab_film");
  write_lab_study(study, dir.path.string());
  facial::PipelineOptions options;
  options.read.frame_rate = 30.0;
  const auto events = facial::read_events((dir.path / "events.csv").string());
  REQUIRE(events.size() == 2 * default_film_clips().size());
  std::vector<std::string> paths;
  for (const auto& p : study.participants) paths.push_back((dir.path / (p.id + ".csv")).string());
  const auto result = facial::run_pipeline(paths, events, options, 2);
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<double, double>> truth;
  const auto& r = study.responses;
  const auto amplitude = r.numbers("amplitude"), peak = r.numbers("peak_s");
  for (std::size_t i = 0; i < r.rows(); ++i)
    truth[{r.text("participant")[i], r.text("stimulus")[i], r.text("channel")[i]}] = {amplitude[i], peak[i]};
  const double expected_peak = spec.latency_s + ResponseShape(1.5, 3.0, 0.5).peak_s();
  int checked = 0;
  for (const auto& row : result.features.rows) {
    if (row.stimulus == "*" || row.channel == "*") continue;
    const auto [a, t] = truth.at({row.participant, row.stimulus, row.channel});
    CHECK(t == Approx(expected_peak).epsilon(1e-12));
    if (a < 0.05) continue;
    INFO(row.participant << " " << row.stimulus << " " << row.channel << " " << row.feature);
    // Sampled at 30 frames per second: the peak lies between frames (interpolation error).
    if (row.feature == "max") {
      CHECK(row.value <= a * (1.0 + 1e-12));
      CHECK(row.value == Approx(a).epsilon(1e-3));
      ++checked;
    }
    if (row.feature == "time_to_peak") CHECK(row.value == Approx(t).margin(0.5 / 30.0 + 1e-9));
  }
  CHECK(checked > 50);
}

TEST_CASE("a stimulus list from a CSV file drives the study", "[datasets][list]") {
  TempDir dir("contagion_lab_list");
  const auto path =
      write_file(dir.path / "stimuli.csv",
                 "id,category,onset,offset,note\nimg1,joy,5,10,x\nclip2,sadness,20,50,y\nimg3,neutral,60,65,\n");
  const auto list = read_stimulus_list(path);
  REQUIRE(list.size() == 3);
  CHECK(list[0].category == "happy");
  CHECK(list[1].offset == 50.0);
  LabSpec spec;
  spec.participants = 2;
  spec.protocol = Protocol::list;
  spec.stimulus_list = list;
  spec.list_sustained = true;
  const LabStudy study = generate_lab_study(spec);
  REQUIRE(study.events.size() == 6);
  CHECK(study.events[4].stimulus == "clip2");
  CHECK(study.recordings[0].time.back() == Approx(75.0).margin(1.0 / 30.0));  // last offset + 10 s
  spec.stimulus_list[0].offset = 6.0;  // 1 s, shorter than the sustained response's peak
  CHECK_THROWS_WITH(generate_lab_study(spec), Contains("stimulus img1 length = 1"));
}

TEST_CASE("malformed stimulus lists: the error names file, line and field, and nothing is written",
          "[datasets][list]") {
  TempDir dir("contagion_lab_list_bad");
  const std::vector<std::tuple<std::string, std::string, std::string>> cases{
      {"id,category,onset\na,joy,1\n", ":1:", "offset"},
      {"id,category,onset,offset\na,joy,1,2\nb,joy,x,4\n", ":3:", "onset"},
      {"id,category,onset,offset\na,joy,1,2\nb,joy,5,4\n", ":3:", "offset"},
      {"id,category,onset,offset\na,joy,1,2\na,sad,5,6\n", ":3:", "id"},
      {"id,category,onset,offset\n,joy,1,2\n", ":2:", "id"},
      {"id,category,onset,offset\na,,1,2\n", ":2:", "category"},
      {"id,category,onset,offset\na,joy,-1,2\n", ":2:", "onset"},
      {"id,category,onset,offset\na,joy,1,\n", ":2:", "offset"},
  };
  for (const auto& [text, line, field] : cases) {
    INFO(text);
    const auto path = write_file(dir.path / "bad.csv", text);
    try {
      read_stimulus_list(path);
      FAIL("no error");
    } catch (const Error& e) {
      const std::string what = e.what();
      CHECK_THAT(what, Contains("bad.csv" + line));
      CHECK_THAT(what, Contains(field));
    }
  }
  // Through the study: generation fails before anything is written.
  const fs::path out = dir.path / "study";
  CHECK_THROWS(write_lab_study(
      [&] {
        LabSpec spec;
        spec.protocol = Protocol::list;
        spec.stimulus_list =
            read_stimulus_list(write_file(dir.path / "bad.csv", "id,category,onset,offset\na,joy,3,2\n"));
        return generate_lab_study(spec);
      }(),
      out.string()));
  CHECK(!fs::exists(out));
}
