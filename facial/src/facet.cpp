// iMotions 5-7 export with Emotient FACET (FORMATS.md): tab-separated, CRLF, `#` preamble lines
// and a tab-padded blank line, then the header. In v5 the rows of several sensors are
// interleaved; only rows whose EventSource contains "FACET" are frames.
//
// Time: the export's own `Timestamp` (ms since the start of the iMotions recording) divided by
// 1000, kept absolute (not shifted to the first FACET row), so that stimulus times read off the
// same export line up. Rows that repeat the previous FACET time stamp are dropped (the first
// one is kept) with a warning; a time stamp that goes back is an error.
//
// Channels: `<Emotion> Evidence` and `AU<n> Evidence` are log10 odds and are stored as
// probabilities 1 / (1 + 10^-E); `Yaw/Pitch/Roll Degrees` as head pose in degrees. The
// deprecated `Intensity` columns are ignored. NoOfFaces != 1 marks an invalid frame (values
// NaN). FACET has no per-frame confidence: NaN.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contagion/core/error.hpp"
#include "contagion/facial/channel_names.hpp"
#include "delimited.hpp"
#include "formats.hpp"

namespace contagion::facial::detail {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr char tab = '\t';
constexpr std::string_view evidence_scale = "probability 0-1 from FACET evidence (log10 odds)";

// The FACET channels of the v6 layout, in its column order.
constexpr std::array<std::string_view, 12> v6_emotions{"Joy",         "Anger",   "Surprise", "Fear",
                                                       "Contempt",    "Disgust", "Sadness",  "Confusion",
                                                       "Frustration", "Neutral", "Positive", "Negative"};
constexpr std::array<int, 20> v6_aus{1, 2, 4, 5, 6, 7, 9, 10, 12, 14, 15, 17, 18, 20, 23, 24, 25, 26, 28, 43};
constexpr std::array<std::string_view, 3> pose_axes{"Yaw", "Pitch", "Roll"};
constexpr std::array<std::string_view, 16> v6_landmarks{"LEFT_EYE_LATERAL X",
                                                        "LEFT_EYE_LATERAL Y",
                                                        "LEFT_EYE_PUPIL X",
                                                        "LEFT_EYE_PUPIL Y",
                                                        "LEFT_EYE_MEDIAL X",
                                                        "LEFT_EYE_MEDIAL Y",
                                                        "RIGHT_EYE_MEDIAL X",
                                                        "RIGHT_EYE_MEDIAL Y",
                                                        "RIGHT_EYE_PUPIL X",
                                                        "RIGHT_EYE_PUPIL Y",
                                                        "RIGHT_EYE_LATERAL X",
                                                        "RIGHT_EYE_LATERAL Y",
                                                        "NOSE_TIP X",
                                                        "NOSE_TIP Y",
                                                        "7 X",
                                                        "7 Y"};

/// "Yaw" -> "yaw".
std::string pose_channel(std::string_view axis) {
  std::string name(axis);
  name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

double probability_from_evidence(double evidence) {
  return 1.0 / (1.0 + std::pow(10.0, -evidence));
}

double evidence_from_probability(double p) {
  p = std::clamp(p, 1e-6, 1.0 - 1e-6);
  return std::log10(p / (1.0 - p));
}

/// A channel read from one column.
struct Column {
  std::size_t field;  ///< 0-based position in the header
  bool evidence;      ///< log10 odds, stored as a probability
};

struct Header {
  std::vector<std::string> names;
  std::size_t line = 0;
};

std::optional<std::size_t> find_column(const Header& header, std::string_view name) {
  for (std::size_t i = 0; i < header.names.size(); ++i)
    if (header.names[i] == name) return i;
  return std::nullopt;
}

/// The canonical channel of a FACET column, or nothing for columns that are not read.
std::optional<ChannelInfo> facet_channel(std::string_view column) {
  constexpr std::string_view evidence = " Evidence";
  if (column.size() > evidence.size() && column.ends_with(evidence)) {
    const std::string_view what = column.substr(0, column.size() - evidence.size());
    std::optional<std::string> name;
    if (const auto au = au_number(what))
      name = au_name(*au);
    else
      name = emotion_name(what);
    if (!name) return std::nullopt;
    return ChannelInfo{*name, std::string(column), std::string(evidence_scale), 0.0, 1.0};
  }
  for (const auto axis : pose_axes)
    if (column.size() == axis.size() + 8 && column.starts_with(axis) && column.ends_with(" Degrees")) {
      return ChannelInfo{pose_channel(axis), std::string(column), "degrees", -180.0, 180.0};
    }
  return std::nullopt;
}

Header read_header(LineReader& lines, std::vector<std::string_view>& fields, const std::string& source) {
  std::string_view line;
  while (lines.next(line)) {
    split(line, tab, fields);
    const std::size_t used = used_fields(fields);
    if (used == 0 || fields[0].starts_with('#')) continue;  // preamble or tab-padded blank line
    Header header;
    header.line = lines.line_number();
    for (std::size_t i = 0; i < used; ++i) header.names.emplace_back(fields[i]);
    return header;
  }
  throw Error("no header found: the file has only '#' preamble lines", {source, lines.line_number()});
}

[[noreturn]] void missing_columns(const Header& header, const std::vector<std::string>& missing,
                                  const std::string& source) {
  std::string list;
  for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
  std::string hint;
  if (header.names.size() == 1 && header.names[0].find_first_of(",;") != std::string::npos)
    hint = " (the header has a single field: is the file tab-separated?)";
  throw Error(fmt::format("not an iMotions FACET export: missing required column(s) {}{}", list, hint),
              {source, header.line, 0, list});
}

void put(std::string& out, bool& first, std::string_view text) {
  put_cell(out, first, text, tab);
}
void put_number(std::string& out, bool& first, double value) {
  put_number_cell(out, first, value, tab);
}

void check_text(std::string_view text, std::string_view what) {
  if (text.find_first_of("\t\r\n") != std::string_view::npos)
    throw Error(fmt::format("{} '{}' holds a tab or a line break, which a FACET export cannot hold", what, text));
}

}  // namespace

FrameTable read_facet(std::string_view text, const std::string& source, const ReadOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) throw Error("empty file", {source});

  LineReader lines(text);
  std::vector<std::string_view> fields;
  const Header header = read_header(lines, fields, source);
  const std::size_t width = header.names.size();

  const auto time_field = find_column(header, "Timestamp");
  const auto faces_field = find_column(header, "NoOfFaces");
  const auto sensor_field = find_column(header, "EventSource");  // absent in single-sensor layouts
  const auto stimulus_field = find_column(header, "StimulusName");
  const auto name_field = find_column(header, "Name");

  FrameTable frames;
  frames.source = source;
  std::vector<Column> columns;
  for (std::size_t i = 0; i < width; ++i) {
    auto info = facet_channel(header.names[i]);
    if (!info) continue;
    if (frames.has_channel(info->name))
      throw Error(fmt::format("two columns give channel '{}'", info->name),
                  {source, header.line, i + 1, header.names[i]});
    columns.push_back({i, info->scale == evidence_scale});
    frames.channels.push_back(std::move(*info));
  }
  std::vector<std::string> missing;
  if (!time_field) missing.emplace_back("Timestamp");
  if (!faces_field) missing.emplace_back("NoOfFaces");
  if (std::none_of(columns.begin(), columns.end(), [](const Column& c) { return c.evidence; }))
    missing.emplace_back("Evidence columns (Joy Evidence, AU12 Evidence ...)");
  if (!missing.empty()) missing_columns(header, missing, source);

  frames.values.resize(columns.size());
  std::size_t repeated = 0, first_repeated = 0;
  double last_ms = 0.0;
  std::string_view line;
  while (lines.next(line)) {
    split(line, tab, fields);
    const std::size_t used = used_fields(fields);
    if (used == 0) continue;
    const std::size_t line_number = lines.line_number();
    check_row_width(fields, used, width, source, line_number);
    if (sensor_field && fields[*sensor_field].find("FACET") == std::string_view::npos) continue;

    const double ms = number_at(fields, *time_field, header.names, line_number, source);
    if (std::isnan(ms))
      throw Error("the FACET row has no time stamp", {source, line_number, *time_field + 1, "Timestamp"});
    const double time = ms / 1000.0;
    if (!frames.time.empty()) {
      if (ms < last_ms)
        throw Error(fmt::format("time stamps go back: {} ms after {} ms", ms, last_ms),
                    {source, line_number, *time_field + 1, "Timestamp"});
      if (ms == last_ms) {
        if (repeated++ == 0) first_repeated = line_number;
        continue;
      }
    }
    last_ms = ms;
    const bool valid = number_at(fields, *faces_field, header.names, line_number, source) == 1.0;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const double value = number_at(fields, columns[c].field, header.names, line_number, source);
      frames.values[c].push_back(!valid ? nan : columns[c].evidence ? probability_from_evidence(value) : value);
    }
    frames.time.push_back(time);
    frames.valid.push_back(valid ? 1 : 0);
    if (stimulus_field) frames.stimulus.emplace_back(fields[*stimulus_field]);
    if (name_field && frames.participant.empty()) frames.participant = std::string(fields[*name_field]);
  }

  if (frames.time.empty())
    throw Error(sensor_field ? "no FACET rows: no EventSource contains 'FACET'" : "no data rows after the header",
                {source, header.line});
  frames.confidence.assign(frames.frames(), nan);
  if (std::all_of(frames.stimulus.begin(), frames.stimulus.end(), [](const std::string& s) { return s.empty(); }))
    frames.stimulus.clear();
  if (repeated > 0)
    frames.warnings.push_back(
        fmt::format("{} FACET row(s) repeat the previous time stamp and were dropped (the first "
                    "at line {})",
                    repeated, first_repeated));
  if (options.frame_rate > 0.0)
    frames.warnings.emplace_back("the frame rate given is not used: FACET rows carry their own time stamps");
  frames.check();
  return frames;
}

std::string write_facet(const FrameTable& frames) {
  check_text(frames.participant, "the participant");
  for (const auto& s : frames.stimulus) check_text(s, "the stimulus");

  // The measurement columns after the fixed leading ones: name, channel (or none), what to write.
  enum class Kind { empty, evidence, intensity, number };
  struct Out {
    std::string name;
    Kind kind;
    const std::vector<double>* values;
  };
  const auto channel = [&](const std::string& name) -> const std::vector<double>* {
    return frames.has_channel(name) ? &frames.values[frames.channel_index(name)] : nullptr;
  };
  std::vector<Out> out_columns;
  for (const auto emotion : v6_emotions) {
    out_columns.push_back({fmt::format("{} Evidence", emotion), Kind::evidence, channel(*emotion_name(emotion))});
    out_columns.push_back({fmt::format("{} Intensity", emotion), Kind::intensity, nullptr});
  }
  for (const int au : v6_aus)
    out_columns.push_back({fmt::format("AU{} Evidence", au), Kind::evidence, channel(au_name(au))});
  out_columns.push_back({"HasGlasses Probability", Kind::empty, nullptr});
  out_columns.push_back({"IsMale Probability", Kind::empty, nullptr});
  for (const auto axis : pose_axes) {
    out_columns.push_back({fmt::format("{} Degrees", axis), Kind::number, channel(pose_channel(axis))});
  }
  for (const auto landmark : v6_landmarks) out_columns.push_back({std::string(landmark), Kind::empty, nullptr});
  for (const auto marker : {"LiveMarker", "KeyStroke", "MarkerText", "SceneType", "SceneOutput", "SceneParent"})
    out_columns.push_back({marker, Kind::empty, nullptr});

  static constexpr std::array<std::string_view, 19> leading{
      "StudyName",      "ExportDate",  "Name",      "Age",        "Gender",     "StimulusName",
      "SlideType",      "EventSource", "Timestamp", "MediaTime",  "PostMarker", "Annotation",
      "FrameNo",        "FrameTime",   "NoOfFaces", "FaceRect X", "FaceRect Y", "FaceRect Width",
      "FaceRect Height"};
  const std::size_t width = leading.size() + out_columns.size();
  const std::string padding(width - 1, tab);

  std::string out;
  for (const auto preamble : {"#Study : contagion", "#Date : ", "#Version : 6.0 (contagion export)", "#TestRunDate : "})
    out += fmt::format("{}{}\r\n", preamble, padding);
  out += padding + "\r\n";
  bool first = true;
  for (const auto name : leading) put(out, first, name);
  for (const auto& c : out_columns) put(out, first, c.name);
  out += "\r\n";

  const std::size_t n = frames.frames();
  for (std::size_t i = 0; i < n; ++i) {
    const bool valid = frames.valid[i] != 0;
    first = true;
    put(out, first, "contagion");
    put(out, first, {});  // ExportDate
    put(out, first, frames.participant);
    put(out, first, {});  // Age
    put(out, first, {});  // Gender
    put(out, first, frames.stimulus.empty() ? std::string_view() : std::string_view(frames.stimulus[i]));
    put(out, first, {});  // SlideType
    put(out, first, "Emotient FACET");
    put_number(out, first, frames.time[i] * 1000.0);
    put(out, first, {});  // MediaTime
    put(out, first, {});  // PostMarker
    put(out, first, {});  // Annotation
    put_number(out, first, static_cast<double>(i));
    put_number(out, first, (frames.time[i] - frames.time[0]) * 1000.0);
    put(out, first, valid ? "1" : "-1");
    for (int k = 0; k < 4; ++k) put(out, first, {});  // face rectangle
    for (const auto& c : out_columns) {
      if (!valid || c.kind == Kind::empty)
        put(out, first, {});
      else if (c.kind == Kind::intensity)
        put(out, first, "0");
      else if (c.values == nullptr)
        put(out, first, {});
      else if (c.kind == Kind::evidence) {
        const double p = (*c.values)[i];
        put_number(out, first, std::isnan(p) ? p : evidence_from_probability(p));
      } else
        put_number(out, first, (*c.values)[i]);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace contagion::facial::detail
