// Synthetic participants: questionnaire constructs with their correlation to latent reactivity,
// ECS answers that score exactly the true ECS, demographics (age band, group) with the group
// shift of reactivity, and the columns of the written files.

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <set>

#include "contagion/core/error.hpp"
#include "contagion/datasets/lab_study.hpp"
#include "contagion/stats/correlation.hpp"
#include "contagion/stats/questionnaire.hpp"

using namespace contagion;
using namespace contagion::datasets;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

LabSpec many(int participants) {
  LabSpec spec;
  spec.participants = participants;
  spec.blocks = 1;
  return spec;
}

}  // namespace

TEST_CASE("ECS answers score exactly the true ECS with the key of stats", "[datasets][participants]") {
  const auto key = stats::emotional_contagion_scale_key();
  CHECK(score_range(key) == std::pair{15, 60});
  for (const int score : {15, 16, 37, 42, 59, 60}) {
    const auto answers = likert_answers(key, score, 3, 7, "ecs answers");
    Table t;
    t.add_text("participant", {"x"});
    for (int i = 0; i < 15; ++i)
      t.add_text("ecs_" + std::to_string(i + 1), {std::to_string(answers[static_cast<std::size_t>(i)])});
    const auto scored = stats::score_questionnaire(t, key, "ecs_", "participant");
    CHECK(scored.problems.empty());
    CHECK(scored.scores[0][0] == score);
  }
  CHECK_THROWS_WITH(likert_answers(key, 61, 3, 7, "ecs answers"), Contains("61"));

  const LabStudy study = generate_lab_study(many(30));
  const fs::path dir = fs::temp_directory_path() / "contagion_lab_ecs";
  fs::remove_all(dir);
  write_lab_study(study, dir.string());
  const auto scores =
      stats::score_questionnaire(read_csv((dir / "ecs_items.csv").string()), key, "ecs_", "participant");
  CHECK(scores.problems.empty());
  for (std::size_t k = 0; k < study.participants.size(); ++k) CHECK(scores.scores[0][k] == study.participants[k].ecs);
  // The columns of earlier versions come first, new ones after them.
  const Table participants = read_csv((dir / "participants.csv").string());
  CHECK(participants.names() ==
        std::vector<std::string>{"participant", "gender", "eq", "age_band", "group", "ecs", "depression"});
  const Table truth = read_csv((dir / "truth_participants.csv").string());
  CHECK(truth.names() == std::vector<std::string>{"participant", "gender", "eq", "reactivity", "specificity",
                                                  "expressivity", "age_band", "group", "ecs", "depression", "glasses"});
  CHECK(read_csv((dir / "truth_detector.csv").string()).names() ==
        std::vector<std::string>{"participant", "event", "onset", "duration"});
  fs::remove_all(dir);
}

TEST_CASE("questionnaire constructs correlate with latent reactivity as asked", "[datasets][participants]") {
  LabSpec spec = many(2000);
  spec.reactivity_ecs_correlation = 0.5;
  spec.reactivity_depression_correlation = -0.4;
  spec.depression_mean = 20.0;  // away from the floor of 0
  const LabStudy study = generate_lab_study(spec);
  std::vector<double> z, ecs, depression;
  std::set<std::string> bands;
  for (const auto& p : study.participants) {
    z.push_back(std::log(p.reactivity / 0.3) / 0.4);
    ecs.push_back(p.ecs);
    depression.push_back(p.depression);
    bands.insert(p.age_band);
    CHECK(p.group == "all");
  }
  // Rounding to whole scores and clipping to the scales attenuate r a little; the SE of r is ~0.02.
  CHECK(stats::pearson(z, ecs).r == Approx(0.5).margin(0.07));
  CHECK(stats::pearson(z, depression).r == Approx(-0.4).margin(0.07));
  CHECK(bands == std::set<std::string>{"18-25", "26-35", "36-50", "51-65"});
}

TEST_CASE("groups: assigned in turn, with a shift of latent reactivity in SDs", "[datasets][participants]") {
  LabSpec spec = many(2000);
  spec.groups = {"control", "patient"};
  spec.group_reactivity_shift_sd = {0.0, -0.5};
  spec.group_depression_shift_sd = {0.0, 1.0};
  spec.depression_mean = 20.0;
  const LabStudy study = generate_lab_study(spec);
  double sum[2] = {0, 0}, dep[2] = {0, 0}, n[2] = {0, 0};
  for (std::size_t k = 0; k < study.participants.size(); ++k) {
    const auto& p = study.participants[k];
    const std::size_t g = k % 2;
    CHECK(p.group == spec.groups[g]);
    sum[g] += std::log(p.reactivity / 0.3) / 0.4;
    dep[g] += p.depression;
    n[g] += 1.0;
  }
  CHECK(sum[1] / n[1] - sum[0] / n[0] == Approx(-0.5).margin(0.15));         // SE ~0.045
  CHECK((dep[1] / n[1] - dep[0] / n[0]) / 8.0 == Approx(1.0).margin(0.15));  // in SDs of 8
}
