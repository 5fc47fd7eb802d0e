// Writing a synthetic study to a folder (docs/synthetic.md, "Files").

#include <fmt/format.h>

#include <filesystem>

#include "contagion/datasets/lab_study.hpp"
#include "contagion/facial/readers.hpp"
#include "contagion/stats/questionnaire.hpp"

namespace contagion::datasets {
namespace {

/// Item answers as a table: participant, <prefix>1 .. <prefix>N.
Table items_table(const std::vector<std::string>& ids, const std::vector<std::vector<int>>& answers,
                  const std::string& prefix) {
  Table items;
  items.add_text("participant", ids);
  const std::size_t n = answers.empty() ? 0 : answers.front().size();
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> column;
    for (const auto& a : answers) column.push_back(std::to_string(a[i]));
    items.add_text(fmt::format("{}{}", prefix, i + 1), column);
  }
  return items;
}

}  // namespace

std::string export_extension(facial::SourceFormat format) {
  const bool txt = format == facial::SourceFormat::imotions_facet || format == facial::SourceFormat::facereader;
  return std::string(txt ? "txt" : "csv");
}

void write_lab_study(const LabStudy& study, const std::string& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  const std::string extension = export_extension(study.spec.format);
  const auto path = [&](const std::string& name) { return (fs::path(dir) / name).string(); };
  for (const auto& f : study.recordings)
    facial::write_frames(f, study.spec.format, path(fmt::format("{}.{}", f.participant, extension)));
  facial::write_events(study.events, path("events.csv"));

  std::vector<std::string> id, gender, age_band, group, glasses;
  std::vector<double> eq, ecs, depression, reactivity, specificity, expressivity;
  std::vector<std::vector<int>> eq_items, ecs_items;
  const stats::QuestionnaireKey ecs_key = stats::emotional_contagion_scale_key();
  for (std::size_t k = 0; k < study.participants.size(); ++k) {
    const ParticipantTruth& p = study.participants[k];
    id.push_back(p.id);
    gender.push_back(p.gender);
    age_band.push_back(p.age_band);
    group.push_back(p.group);
    glasses.push_back(p.glasses ? "1" : "0");
    eq.push_back(p.eq);
    ecs.push_back(p.ecs);
    depression.push_back(p.depression);
    reactivity.push_back(p.reactivity);
    specificity.push_back(p.specificity);
    expressivity.push_back(p.expressivity);
    eq_items.push_back(eq_answers(static_cast<int>(p.eq), study.spec.seed, k));
    ecs_items.push_back(likert_answers(ecs_key, static_cast<int>(p.ecs), study.spec.seed, k, "ecs answers"));
  }
  // The columns of earlier versions first, new ones after them.
  Table participants;
  participants.add_text("participant", id);
  participants.add_text("gender", gender);
  participants.add_numbers("eq", eq);
  Table truth = participants;
  for (Table* t : {&participants, &truth}) {
    if (t == &truth) {
      t->add_numbers("reactivity", reactivity);
      t->add_numbers("specificity", specificity);
      t->add_numbers("expressivity", expressivity);
    }
    t->add_text("age_band", age_band);
    t->add_text("group", group);
    t->add_numbers("ecs", ecs);
    t->add_numbers("depression", depression);
  }
  truth.add_text("glasses", glasses);
  write_csv(participants, path("participants.csv"));
  write_csv(items_table(id, eq_items, "eq_"), path("eq_items.csv"));
  write_csv(items_table(id, ecs_items, "ecs_"), path("ecs_items.csv"));
  write_csv(truth, path("truth_participants.csv"));
  write_csv(study.responses, path("truth_responses.csv"));
  write_csv(study.detector_events, path("truth_detector.csv"));
}

}  // namespace contagion::datasets
