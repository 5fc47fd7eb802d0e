#pragma once
// The scale each export format gives a channel (docs/synthetic.md, "Scales"). Internal to datasets/.

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <string_view>

#include "contagion/core/error.hpp"
#include "contagion/facial/frame_table.hpp"

namespace contagion::datasets::detail {

struct Scale {
  double factor;  ///< activation (0-1) -> the format's numbers
  std::string description;
  bool levels = false;  ///< whole numbers only (FaceReader's action-unit letters NotActive, A-E)
  double to_scale(double activation) const { return levels ? std::round(factor * activation) : factor * activation; }
};

inline Scale scale_of(facial::SourceFormat format, std::string_view channel) {
  const bool emotion = !channel.starts_with("AU");
  switch (format) {
    case facial::SourceFormat::openface:
      return {5.0, "intensity 0-5"};
    case facial::SourceFormat::imotions_affdex:
      return {100.0, "0-100"};
    case facial::SourceFormat::imotions_facet:
    case facial::SourceFormat::pyfeat:
      return {1.0, "probability 0-1"};
    case facial::SourceFormat::facereader:
      if (emotion) return {1.0, "FaceReader intensity 0-1"};
      return {5.0, "FACS intensity A-E as 1-5", true};
    default:
      throw UsageError(
          fmt::format("synthetic studies are written as openface, facet, affdex, facereader or pyfeat, not {}",
                      facial::to_string(format)));
  }
}

}  // namespace contagion::datasets::detail
