// iMotions 8-10 "sensor data" export with Affectiva AFFDEX (FORMATS.md): UTF-8 with BOM,
// comma-separated, a `#INFO` block, a `#METADATA` block (rows starting `#`), then `#DATA` and
// the header `Row,Timestamp,...`. The header is the first row whose first two cells are
// Row,Timestamp, or the first row after #DATA.
//
// Time: `Timestamp` (ms since the start of the recording) / 1000, kept absolute. Rows are not
// evenly spaced (frame_rate 0). A row with the time stamp of the previous one (a slide event
// beside a sensor sample) is merged into it: the first row that has a face wins; a warning
// counts them. A time stamp that goes back is an error.
//
// Channels on their AFFDEX scales: emotions and expressions 0-100, Engagement 0-100, Valence
// -100..100, Pitch/Yaw/Roll in degrees. Expressions are named by their FACS action unit
// (affdex_expression_au); Smirk has none and stays "smirk". A row whose channel cells are all
// empty had no face: valid 0, values NaN. AFFDEX has no per-frame confidence: NaN.

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
constexpr char comma = ',';
constexpr std::string_view eol = "\r\n";

constexpr std::array<std::string_view, 7> emotions{"Anger", "Contempt", "Disgust", "Fear",
                                                   "Joy",   "Sadness",  "Surprise"};
constexpr std::array<std::string_view, 20> expressions{
    "Brow Furrow",      "Brow Raise", "Cheek Raise",          "Chin Raise", "Dimpler",    "Eye Closure",    "Eye Widen",
    "Inner Brow Raise", "Jaw Drop",   "Lip Corner Depressor", "Lip Press",  "Lip Pucker", "Lip Stretch",    "Lip Suck",
    "Lid Tighten",      "Mouth Open", "Nose Wrinkle",         "Smile",      "Smirk",      "Upper Lip Raise"};
constexpr std::array<std::string_view, 3> pose_axes{"Pitch", "Yaw", "Roll"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The canonical channel of an AFFDEX column, or nothing for columns that are not read.
std::optional<ChannelInfo> affdex_channel(std::string_view column) {
  const std::string source(column);
  for (const auto e : emotions)
    if (column == e) return ChannelInfo{*emotion_name(e), source, "AFFDEX emotion score 0-100", 0.0, 100.0};
  if (column == "Engagement") return ChannelInfo{"engagement", source, "AFFDEX engagement 0-100", 0.0, 100.0};
  if (column == "Valence") return ChannelInfo{"valence", source, "AFFDEX valence -100..100", -100.0, 100.0};
  for (const auto x : expressions)
    if (column == x) {
      const auto au = affdex_expression_au(x);
      return ChannelInfo{au ? au_name(*au) : lower(x), source, "AFFDEX expression score 0-100", 0.0, 100.0};
    }
  for (const auto axis : pose_axes)
    if (column == axis) return ChannelInfo{lower(axis), source, "degrees", -180.0, 180.0};
  return std::nullopt;
}

struct Header {
  std::vector<std::string> names;
  std::size_t line = 0;
  std::string participant;  ///< #Respondent Name in the #INFO block
};

std::optional<std::size_t> find_column(const Header& header, std::string_view name) {
  for (std::size_t i = 0; i < header.names.size(); ++i)
    if (header.names[i] == name) return i;
  return std::nullopt;
}

Header read_header(LineReader& lines, std::vector<std::string_view>& fields, const std::string& source) {
  Header header;
  bool after_data = false;
  std::string_view line;
  while (lines.next(line)) {
    split(line, comma, fields);
    const std::size_t used = used_fields(fields);
    if (used == 0) continue;
    if (fields[0].starts_with('#')) {
      if (fields[0].starts_with("#DATA")) after_data = true;
      if (fields[0] == "#Respondent Name" && fields.size() > 1) header.participant = std::string(fields[1]);
      continue;
    }
    if (after_data || (used >= 2 && fields[0] == "Row" && fields[1] == "Timestamp")) {
      header.line = lines.line_number();
      for (std::size_t i = 0; i < used; ++i) header.names.emplace_back(fields[i]);
      return header;
    }
  }
  throw Error("no header found: no '#DATA' line and no line starting 'Row,Timestamp'", {source, lines.line_number()});
}

void put(std::string& out, bool& first, std::string_view text) {
  put_cell(out, first, text, comma);
}
void put_number(std::string& out, bool& first, double value) {
  put_number_cell(out, first, value, comma);
}

void check_text(std::string_view text, std::string_view what) {
  if (text.find_first_of(",\"\r\n") != std::string_view::npos)
    throw Error(
        fmt::format("{} '{}' holds a comma, a quote or a line break, which this export cannot hold", what, text));
}

}  // namespace

FrameTable read_affdex(std::string_view text, const std::string& source, const ReadOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) throw Error("empty file", {source});

  LineReader lines(text);
  std::vector<std::string_view> fields;
  const Header header = read_header(lines, fields, source);
  const std::size_t width = header.names.size();

  FrameTable frames;
  frames.source = source;
  frames.participant = header.participant;
  std::vector<std::size_t> columns;  // header position of each channel
  for (std::size_t i = 0; i < width; ++i) {
    auto info = affdex_channel(header.names[i]);
    if (!info) continue;
    if (frames.has_channel(info->name))
      throw Error(fmt::format("two columns give channel '{}'", info->name),
                  {source, header.line, i + 1, header.names[i]});
    columns.push_back(i);
    frames.channels.push_back(std::move(*info));
  }
  const auto time_field = find_column(header, "Timestamp");
  const auto stimulus_field = find_column(header, "SourceStimuliName");
  std::vector<std::string> missing;
  if (!time_field) missing.emplace_back("Timestamp");
  if (columns.empty()) missing.emplace_back("AFFDEX channel columns (Joy, Smile, Valence ...)");
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    const bool one_field = width == 1 && header.names[0].find_first_of("\t;") != std::string::npos;
    throw Error(fmt::format("not an iMotions AFFDEX export: missing required column(s) {}{}", list,
                            one_field ? " (the header has a single field: is the file comma-separated?)" : ""),
                {source, header.line, 0, list});
  }

  frames.values.resize(columns.size());
  std::vector<double> row(columns.size());
  std::size_t merged = 0, first_merged = 0;
  double last_ms = 0.0;
  std::string_view line;
  while (lines.next(line)) {
    split(line, comma, fields);
    const std::size_t used = used_fields(fields);
    if (used == 0) continue;
    const std::size_t line_number = lines.line_number();
    check_row_width(fields, used, width, source, line_number);

    const double ms = number_at(fields, *time_field, header.names, line_number, source);
    if (std::isnan(ms)) throw Error("the row has no time stamp", {source, line_number, *time_field + 1, "Timestamp"});
    const double time = ms / 1000.0;
    bool valid = false;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      row[c] = number_at(fields, columns[c], header.names, line_number, source);
      valid = valid || !std::isnan(row[c]);
    }
    const std::string_view stimulus = stimulus_field ? fields[*stimulus_field] : std::string_view();

    if (!frames.time.empty() && ms <= last_ms) {
      if (ms < last_ms)
        throw Error(fmt::format("time stamps go back: {} ms after {} ms", ms, last_ms),
                    {source, line_number, *time_field + 1, "Timestamp"});
      if (merged++ == 0) first_merged = line_number;
      if (frames.valid.back() == 0 && valid) {  // the face sample replaces an empty event row
        for (std::size_t c = 0; c < columns.size(); ++c) frames.values[c].back() = row[c];
        frames.valid.back() = 1;
        if (stimulus_field) frames.stimulus.back() = std::string(stimulus);
      }
      continue;
    }
    last_ms = ms;
    for (std::size_t c = 0; c < columns.size(); ++c) frames.values[c].push_back(row[c]);
    frames.time.push_back(time);
    frames.valid.push_back(valid ? 1 : 0);
    if (stimulus_field) frames.stimulus.emplace_back(stimulus);
  }

  if (frames.time.empty()) throw Error("no data rows after the header", {source, header.line});
  frames.confidence.assign(frames.frames(), nan);
  if (std::all_of(frames.stimulus.begin(), frames.stimulus.end(), [](const std::string& s) { return s.empty(); }))
    frames.stimulus.clear();
  if (merged > 0)
    frames.warnings.push_back(
        fmt::format("{} row(s) repeat the previous time stamp and were merged into it (the first at line {})", merged,
                    first_merged));
  if (options.frame_rate > 0.0)
    frames.warnings.emplace_back("the frame rate given is not used: AFFDEX rows carry their own time stamps");
  frames.check();
  return frames;
}

std::string write_affdex(const FrameTable& frames) {
  check_text(frames.participant, "the participant");
  for (const auto& s : frames.stimulus) check_text(s, "the stimulus");

  struct Out {
    std::string name;
    const std::vector<double>* values;  ///< nullptr: the table has no such channel (empty cells)
    std::string_view unit;
  };
  std::vector<Out> out_columns;
  const auto add = [&](std::string_view column, std::string_view unit) {
    const auto info = affdex_channel(column);
    const std::vector<double>* values = nullptr;
    if (info && frames.has_channel(info->name)) values = &frames.values[frames.channel_index(info->name)];
    out_columns.push_back({std::string(column), values, unit});
  };
  for (const auto e : emotions) add(e, "");
  add("Engagement", "");
  add("Valence", "");
  for (const auto x : expressions) add(x, "");
  add("Blink", "");
  for (const auto axis : pose_axes) add(axis, "degrees");
  add("Interocular Distance", "pixels");

  std::string out = "\xEF\xBB\xBF#INFO";
  out += eol;
  out += "#Study name,contagion";
  out += eol;
  out += fmt::format("#Respondent Name,{}", frames.participant);
  out += eol;
  out += "#iMotions version,contagion export";
  out += eol;
  out += "#METADATA";
  out += eol;
  // Metadata rows: a label in the Row column, then one cell per column of the header.
  bool first = true;
  for (const auto* row : {"#Display name,Timestamp,SourceStimuliName,SlideEvent", "#Category,,,", "#Unit,ms,,"}) {
    out += row;
    const std::string_view label(row);
    for (const auto& c : out_columns) {
      out += comma;
      out += label.starts_with("#Display")    ? std::string_view(c.name)
             : label.starts_with("#Category") ? std::string_view("Affectiva AFFDEX")
                                              : c.unit;
    }
    out += eol;
  }
  out += "#DATA";
  out += eol;
  first = true;
  for (const auto name : {"Row", "Timestamp", "SourceStimuliName", "SlideEvent"}) put(out, first, name);
  for (const auto& c : out_columns) put(out, first, c.name);
  out += eol;

  for (std::size_t i = 0; i < frames.frames(); ++i) {
    first = true;
    put_number(out, first, static_cast<double>(i + 1));
    put_number(out, first, frames.time[i] * 1000.0);
    put(out, first, frames.stimulus.empty() ? std::string_view() : std::string_view(frames.stimulus[i]));
    put(out, first, {});  // SlideEvent
    for (const auto& c : out_columns) put_number(out, first, frames.valid[i] != 0 && c.values ? (*c.values)[i] : nan);
    out += eol;
  }
  return out;
}

}  // namespace contagion::facial::detail
