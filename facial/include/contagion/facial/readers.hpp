#pragma once
// Reading and writing facial-expression exports: OpenFace 2.x, iMotions 5-7 (Emotient FACET),
// iMotions 8-10 (Affectiva AFFDEX), Noldus FaceReader 6-9 detailed logs, Py-Feat v1/v2, and any
// CSV with a user-given column mapping (FORMATS.md). The format is detected from the header
// unless given. Errors name the file, line and column; a file without one usable frame is an
// error.

#include <map>
#include <string>
#include <string_view>

#include "contagion/facial/frame_table.hpp"

namespace contagion::facial {

/// How to read a generic CSV: which column is the time (and its unit), which columns hold
/// channels (source column -> canonical name), and optionally validity and confidence.
struct GenericMapping {
  std::string time_column = "time";
  double time_unit = 1.0;         ///< seconds per unit of the time column (0.001 for ms)
  std::string valid_column;       ///< non-zero = valid; empty: every frame with values is valid
  std::string confidence_column;  ///< 0..1; empty: none
  std::map<std::string, std::string>
      channels;  ///< source column -> canonical name; empty: every other numeric column, names kept
  std::string scale = "as recorded";
};

struct ReadOptions {
  bool detect = true;  ///< detect the format from the header; false: use `format`
  SourceFormat format = SourceFormat::generic;
  double frame_rate = 0.0;      ///< > 0: rebuild the clock from frame numbers at this rate
  double min_confidence = 0.8;  ///< OpenFace: valid = success == 1 and confidence >= this
  std::string participant;      ///< overrides the participant found in the file or its name
  GenericMapping mapping;       ///< for SourceFormat::generic
};

/// The format of an export from its first lines (up to 64 KiB is enough); throws
/// contagion::Error naming the file when no known format matches.
SourceFormat detect_format(std::string_view head, const std::string& source_name);

FrameTable parse_frames(std::string_view text, const std::string& source_name, const ReadOptions& options = {});
FrameTable read_frames(const std::string& path, const ReadOptions& options = {});

/// The frame table in a format's own layout (what the tool would have written), for round
/// trips and synthetic data. Channels the format has no column for are left out.
std::string format_frames(const FrameTable& frames, SourceFormat format);
/// Writes through a temporary file renamed at the end.
void write_frames(const FrameTable& frames, SourceFormat format, const std::string& path);

}  // namespace contagion::facial
