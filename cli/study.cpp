// contagion study: the tables of a study report (stats::study_report) from a feature table and
// a participant table, as CSV files in a folder, plus a summary as text, Markdown or JSON.

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "common.hpp"
#include "contagion/core/error.hpp"
#include "contagion/stats/study.hpp"

namespace contagion::cli {
namespace {

struct StudyCli {
  std::string features, participants, output;
  stats::StudyOptions options;
  bool json = false, markdown = false;
};

/// A table as Markdown, numbers with 4 significant digits.
std::string markdown(const Table& t) {
  std::string out = "|";
  for (const auto& n : t.names()) out += " " + n + " |";
  out += "\n|";
  for (std::size_t j = 0; j < t.names().size(); ++j) out += "---|";
  out += "\n";
  for (std::size_t r = 0; r < t.rows(); ++r) {
    out += "|";
    for (const auto& n : t.names()) {
      const std::string& cell = t.text(n)[r];
      double v = 0.0;
      out += " " + (parse_double(cell, v) ? fmt::format("{:.4g}", v) : cell) + " |";
    }
    out += "\n";
  }
  return out;
}

}  // namespace

void add_study_command(CLI::App& app) {
  auto o = std::make_shared<StudyCli>();
  CLI::App* cmd = app.add_subcommand("study", "The tables of a study report from features and participant data");
  cmd->add_option("--features", o->features, "feature table CSV (from 'contagion features')")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--participants", o->participants, "participant table CSV: id, outcome, group, ...")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--outcome", o->options.outcome, "outcome column of the participant table (e.g. eq)");
  cmd->add_option("--group", o->options.group, "two-group column for the group comparisons (e.g. gender)");
  cmd->add_option("--id", o->options.id, "participant column of both tables");
  cmd->add_option("--seed", o->options.seed, "seed of the 70/30 train/test split");
  cmd->add_option("-o,--output", o->output, "folder for the tables (one CSV each) and report.md")->required();
  cmd->add_flag("--json", o->json, "print every table as JSON");
  cmd->add_flag("--markdown", o->markdown, "print the report as Markdown");
  cmd->footer(
      "Tables: participant_features, group_comparison, correlations, ols, ols_model, models, median_split,\n"
      "stimulus_reactions (docs/statistics.md). Example:\n"
      "  contagion study --features features.csv --participants participants.csv --outcome eq --group gender -o "
      "report");
  cmd->callback([o] {
    const stats::StudyReport report = stats::study_report(read_csv(o->features), read_csv(o->participants), o->options);
    std::filesystem::create_directories(o->output);
    std::string md = fmt::format("# Study report\n\nFeatures: `{}`; participants: `{}`; outcome: `{}`{}.\n\n",
                                 o->features, o->participants, o->options.outcome,
                                 o->options.group.empty() ? "" : fmt::format("; groups: `{}`", o->options.group));
    for (const auto& note : report.notes) md += "- " + note + "\n";
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, table] : report.tables) {
      write_csv(table, (std::filesystem::path(o->output) / (name + ".csv")).string());
      if (name != "participant_features" && name != "stimulus_reactions")
        md += "\n## " + name + "\n\n" + markdown(table);
      nlohmann::json rows = nlohmann::json::array();
      for (std::size_t r = 0; r < table.rows(); ++r) {
        nlohmann::json row = nlohmann::json::object();
        for (const auto& column : table.names()) {
          const std::string& cell = table.text(column)[r];
          double v = 0.0;
          row[column] = parse_double(cell, v) ? (std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr))
                                              : nlohmann::json(cell);
        }
        rows.push_back(row);
      }
      j[name] = rows;
    }
    {
      const std::string path = (std::filesystem::path(o->output) / "report.md").string();
      std::ofstream(path) << md;
    }
    if (o->json) {
      j["notes"] = report.notes;
      std::cout << j.dump(2) << '\n';
    } else if (o->markdown) {
      std::cout << md;
    } else {
      fmt::print("{} tables written to {}/ (report.md and one CSV per table)\n", report.tables.size(), o->output);
      for (const auto& note : report.notes) fmt::print("  {}\n", note);
      const Table& corr = report.table("correlations");
      if (corr.rows() > 0)
        fmt::print("  strongest correlation with {}: {} (r = {}, p = {})\n", o->options.outcome,
                   corr.text("channel")[0], corr.text("pearson_r")[0], corr.text("p")[0]);
    }
  });
}

}  // namespace contagion::cli
