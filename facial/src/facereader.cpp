// Noldus FaceReader 6-9 "Video analysis detailed log" (FORMATS.md): tab-separated, any line
// ending (6.x writes bare CR), rows padded with trailing tabs; preamble lines (`Video analysis
// detailed log`, `Face Model:`, `Calibration:`, `Start time:`, `Filename:`, `Frame rate:`) then
// the header, the first line with a `Video Time` field.
//
// Time: `Video Time` is `hh:mm:ss.fff` from FaceReader 7 on and is read as it is (a row that
// repeats the previous time is dropped with a warning; a time that goes back is an error).
// FaceReader 6 writes `MM:SS.d`, only 0.1 s resolution: time is rebuilt as first time + row /
// frame rate, with the rate from ReadOptions::frame_rate, else the `Frame rate:` line, else
// estimated from the coarse clock (with a warning; an error when it spans no 0.1 s step). A given
// ReadOptions::frame_rate rebuilds the clock of later versions too.
//
// Channels: `Neutral Happy Sad Angry Surprised Scared Disgusted Contempt` (0-1) by their
// canonical emotion, `Valence` (-1..1), `Arousal` (0-1), `X/Y/Z - Head Orientation` as
// pitch/yaw/roll (degrees), and `Action Unit NN - Name` letters A-E as 1-5, NotActive as 0.
// `Stimulus` labels the frames. A row with FIT_FAILED / FIND_FAILED is a failed frame (valid 0,
// values NaN, stimulus carried from the row before). FaceReader has no per-frame confidence: NaN.
// Numbers written with a decimal comma (Dutch and German locales) are read too.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
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
constexpr std::string_view eol = "\r\n";
constexpr std::string_view au_scale = "FACS intensity A-E as 1-5";

constexpr std::array<std::string_view, 8> emotions{"Neutral",   "Happy",  "Sad",       "Angry",
                                                   "Surprised", "Scared", "Disgusted", "Contempt"};
struct Axis {
  std::string_view column, channel;
};
constexpr std::array<Axis, 3> pose_axes{
    {{"Y - Head Orientation", "yaw"}, {"X - Head Orientation", "pitch"}, {"Z - Head Orientation", "roll"}}};
struct ActionUnit {
  int number;
  std::string_view name;
};
// The action units of FaceReader 7's detailed log, for the writer.
constexpr std::array<ActionUnit, 20> action_units{
    {{1, "Inner Brow Raiser"},  {2, "Outer Brow Raiser"}, {4, "Brow Lowerer"},          {5, "Upper Lid Raiser"},
     {6, "Cheek Raiser"},       {7, "Lid Tightener"},     {9, "Nose Wrinkler"},         {10, "Upper Lip Raiser"},
     {12, "Lip Corner Puller"}, {14, "Dimpler"},          {15, "Lip Corner Depressor"}, {17, "Chin Raiser"},
     {18, "Lip Puckerer"},      {20, "Lip Stretcher"},    {23, "Lip Tightener"},        {24, "Lip Pressor"},
     {25, "Lips Part"},         {26, "Jaw Drop"},         {27, "Mouth Stretch"},        {43, "Eyes Closed"}}};

/// "Action Unit 12 - Lip Corner Puller" -> 12.
std::optional<int> action_unit_number(std::string_view column) {
  constexpr std::string_view prefix = "Action Unit ";
  if (!column.starts_with(prefix)) return std::nullopt;
  column.remove_prefix(prefix.size());
  int number = 0;
  const auto [end, error] = std::from_chars(column.data(), column.data() + column.size(), number);
  if (error != std::errc() || end == column.data() || number < 1 || number > 99) return std::nullopt;
  return number;
}

enum class Kind { number, action_unit };

std::optional<ChannelInfo> facereader_channel(std::string_view column, Kind& kind) {
  const std::string source(column);
  kind = Kind::number;
  for (const auto e : emotions)
    if (column == e) return ChannelInfo{*emotion_name(e), source, "FaceReader intensity 0-1", 0.0, 1.0};
  if (column == "Valence") return ChannelInfo{"valence", source, "FaceReader valence -1..1", -1.0, 1.0};
  if (column == "Arousal") return ChannelInfo{"arousal", source, "FaceReader arousal 0-1", 0.0, 1.0};
  for (const auto& axis : pose_axes)
    if (column == axis.column) return ChannelInfo{std::string(axis.channel), source, "degrees", -180.0, 180.0};
  if (const auto au = action_unit_number(column)) {
    kind = Kind::action_unit;
    return ChannelInfo{au_name(*au), source, std::string(au_scale), 0.0, 5.0};
  }
  return std::nullopt;
}

bool failed_token(std::string_view cell) {
  return cell == "FIT_FAILED" || cell == "FIND_FAILED";
}

/// A number, also with a decimal comma; false when the cell is not one.
bool to_number_any_decimal(std::string_view cell, double& value) {
  if (to_number(cell, value)) return true;
  std::array<char, 64> copy{};
  if (cell.size() > copy.size() || cell.find(',') == std::string_view::npos) return false;
  std::replace_copy(cell.begin(), cell.end(), copy.begin(), ',', '.');
  return to_number(std::string_view(copy.data(), cell.size()), value);
}

/// A FaceReader action-unit intensity: A..E -> 1..5, NotActive -> 0, empty -> NaN.
bool au_intensity(std::string_view cell, double& value) {
  if (cell.empty())
    value = nan;
  else if (cell == "NotActive")
    value = 0.0;
  else if (cell.size() == 1 && cell[0] >= 'A' && cell[0] <= 'E')
    value = cell[0] - 'A' + 1;
  else
    return false;
  return true;
}

/// `Video Time`: hh:mm:ss.fff (parts = 3) or MM:SS.d (parts = 2), in seconds.
bool video_time(std::string_view cell, double& seconds, int& parts) {
  std::array<double, 3> part{};
  parts = 0;
  while (true) {
    const std::size_t colon = cell.find(':');
    const std::string_view piece = cell.substr(0, colon);
    if (parts == 3 || piece.empty() || !to_number(piece, part[static_cast<std::size_t>(parts)]) ||
        part[static_cast<std::size_t>(parts)] < 0.0)
      return false;
    ++parts;
    if (colon == std::string_view::npos) break;
    cell.remove_prefix(colon + 1);
  }
  if (parts < 2 || part[static_cast<std::size_t>(parts) - 1] >= 60.0) return false;
  for (int k = 0; k + 1 < parts; ++k)
    if (part[static_cast<std::size_t>(k)] != std::floor(part[static_cast<std::size_t>(k)])) return false;
  if (parts == 3 && part[1] >= 60.0) return false;
  seconds = parts == 3 ? part[0] * 3600.0 + part[1] * 60.0 + part[2] : part[0] * 60.0 + part[1];
  return true;
}

/// The value of a preamble line "Key:<tab or space>value" (also with a comma or semicolon after
/// the key, so that a log with the wrong delimiter gets to the header and is reported there).
std::string_view preamble_value(std::string_view line, std::string_view key) {
  std::string_view value = line.substr(line.find(key) + key.size());
  const std::size_t first = value.find_first_not_of(" \t,;");
  if (first == std::string_view::npos) return {};
  return value.substr(first, value.find_last_not_of(" \t,;") - first + 1);
}

/// "C:\\videos\\P01.avi" -> "P01".
std::string file_stem(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  const std::size_t dot = path.rfind('.');
  if (dot != std::string_view::npos && dot > 0) path = path.substr(0, dot);
  return std::string(path);
}

struct Header {
  std::vector<std::string> names;
  std::size_t line = 0;
  double frame_rate = 0.0;  ///< from `Frame rate:`; 0 when absent
  std::string participant;  ///< the stem of `Filename:`
};

Header read_header(LineReader& lines, std::vector<std::string_view>& fields, const std::string& source) {
  Header header;
  std::string_view line;
  std::size_t near_miss = 0;  // a line that names Video Time without a tab after it
  while (lines.next(line)) {
    split(line, tab, fields);
    const std::size_t used = used_fields(fields);
    if (used == 0) continue;
    if (std::find(fields.begin(), fields.end(), std::string_view("Video Time")) != fields.end()) {
      header.line = lines.line_number();
      for (std::size_t i = 0; i < used; ++i) header.names.emplace_back(fields[i]);
      return header;
    }
    if (fields[0].starts_with("Frame rate:")) {
      const std::string_view value = preamble_value(line, "Frame rate:");
      if (!to_number_any_decimal(value, header.frame_rate) || !(header.frame_rate > 0.0))
        throw Error(fmt::format("the frame rate '{}' is not a positive number", value),
                    {source, lines.line_number(), 0, "Frame rate"});
    } else if (fields[0].starts_with("Filename:")) {
      header.participant = file_stem(preamble_value(line, "Filename:"));
    } else if (near_miss == 0 && line.find("Video Time") != std::string_view::npos) {
      near_miss = lines.line_number();
    }
  }
  if (near_miss > 0)
    throw Error("no header found: this line names 'Video Time' but is not tab-separated", {source, near_miss});
  throw Error("no header found: no line has a 'Video Time' column", {source, lines.line_number()});
}

void put(std::string& out, bool& first, std::string_view text) {
  put_cell(out, first, text, tab);
}
void put_number(std::string& out, bool& first, double value) {
  put_number_cell(out, first, value, tab);
}

void check_text(std::string_view text, std::string_view what) {
  if (text.find_first_of("\t\r\n") != std::string_view::npos)
    throw Error(fmt::format("{} '{}' holds a tab or a line break, which a FaceReader log cannot hold", what, text));
}

}  // namespace

FrameTable read_facereader(std::string_view text, const std::string& source, const ReadOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) throw Error("empty file", {source});

  LineReader lines(text);
  std::vector<std::string_view> fields;
  const Header header = read_header(lines, fields, source);
  const std::size_t width = header.names.size();

  FrameTable frames;
  frames.source = source;
  frames.participant = header.participant;
  struct Column {
    std::size_t field;
    Kind kind;
  };
  std::vector<Column> columns;
  std::optional<std::size_t> time_field, stimulus_field;
  for (std::size_t i = 0; i < width; ++i) {
    if (header.names[i] == "Video Time") time_field = i;
    if (header.names[i] == "Stimulus") stimulus_field = i;
    Kind kind = Kind::number;
    auto info = facereader_channel(header.names[i], kind);
    if (!info) continue;
    if (frames.has_channel(info->name))
      throw Error(fmt::format("two columns give channel '{}'", info->name),
                  {source, header.line, i + 1, header.names[i]});
    columns.push_back({i, kind});
    frames.channels.push_back(std::move(*info));
  }
  if (columns.empty()) {
    const std::string missing = "emotion or action-unit columns (Neutral, Happy ..., Action Unit 12 - ...)";
    throw Error(fmt::format("not a FaceReader detailed log: missing required column(s) {}", missing),
                {source, header.line, 0, missing});
  }

  // The clock is rebuilt from the row index for MM:SS.d (FaceReader 6) or when a rate is given.
  int time_parts = 0;
  bool rebuild = options.frame_rate > 0.0;
  std::vector<double> coarse;         // the Video Time of each kept row (s)
  std::vector<std::size_t> row_line;  // its line
  std::size_t repeated = 0, first_repeated = 0;
  frames.values.resize(columns.size());
  std::string carried_stimulus;
  std::string_view previous_cell;  // the Video Time of the row before, for messages
  std::string_view line;
  while (lines.next(line)) {
    split(line, tab, fields);
    const std::size_t used = used_fields(fields);
    if (used == 0) continue;
    const std::size_t line_number = lines.line_number();
    check_row_width(fields, used, width, source, line_number);

    const std::string_view time_cell = fields[*time_field];
    double time = 0.0;
    int parts = 0;
    if (!video_time(time_cell, time, parts) || (time_parts != 0 && parts != time_parts))
      throw Error(fmt::format("expected a video time {}, got '{}'",
                              time_parts == 2   ? "MM:SS.d"
                              : time_parts == 3 ? "hh:mm:ss.fff"
                                                : "hh:mm:ss.fff or MM:SS.d",
                              time_cell),
                  {source, line_number, *time_field + 1, "Video Time"});
    if (time_parts == 0) {
      time_parts = parts;
      rebuild = rebuild || parts == 2;
    }
    if (!coarse.empty() && time <= coarse.back()) {
      if (time < coarse.back())
        throw Error(fmt::format("video time goes back: {} after {}", time_cell, previous_cell),
                    {source, line_number, *time_field + 1, "Video Time"});
      if (!rebuild) {  // 0.1 s clocks repeat by design; a millisecond clock should not
        if (repeated++ == 0) first_repeated = line_number;
        continue;
      }
    }

    const bool failed =
        std::any_of(columns.begin(), columns.end(), [&](const Column& c) { return failed_token(fields[c.field]); });
    bool valid = false;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      double value = nan;
      const std::string_view cell = fields[columns[c].field];
      if (!failed) {
        const bool ok =
            columns[c].kind == Kind::action_unit ? au_intensity(cell, value) : to_number_any_decimal(cell, value);
        if (!ok)
          throw Error(columns[c].kind == Kind::action_unit
                          ? fmt::format("unknown action-unit intensity '{}' (expected A-E or NotActive)", cell)
                          : fmt::format("expected a number, got '{}'", cell),
                      {source, line_number, columns[c].field + 1, header.names[columns[c].field]});
      }
      valid = valid || !std::isnan(value);
      frames.values[c].push_back(value);
    }
    coarse.push_back(time);
    previous_cell = time_cell;
    row_line.push_back(line_number);
    frames.valid.push_back(valid ? 1 : 0);
    if (stimulus_field) {
      const std::string_view cell = fields[*stimulus_field];
      if (!failed_token(cell)) carried_stimulus = std::string(cell);
      frames.stimulus.push_back(carried_stimulus);
    }
  }
  if (coarse.empty()) throw Error("no data rows after the header", {source, header.line});

  const std::size_t n = coarse.size();
  double rate = options.frame_rate > 0.0 ? options.frame_rate : header.frame_rate;
  if (rebuild && n > 1) {
    if (!(rate > 0.0)) {
      if (!(coarse.back() > coarse.front()))
        throw Error(fmt::format("cannot rebuild the clock of {} rows within one 0.1 s step of Video Time: give the "
                                "frame rate",
                                n),
                    {source, header.line, *time_field + 1, "Video Time"});
      rate = static_cast<double>(n - 1) / (coarse.back() - coarse.front());
      frames.warnings.push_back(fmt::format(
          "no frame rate in the log or the options: {:.4g} frames per second estimated from the 0.1 s Video Time; "
          "give the frame rate",
          rate));
    }
    frames.frame_rate = rate;
    frames.time.resize(n);
    double worst = 0.0;
    std::size_t worst_row = 0;
    for (std::size_t i = 0; i < n; ++i) {
      frames.time[i] = coarse.front() + static_cast<double>(i) / rate;
      const double drift = std::abs(frames.time[i] - coarse[i]);
      if (drift > worst) {
        worst = drift;
        worst_row = i;
      }
    }
    if (worst > 0.15 + 1.5 / rate)
      frames.warnings.push_back(fmt::format(
          "the clock rebuilt at {} frames per second is {:.3g} s off the Video Time at line {}: check the frame rate",
          rate, worst, row_line[worst_row]));
  } else {
    frames.frame_rate = rate;
    frames.time = std::move(coarse);
  }
  frames.confidence.assign(n, nan);
  if (std::all_of(frames.stimulus.begin(), frames.stimulus.end(), [](const std::string& s) { return s.empty(); }))
    frames.stimulus.clear();
  if (repeated > 0)
    frames.warnings.push_back(fmt::format(
        "{} row(s) repeat the previous video time and were dropped (the first at line {})", repeated, first_repeated));
  frames.check();
  return frames;
}

std::string write_facereader(const FrameTable& frames) {
  check_text(frames.participant, "the participant");
  for (const auto& s : frames.stimulus) check_text(s, "the stimulus");

  struct Out {
    std::string name;
    Kind kind;
    const std::vector<double>* values;  ///< nullptr: the table has no such channel (empty cells)
  };
  std::vector<Out> out_columns;
  const auto add = [&](std::string column) {
    Kind kind = Kind::number;
    const auto info = facereader_channel(column, kind);
    const std::vector<double>* values =
        frames.has_channel(info->name) ? &frames.values[frames.channel_index(info->name)] : nullptr;
    out_columns.push_back({std::move(column), kind, values});
  };
  for (const auto e : emotions) add(std::string(e));
  add("Valence");
  add("Arousal");
  for (const auto& axis : pose_axes) add(std::string(axis.column));
  for (const auto& au : action_units) add(fmt::format("Action Unit {:02d} - {}", au.number, au.name));

  std::string out = "Video analysis detailed log";
  out += eol;
  out += eol;
  out += "Face Model:\tGeneral";
  out += eol;
  out += "Calibration:\tNone";
  out += eol;
  out += "Start time:\t";
  out += eol;
  out += fmt::format("Filename:\t{}{}", frames.participant, frames.participant.empty() ? "" : ".avi");
  out += eol;
  if (frames.frame_rate > 0.0) out += fmt::format("Frame rate:\t{}{}", frames.frame_rate, eol);
  out += eol;
  bool first = true;
  put(out, first, "Video Time");
  for (const auto& c : out_columns) put(out, first, c.name);
  put(out, first, "Stimulus");
  put(out, first, "Event Marker");
  out += tab;  // FaceReader pads its rows with a trailing tab
  out += eol;

  for (std::size_t i = 0; i < frames.frames(); ++i) {
    const double t = frames.time[i];
    if (!(t >= 0.0))
      throw Error(fmt::format("frame {} has time {} s: FaceReader video time cannot be negative", i + 1, t));
    const auto ms = static_cast<std::int64_t>(std::llround(t * 1000.0));
    first = true;
    put(out, first,
        fmt::format("{:02d}:{:02d}:{:02d}.{:03d}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000));
    const bool valid = frames.valid[i] != 0;
    for (const auto& c : out_columns) {
      if (!valid) {
        put(out, first, "FIT_FAILED");
        continue;
      }
      const double value = c.values ? (*c.values)[i] : nan;
      if (c.kind == Kind::number) {
        put_number(out, first, value);
      } else if (std::isnan(value)) {
        put(out, first, {});
      } else {
        static constexpr std::array<std::string_view, 6> letters{"NotActive", "A", "B", "C", "D", "E"};
        put(out, first, letters[static_cast<std::size_t>(std::clamp(std::llround(value), 0LL, 5LL))]);
      }
    }
    put(out, first, frames.stimulus.empty() ? std::string_view() : std::string_view(frames.stimulus[i]));
    put(out, first, {});  // Event Marker
    out += tab;
    out += eol;
  }
  return out;
}

}  // namespace contagion::facial::detail
