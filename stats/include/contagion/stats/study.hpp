#pragma once
// The study report: from a long feature table (participant, stimulus, category, channel,
// feature, value; what `contagion features` writes) and a participant table (id, outcome such
// as an EQ score, group such as gender), the tables of a paper like Kovalchuk et al. (2022):
// group comparisons, the correlation table, OLS, the nine-model table, the median split with
// Mann–Whitney tests, and per-stimulus reaction summaries for plots. Definitions in
// docs/statistics.md ("The study report").

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "contagion/core/table.hpp"

namespace contagion::stats {

struct StudyOptions {
  std::string id = "participant";  ///< participant column of both tables
  std::string outcome = "eq";      ///< numeric column of the participant table
  std::string group;               ///< grouping column (two labels) for the group comparisons; empty: none
  std::string neutral_category = "neutral";
  std::string first_window_feature = "max_first_2s";  ///< the early reaction of the median split
  double test_fraction = 0.3;                         ///< of the train/test split
  std::uint64_t seed = 42;                            ///< of the train/test split
  int folds = 5;                                      ///< contiguous folds of the ElasticNet grid search
};

struct StudyReport {
  /// Named tables, in report order: participant_features, group_comparison (with a group),
  /// correlations, ols, ols_model, models, median_split, stimulus_reactions.
  std::vector<std::pair<std::string, Table>> tables;
  std::vector<std::string> notes;  ///< participants dropped, features left out, ...

  const Table& table(const std::string& name) const;
};

/// Throws contagion::Error naming the file and column when a required column is missing or
/// fewer than 4 participants have both features and an outcome.
StudyReport study_report(const Table& features, const Table& participants, const StudyOptions& options = {});

}  // namespace contagion::stats
