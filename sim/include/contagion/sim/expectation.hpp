#pragma once
// What a benchmark scenario is expected to show: the optional [bench] table of a scenario
// file. `contagion bench` runs the scenario and checks one statistic of its runs against a
// range, so that the qualitative result a scenario teaches (5 clusters, persistent
// disagreement, hubs spread faster) is checked on every machine and in the test suite.
//
//   [bench]
//   statistic = "final.clusters"    # final.<metric>, max.<metric>, min.<metric> or result.<name>,
//                                   #   averaged over the replicates
//   minus = "final.min"             # optional: the statistic is the difference of the two
//   at_least = 4
//   at_most = 6
//   expected = "about 1 / (2 eps) = 5 clusters"
//   reduced = ["graph.n=500"]       # a smaller version for the test suite (contagion bench --reduced)

#include <optional>
#include <string>
#include <vector>

#include "contagion/core/config.hpp"
#include "contagion/core/config_edit.hpp"
#include "contagion/core/run_record.hpp"

namespace contagion::sim {

struct Expectation {
  std::string statistic;  ///< "final.<metric>", "max.<metric>", "min.<metric>" or "result.<name>"
  std::string minus;      ///< optional second statistic, subtracted (a comparison within a run)
  std::optional<double> at_least, at_most;
  std::string expected;                ///< the expected result in words
  std::vector<KeyAssignment> reduced;  ///< changes that make the scenario quick
};

/// Reads and checks a [bench] table (strictly: unknown keys and a range that is empty are
/// errors naming the key).
Expectation expectation_from_config(const ConfigTable& table);

/// The statistic over the runs (the mean over replicates), minus the `minus` statistic when
/// given. Throws contagion::Error naming the statistic when a run lacks it.
double expectation_statistic(const Expectation& e, const std::vector<RunRecord>& runs);

/// "final.a" or "final.a - final.b", for tables.
std::string statistic_label(const Expectation& e);

/// Whether `value` lies in [at_least, at_most].
bool expectation_met(const Expectation& e, double value);

}  // namespace contagion::sim
