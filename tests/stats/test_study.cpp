// The study report on a made-up study whose structure is known: the outcome depends on the
// joy reaction, women score higher, and every table is cross-checked with the functions it
// is built from.

#include <catch2/catch.hpp>

#include <cmath>

#include "contagion/core/error.hpp"
#include "contagion/core/random.hpp"
#include "contagion/stats/correlation.hpp"
#include "contagion/stats/study.hpp"
#include "contagion/stats/ttest.hpp"

using namespace contagion;
using namespace contagion::stats;
using Catch::Matchers::Contains;

namespace {

struct Study {
  Table features, participants;
  std::vector<double> joy, eq;
};

/// 24 participants; two stimuli per category (happy, angry, neutral); channels joy, anger,
/// AU04, AU12. eq = 40 + 30 joy + noise; women (even ids) react 0.2 more.
Study make_study() {
  Study s;
  std::vector<std::string> participant, stimulus, category, channel, feature;
  std::vector<double> value;
  std::vector<std::string> ids, gender;
  const auto row = [&](const std::string& p, const std::string& st, const std::string& cat, const std::string& ch,
                       const std::string& f, double v) {
    participant.push_back(p);
    stimulus.push_back(st);
    category.push_back(cat);
    channel.push_back(ch);
    feature.push_back(f);
    value.push_back(v);
  };
  for (int i = 0; i < 24; ++i) {
    RandomStream rng({5, StreamPurpose::initial_state, 0, 0, static_cast<std::uint64_t>(i)});
    const std::string p = "p" + std::to_string(i);
    const double joy = 0.2 * (i % 2 == 0) + rng.uniform() * 0.6, anger = rng.uniform() * 0.3;
    const double au04 = rng.uniform() * 2.0, au12 = 3.0 * joy + rng.uniform();
    for (const char* cat : {"happy", "angry", "neutral"}) {
      const double k = std::string(cat) == "happy" ? 1.0 : 0.3;
      for (const auto& [ch, v] : {std::pair{"joy", joy * k}, std::pair{"anger", anger}, std::pair{"AU04", au04},
                                  std::pair{"AU12", au12 * k}}) {
        row(p, std::string(cat) + "1", cat, ch, "max", v);
        row(p, std::string(cat) + "2", cat, ch, "max", v);
        row(p, "*", cat, ch, "max", v);
        row(p, "*", cat, ch, "max_first_2s", 0.8 * v);
      }
    }
    row(p, "*", "*", "*", "overall_reactivity", joy + anger);
    ids.push_back(p);
    gender.push_back(i % 2 == 0 ? "f" : "m");
    s.joy.push_back((joy + 0.3 * joy) / 2.0);  // mean over the non-neutral categories
    s.eq.push_back(40.0 + 30.0 * joy + 4.0 * rng.normal());
  }
  s.features.add_text("participant", participant);
  s.features.add_text("stimulus", stimulus);
  s.features.add_text("category", category);
  s.features.add_text("channel", channel);
  s.features.add_text("feature", feature);
  s.features.add_numbers("value", value);
  s.participants.add_text("participant", ids);
  s.participants.add_numbers("eq", s.eq);
  s.participants.add_text("gender", gender);
  return s;
}

std::size_t row_of(const Table& t, const std::string& column, const std::string& value) {
  const auto& cells = t.text(column);
  const auto it = std::find(cells.begin(), cells.end(), value);
  REQUIRE(it != cells.end());
  return static_cast<std::size_t>(it - cells.begin());
}

}  // namespace

TEST_CASE("study report: every table, cross-checked with the functions it uses", "[stats][study]") {
  const Study s = make_study();
  StudyOptions o;
  o.group = "gender";
  const StudyReport r = study_report(s.features, s.participants, o);
  std::vector<std::string> names;
  for (const auto& [name, table] : r.tables) names.push_back(name);
  CHECK(names == std::vector<std::string>{"participant_features", "group_comparison", "correlations", "ols",
                                          "ols_model", "models", "median_split", "stimulus_reactions"});

  const Table& wide = r.table("participant_features");
  CHECK(wide.rows() == 24);
  CHECK(wide.names() ==
        std::vector<std::string>{"participant", "eq", "gender", "overall_reactivity", "AU04", "AU12", "anger", "joy"});
  const std::vector<double> joy = wide.numbers("joy");  // participants sorted by id: p0, p1, p10, ...
  const auto& ids = wide.text("participant");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto k = static_cast<std::size_t>(std::stoi(ids[i].substr(1)));
    CHECK(joy[i] == Approx(s.joy[k]));
  }

  const Table& corr = r.table("correlations");
  CHECK(corr.text("channel").front() == "joy");  // the strongest, sorted first
  const Correlation expected = pearson(wide.numbers("eq"), joy);
  CHECK(corr.numbers("pearson_r")[0] == Approx(expected.r).epsilon(1e-12));
  CHECK(corr.numbers("p")[0] == Approx(expected.p).epsilon(1e-10));
  CHECK(corr.numbers("p_bh")[0] >= corr.numbers("p")[0]);

  const Table& groups = r.table("group_comparison");
  const std::size_t eq_row = row_of(groups, "variable", "eq");
  CHECK(groups.text("group_a")[eq_row] == "f");
  std::vector<double> women, men;
  for (std::size_t i = 0; i < 24; ++i) (i % 2 == 0 ? women : men).push_back(s.eq[i]);
  CHECK(groups.numbers("t")[eq_row] == Approx(student_t(women, men).t).epsilon(1e-12));
  CHECK(groups.numbers("p_welch")[eq_row] == Approx(welch_t(women, men).p).epsilon(1e-10));

  CHECK(r.table("ols").text("term") == std::vector<std::string>{"const", "AU04", "AU12", "anger", "joy"});
  const Table& models = r.table("models");
  CHECK(models.rows() == 9);
  CHECK(models.numbers("r2")[0] > models.numbers("r2")[1] - 1.0);  // in-sample R^2 is computed
  CHECK(models.numbers("n")[0] == 24);

  const Table& split = r.table("median_split");
  CHECK(split.rows() == 2);
  CHECK(split.numbers("n_low")[0] + split.numbers("n_high")[0] == 24);
  const Table& stimuli = r.table("stimulus_reactions");
  CHECK(stimuli.rows() == 6 * 4);  // 6 stimuli x 4 channels
  CHECK(stimuli.numbers("n")[0] == 24);
}

TEST_CASE("study report: participants without features or outcome are left out and said", "[stats][study]") {
  Study s = make_study();
  Table participants;
  std::vector<std::string> ids = s.participants.text("participant");
  std::vector<double> eq = s.eq;
  eq[3] = NAN;
  ids.push_back("ghost");
  eq.push_back(50.0);
  participants.add_text("participant", ids);
  participants.add_numbers("eq", eq);
  const StudyReport r = study_report(s.features, participants);
  CHECK(r.table("participant_features").rows() == 23);
  CHECK(std::find(r.notes.begin(), r.notes.end(), "p3 has no eq: left out") != r.notes.end());
  StudyOptions ecs;
  ecs.outcome = "ecs";
  CHECK_THROWS_WITH(study_report(s.features, participants, ecs), Contains("no column 'ecs'"));
  Table few;
  few.add_text("participant", {"p0", "p1", "p2"});
  few.add_numbers("eq", std::vector<double>{1, 2, 3});
  CHECK_THROWS_WITH(study_report(s.features, few), Contains("only 3 participants"));
}
