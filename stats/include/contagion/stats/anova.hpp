#pragma once
// One-way ANOVA (scipy.stats.f_oneway) with eta^2 and omega^2, and the six intraclass
// correlations of Shrout & Fleiss (1979) with F tests and confidence intervals as psych::ICC
// and pingouin report them.

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include <Eigen/Core>

namespace contagion::stats {

struct Anova {
  double f, p;
  double df_between, df_within;
  double ss_between, ss_within;
  double eta_squared;    ///< SSB / SST
  double omega_squared;  ///< (SSB - (k - 1) MSW) / (SST + MSW)
  std::size_t n = 0, missing = 0;
};

/// Missing values dropped per group. Throws contagion::Error for fewer than 2 groups or an
/// empty group.
Anova one_way_anova(const std::vector<std::vector<double>>& groups);

enum class IccType { icc1, icc2, icc3, icc1k, icc2k, icc3k };

struct Icc {
  IccType type;
  double icc;
  double f, df1, df2, p;
  double ci_low, ci_high;  ///< at the given confidence level
};

std::string_view to_string(IccType type);  ///< "ICC1", "ICC2", ..., "ICC3k"

/// All six forms from a targets x raters table (n >= 2 targets, k >= 2 raters, no missing
/// cells: throws contagion::Error otherwise), in the order ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k.
std::array<Icc, 6> intraclass_correlations(const Eigen::MatrixXd& ratings, double confidence = 0.95);

}  // namespace contagion::stats
