// Py-Feat detector CSV (FORMATS.md), v1 (lower-case emotions) and v2 (capitalised emotions,
// valence/arousal, mesh and many more columns): columns by name, time from frame numbers.

#include <fmt/format.h>

#include <algorithm>
#include <array>
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
/// Py-Feat files have no clock; this is assumed (with a warning) when no frame rate is given.
constexpr double default_frame_rate = 30.0;

bool is_au_column(std::string_view name) {
  return name.starts_with("AU") && au_number(name) && name.find_first_not_of("0123456789", 2) == std::string_view::npos;
}

/// The channel a Py-Feat column holds; nullopt for columns that are not read (face box, landmarks...).
std::optional<ChannelInfo> pyfeat_channel(std::string_view name) {
  const auto make = [&](std::string canonical, const char* scale, double low, double high) {
    return ChannelInfo{std::move(canonical), std::string(name), scale, low, high};
  };
  if (name == "Pitch") return make("pitch", "degrees", -180.0, 180.0);
  if (name == "Roll") return make("roll", "degrees", -180.0, 180.0);
  if (name == "Yaw") return make("yaw", "degrees", -180.0, 180.0);
  if (is_au_column(name)) return make(au_name(*au_number(name)), "probability 0-1", 0.0, 1.0);
  if (auto emotion = emotion_name(name)) {
    if (*emotion == "valence" || *emotion == "arousal") return make(*emotion, "-1..1", -1.0, 1.0);
    return make(*emotion, "probability 0-1", 0.0, 1.0);
  }
  return std::nullopt;
}

struct Column {
  std::size_t index;
  ChannelInfo info;
};

/// The v1 layout (the sample 001.csv), in order.
std::vector<std::string> v1_columns() {
  std::vector<std::string> names = {"FaceRectX", "FaceRectY", "FaceRectWidth", "FaceRectHeight", "FaceScore"};
  for (const char axis : {'x', 'y'})
    for (int k = 0; k < 68; ++k) names.push_back(fmt::format("{}_{}", axis, k));
  for (const char* name : {"Pitch", "Roll", "Yaw"}) names.emplace_back(name);
  for (const int au : {1, 2, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 17, 20, 23, 24, 25, 26, 28, 43})
    names.push_back(au_name(au));
  for (const char* name : {"anger", "disgust", "fear", "happiness", "sadness", "surprise", "neutral", "input", "frame"})
    names.emplace_back(name);
  return names;
}

double median_step(const std::vector<double>& time) {
  std::vector<double> steps;
  for (std::size_t i = 1; i < time.size(); ++i) steps.push_back(time[i] - time[i - 1]);
  if (steps.empty()) return 0.0;
  const auto middle = steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2);
  std::nth_element(steps.begin(), middle, steps.end());
  return *middle;
}

}  // namespace

FrameTable read_pyfeat(std::string_view text, const std::string& source, const ReadOptions& options) {
  LineReader lines(text);
  std::string_view line;
  HeaderLine header;
  if (!read_header_line(lines, ',', header, line)) throw Error("empty file: no Py-Feat header", {source});
  const std::size_t header_line = header.line;
  const auto& names = header.names;
  if (names.size() == 1 && line.find_first_of(";\t") != std::string_view::npos)
    throw Error(fmt::format("the header is not comma-separated (it has '{}' between names); Py-Feat writes ','",
                            line.find(';') != std::string_view::npos ? ";" : "\\t"),
                {source, header_line});
  const auto find = [&](std::string_view name) { return header.find(name); };
  const char* required[] = {"FaceScore", "frame"};
  std::string first_missing;
  if (const std::string missing = header.missing(required, first_missing); !missing.empty())
    throw Error(fmt::format("missing required column(s) {}: not a Py-Feat detector file?", missing),
                {source, header_line, 0, first_missing});
  const std::size_t col_score = *find("FaceScore"), col_frame = *find("frame");
  std::vector<Column> columns;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (auto info = pyfeat_channel(names[i])) columns.push_back({i, std::move(*info)});

  const double rate = options.frame_rate > 0.0 ? options.frame_rate : default_frame_rate;
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
    const double frame = number(col_frame);
    if (!std::isfinite(frame))
      throw Error(fmt::format("'{}' where a frame number is required", fields[col_frame]),
                  {source, at, col_frame + 1, "frame"});
    const double score = number(col_score);
    for (std::size_t c = 0; c < columns.size(); ++c) row[c] = number(columns[c].index);
    const double t = frame / rate;

    // One row per face: several rows of one frame are several faces; keep the most confident.
    if (!frame_number.empty() && frame == frame_number.back()) {
      ++repeated;
      if (!(std::isfinite(score) && (std::isnan(confidence.back()) || score > confidence.back()))) continue;
    } else {
      if (!time.empty() && !(t > time.back()))
        throw Error(fmt::format("frame numbers do not increase: frame {} after frame {} on line {}", frame,
                                frame_number.back(), line_of.back()),
                    {source, at, col_frame + 1, "frame"});
      time.push_back(0.0);
      frame_number.push_back(0.0);
      confidence.push_back(0.0);
      valid.push_back(0);
      line_of.push_back(0);
      for (auto& v : values) v.push_back(0.0);
    }
    const std::size_t r = time.size() - 1;
    const bool ok = std::isfinite(score) && score > 0.0;
    time[r] = t;
    frame_number[r] = frame;
    confidence[r] = score;
    valid[r] = ok ? 1 : 0;
    line_of[r] = at;
    for (std::size_t c = 0; c < columns.size(); ++c) values[c][r] = ok ? row[c] : nan;
  }
  if (time.empty()) throw Error("no data rows after the header", {source, header_line});

  FrameTable frames;
  frames.source = source;
  frames.format = SourceFormat::pyfeat;
  frames.frame_rate = rate;
  if (options.frame_rate <= 0.0)
    frames.warnings.push_back(
        fmt::format("Py-Feat files have no clock: time = frame / {} (frames per second assumed); give the video's "
                    "frame rate (--fps) if it was another",
                    default_frame_rate));
  if (repeated > 0)
    frames.warnings.push_back(fmt::format(
        "{} rows repeat the frame number of the row before (several faces): the face with the highest FaceScore of "
        "each frame is kept",
        repeated));
  frames.time = std::move(time);
  frames.valid = std::move(valid);
  frames.confidence = std::move(confidence);
  for (std::size_t c = 0; c < columns.size(); ++c) frames.add_channel(std::move(columns[c].info), std::move(values[c]));
  return frames;
}

std::string write_pyfeat(const FrameTable& frames) {
  const std::vector<std::string> names = v1_columns();
  // For each column: the channel written there (or none) and a factor to the column's unit.
  struct Source {
    std::optional<std::size_t> channel;
    double factor = 1.0;
  };
  std::vector<Source> sources(names.size());
  for (std::size_t k = 0; k < names.size(); ++k) {
    const auto info = pyfeat_channel(names[k]);
    if (!info) continue;
    for (std::size_t c = 0; c < frames.channels.size(); ++c) {
      if (frames.channels[c].name != info->name) continue;
      const bool radians = frames.channels[c].scale.starts_with("radians");
      sources[k] = {c, radians && info->scale == "degrees" ? 180.0 / std::numbers::pi : 1.0};
    }
  }

  // Frame numbers from the clock: frame = time * rate, which must land on distinct frames.
  double rate = frames.frame_rate;
  if (!(rate > 0.0)) {
    const double step = median_step(frames.time);
    rate = step > 0.0 ? 1.0 / step : default_frame_rate;
  }
  std::vector<long long> frame_number(frames.frames());
  for (std::size_t i = 0; i < frames.frames(); ++i) {
    frame_number[i] = std::llround(frames.time[i] * rate);
    if (i > 0 && frame_number[i] <= frame_number[i - 1])
      throw Error(fmt::format("frames {} and {} ({} s and {} s) fall on one frame number at {} frames per second: "
                              "Py-Feat files have no clock of their own",
                              i, i + 1, frames.time[i - 1], frames.time[i], rate),
                  {frames.source});
  }
  // The `input` column names the video; keep the CSV intact whatever the participant is called.
  std::string input = frames.participant.empty() ? std::string("video") : frames.participant;
  std::replace_if(
      input.begin(), input.end(), [](char ch) { return ch == ',' || ch == '"' || ch == '\n' || ch == '\r'; }, '_');

  std::string text;
  for (std::size_t k = 0; k < names.size(); ++k) text += (k == 0 ? "" : ",") + names[k];
  text += '\n';
  auto it = std::back_inserter(text);
  const std::size_t col_score = 4, col_input = names.size() - 2, col_frame = names.size() - 1;
  for (std::size_t i = 0; i < frames.frames(); ++i) {
    const bool ok = frames.valid[i] != 0;
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (k > 0) text += ',';
      if (k == col_score) {
        // Missing values are empty cells, as pandas writes NaN.
        const double score = frames.confidence[i];
        if (ok) fmt::format_to(it, "{}", std::isfinite(score) && score > 0.0 ? score : 1.0);
      } else if (k == col_input) {
        text += input;
      } else if (k == col_frame) {
        fmt::format_to(it, "{}", frame_number[i]);
      } else if (ok && sources[k].channel) {
        const double v = frames.values[*sources[k].channel][i];
        if (!std::isnan(v)) fmt::format_to(it, "{}", v * sources[k].factor);
      }
    }
    text += '\n';
  }
  return text;
}

}  // namespace contagion::facial::detail
