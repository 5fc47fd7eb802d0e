#pragma once
// Scoring questionnaires: a key says how many items there are, the response range, how each
// response scores (plain, reversed, or an explicit table as in the Empathy Quotient) and which
// items make each scale. Built in: the Empathy Quotient (Baron-Cohen & Wheelwright 2004) and
// the Emotional Contagion Scale (Doherty 1997); any Likert scale from a key file (TOML,
// docs/questionnaires.md). Cronbach's alpha per scale. Bad responses (out of range, not a
// response, missing) are reported per participant, and that participant's scale is missing.

#include <map>
#include <string>
#include <vector>

#include "contagion/core/table.hpp"

namespace contagion::stats {

struct QuestionnaireKey {
  std::string name;
  int items = 0;
  int min = 1, max = 4;  ///< response codes
  /// Text answers accepted for the codes min..max, compared case-insensitively (may be empty).
  std::vector<std::string> labels;
  /// Points of each response code min..max, per item (1-based item i at index i - 1).
  std::vector<std::vector<double>> points;
  /// Scales: name -> 1-based items, in order.
  std::vector<std::pair<std::string, std::vector<int>>> scales;
};

/// 60 items, answers 1 = definitely agree .. 4 = definitely disagree; 40 scored items give
/// 2 / 1 points in their keyed direction, 20 fillers 0; scale "eq" (0-80).
QuestionnaireKey empathy_quotient_key();
/// 15 items answered 1 = never .. 4 = always, summed: scale "ecs" (15-60), and the five
/// emotion subscales love, happiness, fear, anger, sadness.
QuestionnaireKey emotional_contagion_scale_key();
/// A key file (TOML); errors name the file, line and key.
QuestionnaireKey read_questionnaire_key(const std::string& path);
/// "eq", "ecs", or a key file's path.
QuestionnaireKey questionnaire_key(const std::string& name_or_path);

struct ScaleScores {
  std::vector<std::string> participants;
  std::vector<std::string> scales;
  std::vector<std::vector<double>> scores;  ///< [scale][participant]; NaN when an item is bad
  std::vector<double> alpha;                ///< Cronbach's alpha per scale, complete cases
  std::vector<std::size_t> alpha_n;         ///< participants in each alpha
  std::vector<std::string> problems;        ///< "p07: item 12 is 5, outside 1-4" ...
};

/// Items are the columns `<prefix>1` .. `<prefix><items>` of the response table; the
/// participant is the column `id_column`. Throws contagion::Error when an item column is absent.
ScaleScores score_questionnaire(const Table& responses, const QuestionnaireKey& key, const std::string& prefix,
                                const std::string& id_column);

/// Cronbach's alpha of an n x k matrix of item scores (rows with a NaN dropped): k / (k - 1)
/// (1 - sum of item variances / variance of the total), variances with ddof = 1.
double cronbach_alpha(const std::vector<std::vector<double>>& item_scores_by_row);

}  // namespace contagion::stats
