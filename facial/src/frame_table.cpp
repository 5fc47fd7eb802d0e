#include "contagion/facial/frame_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "contagion/core/error.hpp"

namespace contagion::facial {

std::string_view to_string(SourceFormat format) {
  switch (format) {
    case SourceFormat::openface:
      return "openface";
    case SourceFormat::imotions_facet:
      return "facet";
    case SourceFormat::imotions_affdex:
      return "affdex";
    case SourceFormat::facereader:
      return "facereader";
    case SourceFormat::pyfeat:
      return "pyfeat";
    case SourceFormat::video:
      return "video";
    default:
      return "generic";
  }
}

SourceFormat parse_source_format(std::string_view name) {
  for (const auto f : {SourceFormat::openface, SourceFormat::imotions_facet, SourceFormat::imotions_affdex,
                       SourceFormat::facereader, SourceFormat::pyfeat, SourceFormat::generic, SourceFormat::video})
    if (to_string(f) == name) return f;
  throw UsageError(
      fmt::format("unknown format '{}'; the formats are openface, facet, affdex, facereader, pyfeat, "
                  "generic, video",
                  name));
}

bool FrameTable::has_channel(std::string_view name) const noexcept {
  return std::any_of(channels.begin(), channels.end(), [&](const ChannelInfo& c) { return c.name == name; });
}

std::size_t FrameTable::channel_index(std::string_view name) const {
  for (std::size_t i = 0; i < channels.size(); ++i)
    if (channels[i].name == name) return i;
  std::string list;
  for (const auto& c : channels) list += (list.empty() ? "" : ", ") + c.name;
  throw Error(fmt::format("no channel '{}' (the channels are: {})", name, list), {source, 0, 0, std::string(name)});
}

void FrameTable::add_channel(ChannelInfo info, std::vector<double> column) {
  if (column.size() != frames())
    throw Error(fmt::format("channel '{}' has {} values for {} frames", info.name, column.size(), frames()), {source});
  if (has_channel(info.name)) throw Error(fmt::format("channel '{}' twice", info.name), {source});
  channels.push_back(std::move(info));
  values.push_back(std::move(column));
}

void FrameTable::check() const {
  const std::size_t n = frames();
  if (n == 0) throw Error("no frames", {source});
  if (valid.size() != n || confidence.size() != n || (!stimulus.empty() && stimulus.size() != n) ||
      values.size() != channels.size())
    throw Error("frame table columns differ in length", {source});
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(time[i])) throw Error(fmt::format("frame {} has no time stamp", i + 1), {source});
    if (i > 0 && !(time[i] > time[i - 1]))
      throw Error(fmt::format("time stamps do not increase at frame {} ({} s after {} s)", i + 1, time[i], time[i - 1]),
                  {source});
  }
  if (std::none_of(valid.begin(), valid.end(), [](std::uint8_t v) { return v != 0; }))
    throw Error(fmt::format("no usable frames: none of the {} frames has a face", n), {source});
}

}  // namespace contagion::facial
