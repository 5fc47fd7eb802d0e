#include "contagion/facial/events.hpp"

#include <fmt/format.h>

#include <cmath>

#include "contagion/core/error.hpp"
#include "contagion/core/table.hpp"

namespace contagion::facial {
namespace {

/// The column of `names` that is present, with its unit (seconds per unit: "_ms" -> 0.001).
std::pair<std::string, double> time_column(const Table& t, const std::string& base) {
  if (t.has(base)) return {base, 1.0};
  if (t.has(base + "_s")) return {base + "_s", 1.0};
  if (t.has(base + "_ms")) return {base + "_ms", 0.001};
  throw Error(fmt::format("no column '{}' (or {}_s, {}_ms): a stimulus log needs participant, stimulus, category, "
                          "onset and offset",
                          base, base, base),
              {t.source(), 1, 0, base});
}

}  // namespace

std::vector<Event> read_events(const std::string& path) {
  const Table t = read_csv(path);
  for (const char* required : {"participant", "stimulus"})
    if (!t.has(required))
      throw Error(fmt::format("no column '{}': a stimulus log needs participant, stimulus, category (or emotion), "
                              "onset and offset",
                              required),
                  {path, 1, 0, required});
  const std::string category = t.has("category") ? "category" : t.has("emotion") ? "emotion" : "";
  const auto [onset_name, onset_unit] = time_column(t, "onset");
  const auto [offset_name, offset_unit] = time_column(t, "offset");
  const std::vector<double> onset = t.numbers(onset_name), offset = t.numbers(offset_name);
  const auto& participant = t.text("participant");
  const auto& stimulus = t.text("stimulus");
  std::vector<Event> events;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    Event e{participant[r], stimulus[r], category.empty() ? std::string() : t.text(category)[r], onset[r] * onset_unit,
            offset[r] * offset_unit};
    if (e.participant.empty() || e.stimulus.empty())
      throw Error("participant and stimulus must not be empty", {path, t.line_of(r)});
    if (!std::isfinite(e.onset) || !std::isfinite(e.offset))
      throw Error("onset and offset must be numbers",
                  {path, t.line_of(r), 0, std::isfinite(e.onset) ? offset_name : onset_name});
    if (!(e.offset > e.onset))
      throw Error(fmt::format("offset {} s is not after onset {} s", e.offset, e.onset),
                  {path, t.line_of(r), 0, offset_name});
    events.push_back(std::move(e));
  }
  if (events.empty()) throw Error("the stimulus log has no events", {path});
  return events;
}

void write_events(const std::vector<Event>& events, const std::string& path) {
  Table t;
  std::vector<std::string> participant, stimulus, category;
  std::vector<double> onset, offset;
  for (const Event& e : events) {
    participant.push_back(e.participant);
    stimulus.push_back(e.stimulus);
    category.push_back(e.category);
    onset.push_back(e.onset);
    offset.push_back(e.offset);
  }
  t.add_text("participant", participant);
  t.add_text("stimulus", stimulus);
  t.add_text("category", category);
  t.add_numbers("onset", onset);
  t.add_numbers("offset", offset);
  write_csv(t, path);
}

std::vector<Event> events_from_stimulus_column(const FrameTable& frames) {
  std::vector<Event> events;
  if (frames.stimulus.empty()) return events;
  const std::size_t n = frames.frames();
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j + 1 < n && frames.stimulus[j + 1] == frames.stimulus[i]) ++j;
    if (!frames.stimulus[i].empty()) {
      // The segment lasts until the next frame's time (or one frame interval after the last).
      const double end =
          j + 1 < n ? frames.time[j + 1]
                    : frames.time[j] + (j > i ? (frames.time[j] - frames.time[i]) / static_cast<double>(j - i) : 0.0);
      events.push_back({frames.participant, frames.stimulus[i], "", frames.time[i],
                        end > frames.time[i] ? end : frames.time[i] + 1e-9});
    }
    i = j + 1;
  }
  return events;
}

}  // namespace contagion::facial
