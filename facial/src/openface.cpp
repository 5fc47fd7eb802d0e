// OpenFace 2.x FeatureExtraction CSV (FORMATS.md): every header variant (", " or "," between
// fields, with or without face_id, gaze angles, eye landmarks), columns looked up by name,
// failed frames kept with NaN values, and the early-2018 millisecond clock detected.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include "contagion/core/error.hpp"
#include "contagion/facial/channel_names.hpp"
#include "delimited.hpp"
#include "formats.hpp"

namespace contagion::facial::detail {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double pi = std::numbers::pi;
/// Faster than any camera records: a clock stepping less than this per frame is not seconds.
constexpr double min_plausible_step = 1.0 / 500.0;

/// The channel an OpenFace column holds; nullopt for columns that are not read (landmarks...).
std::optional<ChannelInfo> openface_channel(std::string_view name) {
  const auto make = [&](std::string canonical, const char* scale, double low, double high) {
    return ChannelInfo{std::move(canonical), std::string(name), scale, low, high};
  };
  if (name.size() > 4 && name.starts_with("AU") && (name.ends_with("_r") || name.ends_with("_c"))) {
    const std::string_view stem = name.substr(0, name.size() - 2);
    const auto au = au_number(stem);
    if (au && stem.find_first_not_of("0123456789", 2) == std::string_view::npos) {
      if (name.back() == 'r') return make(au_name(*au), "intensity 0-5", 0.0, 5.0);
      return make(au_name(*au) + "_c", "presence 0/1", 0.0, 1.0);
    }
  }
  if (name == "pose_Rx") return make("pitch", "radians", -pi, pi);
  if (name == "pose_Ry") return make("yaw", "radians", -pi, pi);
  if (name == "pose_Rz") return make("roll", "radians", -pi, pi);
  if (name == "gaze_angle_x" || name == "gaze_angle_y") return make(std::string(name), "radians", -pi, pi);
  return std::nullopt;
}

struct Column {
  std::size_t index;
  ChannelInfo info;
};

double median(std::vector<double> v) {
  const auto middle = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), middle, v.end());
  return *middle;
}

}  // namespace

FrameTable read_openface(std::string_view text, const std::string& source, const ReadOptions& options) {
  LineReader lines(text);
  std::string_view line;
  HeaderLine header;
  if (!read_header_line(lines, ',', header, line)) throw Error("empty file: no OpenFace header", {source});
  const std::size_t header_line = header.line;
  const auto& names = header.names;
  if (names.size() == 1 && line.find_first_of(";\t") != std::string_view::npos)
    throw Error(fmt::format("the header is not comma-separated (it has '{}' between names); OpenFace writes ','",
                            line.find(';') != std::string_view::npos ? ";" : "\\t"),
                {source, header_line});
  const auto find = [&](std::string_view name) { return header.find(name); };
  const char* required[] = {"frame", "timestamp", "confidence", "success"};
  std::string first_missing;
  if (const std::string missing = header.missing(required, first_missing); !missing.empty())
    throw Error(fmt::format("missing required column(s) {}: not an OpenFace FeatureExtraction file?", missing),
                {source, header_line, 0, first_missing});
  const std::size_t col_frame = *find("frame"), col_time = *find("timestamp"), col_confidence = *find("confidence"),
                    col_success = *find("success");
  std::vector<Column> columns;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (auto info = openface_channel(names[i])) columns.push_back({i, std::move(*info)});

  const bool rebuild_clock = options.frame_rate > 0.0;
  std::vector<double> time, frame_number, confidence;
  std::vector<std::uint8_t> valid;
  std::vector<std::size_t> line_of;
  std::vector<std::vector<double>> values(columns.size());
  std::vector<double> row(columns.size());
  std::vector<std::string_view> fields;
  fields.reserve(names.size());
  std::size_t repeated = 0;
  while (lines.next(line)) {
    if (trim(line).empty()) continue;
    const std::size_t at = lines.line_number();
    split(line, ',', fields);
    if (fields.size() != names.size())
      throw Error(fmt::format("{} fields where the header has {} (a truncated line?)", fields.size(), names.size()),
                  {source, at});
    const auto number = [&](std::size_t col) {
      double value = 0.0;
      if (!to_number(fields[col], value))
        throw Error(fmt::format("'{}' is not a number", fields[col]), {source, at, col + 1, std::string(names[col])});
      return value;
    };
    const auto required_number = [&](std::size_t col) {
      const double value = number(col);
      if (!std::isfinite(value))
        throw Error(fmt::format("'{}' where a number is required", fields[col]),
                    {source, at, col + 1, std::string(names[col])});
      return value;
    };
    const double frame = required_number(col_frame);
    const double t = rebuild_clock ? (frame - 1.0) / options.frame_rate : required_number(col_time);
    const double conf = number(col_confidence);
    const double success = number(col_success);
    for (std::size_t c = 0; c < columns.size(); ++c) row[c] = number(columns[c].index);

    // Several faces in one frame (a multi-face tracker's output): keep the most confident.
    if (!frame_number.empty() && frame == frame_number.back()) {
      ++repeated;
      if (!(std::isfinite(conf) && (std::isnan(confidence.back()) || conf > confidence.back()))) continue;
    } else {
      if (!time.empty() && !(t > time.back()))
        throw Error(fmt::format("time does not increase: {} s after {} s on line {}", t, time.back(), line_of.back()),
                    {source, at, (rebuild_clock ? col_frame : col_time) + 1,
                     std::string(names[rebuild_clock ? col_frame : col_time])});
      time.push_back(0.0);
      frame_number.push_back(0.0);
      confidence.push_back(0.0);
      valid.push_back(0);
      line_of.push_back(0);
      for (auto& v : values) v.push_back(0.0);
    }
    const std::size_t r = time.size() - 1;
    const bool ok = success == 1.0 && conf >= options.min_confidence;
    time[r] = t;
    frame_number[r] = frame;
    confidence[r] = conf;
    valid[r] = ok ? 1 : 0;
    line_of[r] = at;
    for (std::size_t c = 0; c < columns.size(); ++c) values[c][r] = ok ? row[c] : nan;
  }
  if (time.empty()) throw Error("no data rows after the header", {source, header_line});

  FrameTable frames;
  frames.source = source;
  frames.format = SourceFormat::openface;
  if (rebuild_clock) {
    frames.frame_rate = options.frame_rate;
  } else if (time.size() >= 2 && frame_number.back() > frame_number.front()) {
    std::vector<double> steps;
    steps.reserve(time.size() - 1);
    for (std::size_t i = 1; i < time.size(); ++i)
      if (frame_number[i] > frame_number[i - 1])
        steps.push_back((time[i] - time[i - 1]) / (frame_number[i] - frame_number[i - 1]));
    const double step = median(std::move(steps));
    if (step < min_plausible_step)
      frames.warnings.push_back(fmt::format(
          "the timestamp column rises by {:.3g} s per frame ({:.0f} frames per second), which no camera records; "
          "early-2018 OpenFace builds wrote such a clock: give the video's frame rate (--fps) to rebuild the time "
          "from frame numbers",
          step, 1.0 / step));
    else
      frames.frame_rate = (frame_number.back() - frame_number.front()) / (time.back() - time.front());
  }
  if (repeated > 0)
    frames.warnings.push_back(
        fmt::format("{} rows repeat the frame number of the row before (several faces): the most confident face of "
                    "each frame is kept",
                    repeated));
  frames.time = std::move(time);
  frames.valid = std::move(valid);
  frames.confidence = std::move(confidence);
  for (std::size_t c = 0; c < columns.size(); ++c) frames.add_channel(std::move(columns[c].info), std::move(values[c]));
  return frames;
}

std::string write_openface(const FrameTable& frames) {
  // OpenFace's own column order: gaze angles, head rotation, AU intensities, AU presence.
  struct Out {
    int group, key;
    std::string name;
    std::size_t channel;
    double factor;
  };
  std::vector<Out> out;
  for (std::size_t c = 0; c < frames.channels.size(); ++c) {
    const ChannelInfo& info = frames.channels[c];
    const std::string& name = info.name;
    const double angle = info.scale.starts_with("degrees") ? pi / 180.0 : 1.0;
    if (name == "gaze_angle_x" || name == "gaze_angle_y") {
      out.push_back({0, name.back() == 'x' ? 0 : 1, name, c, angle});
    } else if (name == "pitch" || name == "yaw" || name == "roll") {
      const int key = name == "pitch" ? 0 : name == "yaw" ? 1 : 2;
      out.push_back({1, key, fmt::format("pose_R{}", "xyz"[key]), c, angle});
    } else if (const auto au = au_number(name)) {
      if (name == au_name(*au)) out.push_back({2, *au, name + "_r", c, 1.0});
      if (name == au_name(*au) + "_c") out.push_back({3, *au, name, c, 1.0});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Out& a, const Out& b) { return a.group != b.group ? a.group < b.group : a.key < b.key; });

  std::string text = "frame, face_id, timestamp, confidence, success";
  for (const Out& o : out) text += ", " + o.name;
  text += '\n';
  auto it = std::back_inserter(text);
  for (std::size_t i = 0; i < frames.frames(); ++i) {
    const bool ok = frames.valid[i] != 0;
    // A source without confidence: 1 for a face, 0 without. (A valid frame whose confidence is below the
    // reader's min_confidence reads back as failed: that is what the number means in OpenFace.)
    const double conf = std::isfinite(frames.confidence[i]) ? frames.confidence[i] : (ok ? 1.0 : 0.0);
    fmt::format_to(it, "{}, 0, {}, {}, {}", i + 1, frames.time[i], conf, ok ? 1 : 0);
    // A failed frame's values are zeros in OpenFace's own files.
    for (const Out& o : out) fmt::format_to(it, ", {}", ok ? frames.values[o.channel][i] * o.factor : 0.0);
    text += '\n';
  }
  return text;
}

}  // namespace contagion::facial::detail
