#pragma once
// One recording of one face: per-frame time stamps, validity and confidence, and named
// channels (action units, emotions, head pose, motion energy...) on their source scale. Every
// reader converts into it, every writer out of it (DESIGN.md: one frame table).
//
// Channel names are canonical: "AU01" .. "AU45" (two digits) for action-unit intensities or
// probabilities, "AU12_c" for OpenFace's presence, lower-case emotions "joy", "anger",
// "surprise", "fear", "contempt", "disgust", "sadness", "neutral", and "valence", "arousal",
// "engagement", "pitch", "yaw", "roll". ChannelInfo keeps the source column and its scale.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace contagion::facial {

enum class SourceFormat { openface, imotions_facet, imotions_affdex, facereader, pyfeat, generic, video };

std::string_view to_string(SourceFormat format);
/// "openface", "facet", "affdex", "facereader", "pyfeat", "generic", "video"; throws
/// contagion::UsageError listing them for anything else.
SourceFormat parse_source_format(std::string_view name);

struct ChannelInfo {
  std::string name;              ///< canonical name
  std::string source_name;       ///< the column it was read from
  std::string scale;             ///< what the numbers mean, e.g. "intensity 0-5", "probability 0-1"
  double low = 0.0, high = 1.0;  ///< the range of the scale as stored here
};

struct FrameTable {
  std::string source;  ///< the file read
  SourceFormat format = SourceFormat::generic;
  std::string participant;  ///< from the export (iMotions Name) or the file name
  double frame_rate = 0.0;  ///< nominal frames per second; 0 when unknown

  std::vector<double> time;           ///< seconds from the start of the recording, increasing
  std::vector<std::uint8_t> valid;    ///< 1: a face was found and fitted
  std::vector<double> confidence;     ///< 0..1 per frame; NaN when the source has none
  std::vector<std::string> stimulus;  ///< the export's own stimulus label per frame; empty when it has none

  std::vector<ChannelInfo> channels;
  std::vector<std::vector<double>> values;  ///< [channel][frame]; NaN where missing
  std::vector<std::string> warnings;        ///< things a user should know (implausible time stamps...)

  std::size_t frames() const noexcept { return time.size(); }
  bool has_channel(std::string_view name) const noexcept;
  /// Index of a channel; throws contagion::Error naming the file and the channels it has.
  std::size_t channel_index(std::string_view name) const;
  std::span<const double> channel(std::string_view name) const { return values[channel_index(name)]; }
  /// Adds a channel of frames() values.
  void add_channel(ChannelInfo info, std::vector<double> column);
  /// Throws contagion::Error unless the sizes agree, time increases strictly and at least one
  /// frame is valid ("no usable frames" is an error, not an empty result).
  void check() const;
};

}  // namespace contagion::facial
