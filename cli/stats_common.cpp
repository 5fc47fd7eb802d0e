#include "stats_common.hpp"

#include <fmt/format.h>

#include "contagion/core/error.hpp"

namespace contagion::cli {

void add_input_options(CLI::App& cmd, StatsInput& in) {
  cmd.add_option("--data", in.data, "CSV file (comma, semicolon or tab separated) with a header line")
      ->required()
      ->check(CLI::ExistingFile);
  cmd.add_flag("--json", in.json, "print the results as JSON on stdout");
}

void add_group_options(CLI::App& cmd, GroupOptions& o, bool many_groups) {
  cmd.add_option("--value", o.value, "numeric column to compare")->required();
  cmd.add_option("--group", o.group, "column whose labels define the groups")->required();
  cmd.add_option("--groups", o.groups,
                 many_groups ? "labels to use, in order (default: all, in order of appearance)"
                             : "the two labels to compare, first minus second (default: the two present)")
      ->delimiter(',');
}

std::pair<stats::Group, stats::Group> two_groups(const Table& table, const GroupOptions& o) {
  if (!o.groups.empty() && o.groups.size() != 2)
    throw UsageError(fmt::format("--groups takes two labels, got {}", o.groups.size()));
  stats::Grouped g = stats::split_by(table, o.value, o.group, o.groups);
  if (g.groups.size() != 2) {
    std::string labels;
    for (std::size_t i = 0; i < g.groups.size() && i < 5; ++i) labels += (i ? ", " : "") + g.groups[i].label;
    if (g.groups.size() > 5) labels += ", ...";
    throw UsageError(
        fmt::format("column '{}' has {} groups ({}); name two with --groups A,B", o.group, g.groups.size(), labels));
  }
  return {std::move(g.groups[0]), std::move(g.groups[1])};
}

}  // namespace contagion::cli
