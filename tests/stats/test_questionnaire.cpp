// Questionnaire scoring: the Empathy Quotient key on hand-worked answer sets, the Emotional
// Contagion Scale, key files, bad responses, and Cronbach's alpha against R's psych::alpha.

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "contagion/core/error.hpp"
#include "contagion/core/table.hpp"
#include "contagion/stats/questionnaire.hpp"

using namespace contagion;
using namespace contagion::stats;
using Catch::Matchers::Contains;

namespace {

/// A response table with one row per answer set: id, then q1..qN.
Table responses(const std::vector<std::pair<std::string, std::vector<std::string>>>& rows, int items) {
  Table t;
  std::vector<std::string> ids;
  for (const auto& r : rows) ids.push_back(r.first);
  t.add_text("id", ids);
  for (int i = 1; i <= items; ++i) {
    std::vector<std::string> cells;
    for (const auto& r : rows) cells.push_back(r.second[static_cast<std::size_t>(i - 1)]);
    t.add_text("q" + std::to_string(i), cells);
  }
  return t;
}

std::vector<std::string> all(int items, const std::string& answer) {
  return std::vector<std::string>(static_cast<std::size_t>(items), answer);
}

}  // namespace

TEST_CASE("Empathy Quotient: hand-worked answer sets", "[stats][questionnaire]") {
  const QuestionnaireKey eq = empathy_quotient_key();
  // 21 items score for agreeing, 19 for disagreeing, 20 are fillers.
  std::vector<std::string> mixed = all(60, "2");  // slightly agree everywhere: 1 point per agree item
  mixed[0] = "1";                                 // item 1 (agree item), definitely agree: 2
  mixed[3] = "3";                                 // item 4 (disagree item), slightly disagree: 1
  mixed[1] = "1";                                 // item 2 is a filler: 0
  std::vector<std::string> empathic = all(60, "2");
  for (const int i : {1, 6, 19, 22, 25, 26, 35, 36, 37, 38, 41, 42, 43, 44, 52, 54, 55, 57, 58, 59, 60})
    empathic[static_cast<std::size_t>(i - 1)] = "1";
  for (const int i : {4, 8, 10, 11, 12, 14, 15, 18, 21, 27, 28, 29, 32, 34, 39, 46, 48, 49, 50})
    empathic[static_cast<std::size_t>(i - 1)] = "4";
  const Table t = responses({{"all_da", all(60, "1")},
                             {"all_sa", all(60, "2")},
                             {"all_sd", all(60, "3")},
                             {"all_dd", all(60, "4")},
                             {"mixed", mixed},
                             {"empathic", empathic},
                             {"text", all(60, "Definitely Agree")}},
                            60);
  const ScaleScores s = score_questionnaire(t, eq, "q", "id");
  REQUIRE(s.scales == std::vector<std::string>{"eq"});
  CHECK(s.scores[0] == std::vector<double>{42, 21, 19, 38, 23, 80, 42});
  CHECK(s.problems.empty());
}

TEST_CASE("Emotional Contagion Scale: total and the five emotion subscales", "[stats][questionnaire]") {
  std::vector<std::string> answers = all(15, "often");
  answers[5] = "always";  // item 6, love
  const ScaleScores s = score_questionnaire(responses({{"p1", answers}, {"p2", all(15, "1")}}, 15),
                                            emotional_contagion_scale_key(), "q", "id");
  CHECK(s.scales == std::vector<std::string>{"ecs", "love", "happiness", "fear", "anger", "sadness"});
  CHECK(s.scores[0] == std::vector<double>{46, 15});
  CHECK(s.scores[1] == std::vector<double>{10, 3});
}

TEST_CASE("bad responses are reported per participant and make the scale missing", "[stats][questionnaire]") {
  std::vector<std::string> bad = all(15, "2");
  bad[2] = "5";
  bad[7] = "sometimes";
  bad[11] = "";
  const ScaleScores s = score_questionnaire(responses({{"ok", all(15, "2")}, {"p7", bad}}, 15),
                                            emotional_contagion_scale_key(), "q", "id");
  CHECK(s.scores[0][0] == 30);
  CHECK(std::isnan(s.scores[0][1]));
  CHECK(std::isnan(s.scores[2][1]));  // happiness (2, 3, 11): item 3 is bad
  CHECK(s.scores[4][1] == 6);         // anger (5, 7, 10) is complete
  CHECK(s.problems == std::vector<std::string>{"p7: item 3 is 5, outside 1-4",
                                               "p7: item 8 is 'sometimes', not a response", "p7: item 12 is missing"});
  CHECK_THROWS_WITH(
      score_questionnaire(responses({{"ok", all(15, "2")}}, 15), emotional_contagion_scale_key(), "item", "id"),
      Contains("no column 'item1'"));
}

TEST_CASE("Cronbach's alpha matches R's psych::alpha", "[stats][questionnaire]") {
  // R: psych::alpha(matrix(c(3,4,3,2, 2,4,4,1, 3,3,4,2, 1,4,3,2, 4,4,4,3), ncol=4, byrow=TRUE))
  //    $total$raw_alpha = 0.457142857142857 (= 16/35)
  const std::vector<std::vector<double>> x{{3, 4, 3, 2}, {2, 4, 4, 1}, {3, 3, 4, 2}, {1, 4, 3, 2}, {4, 4, 4, 3}};
  CHECK(cronbach_alpha(x) == Approx(16.0 / 35.0).epsilon(1e-14));
  std::vector<std::vector<double>> with_gap(x);
  with_gap.push_back({1, NAN, 2, 3});  // incomplete rows are left out
  CHECK(cronbach_alpha(with_gap) == Approx(16.0 / 35.0).epsilon(1e-14));
}

TEST_CASE("a key file: reversed items, explicit points, scales, and its errors", "[stats][questionnaire]") {
  const auto dir = std::filesystem::temp_directory_path() / "contagion_key_test";
  std::filesystem::create_directories(dir);
  const auto write = [&](const std::string& text) {
    std::ofstream((dir / "key.toml").string()) << text;
    return (dir / "key.toml").string();
  };
  const std::string good = write(
      "name = \"mood\"\nitems = 4\nmin = 1\nmax = 5\nreverse = [2]\n"
      "[points.binary]\nitems = [4]\nvalues = [0, 0, 0, 1, 1]\n"
      "[scales]\ntotal = \"all\"\nfirst = [1, 2]\n");
  const QuestionnaireKey key = questionnaire_key(good);
  const ScaleScores s =
      score_questionnaire(responses({{"a", {"5", "5", "3", "4"}}, {"b", {"1", "2", "3", "3"}}}, 4), key, "q", "id");
  CHECK(s.scores[0] == std::vector<double>{5 + 1 + 3 + 1, 1 + 4 + 3 + 0});
  CHECK(s.scores[1] == std::vector<double>{6, 5});
  CHECK_THROWS_WITH(
      questionnaire_key(write("name = \"x\"\nitems = 3\nmax = 5\nreverse = [4]\n[scales]\nt = \"all\"\n")),
      Contains("key.toml:4:") && Contains("item 4 is not one of 1..3"));
  CHECK_THROWS_WITH(questionnaire_key(write("name = \"x\"\nitems = 3\nmax = 5\nrevers = [1]\n[scales]\nt = \"all\"\n")),
                    Contains("unknown key 'revers'"));
  CHECK_THROWS_WITH(questionnaire_key("nonsense"), Contains("neither a built-in key (eq, ecs) nor a key file"));
  std::filesystem::remove_all(dir);
}
