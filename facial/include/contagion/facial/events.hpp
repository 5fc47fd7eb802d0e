#pragma once
// The stimulus log: which stimulus each participant saw, of which emotion category, from when
// to when (seconds on the recording's clock). Read from a CSV file, or taken from an export's
// own stimulus column.

#include <string>
#include <vector>

#include "contagion/facial/frame_table.hpp"

namespace contagion::facial {

struct Event {
  std::string participant;
  std::string stimulus;  ///< stimulus id, e.g. "AF01HAS" or "clip_3"
  std::string category;  ///< emotion category of the stimulus: "happy", "angry", "neutral" ...
  double onset = 0.0, offset = 0.0;
};

/// A CSV with columns participant, stimulus, category (or emotion), onset, offset (seconds;
/// optional unit suffix in the header: onset_ms, offset_ms). Errors name file, line and column:
/// missing columns, non-numbers, offset <= onset.
std::vector<Event> read_events(const std::string& path);
/// Writes the same format (seconds).
void write_events(const std::vector<Event>& events, const std::string& path);

/// Contiguous runs of one non-empty label of the frame table's stimulus column, as events of
/// the table's participant (category empty: give it with the stimulus list, or leave it).
std::vector<Event> events_from_stimulus_column(const FrameTable& frames);

}  // namespace contagion::facial
