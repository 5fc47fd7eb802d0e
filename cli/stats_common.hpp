#pragma once
// What the `contagion stats` subcommands share: the input file and --json, the value/group
// options of two-sample tests, and numbers for JSON (NaN and inf as null).

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "contagion/core/table.hpp"
#include "contagion/stats/columns.hpp"

namespace contagion::cli {

struct StatsInput {
  std::string data;
  bool json = false;
};

void add_input_options(CLI::App& cmd, StatsInput& in);

struct GroupOptions {
  std::string value, group;
  std::vector<std::string> groups;  ///< which labels, in order
};

/// --value, --group and --groups (two labels for two-sample tests, any number otherwise).
void add_group_options(CLI::App& cmd, GroupOptions& o, bool many_groups);

/// The two groups of a two-sample test; throws UsageError unless there are exactly two.
std::pair<stats::Group, stats::Group> two_groups(const Table& table, const GroupOptions& o);

/// NaN and infinities have no JSON number: they become null.
inline nlohmann::json num(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

void add_stats_model_commands(CLI::App& stats, std::shared_ptr<StatsInput> in);

}  // namespace contagion::cli
