#include "contagion/facial/readers.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "contagion/core/error.hpp"
#include "contagion/core/text_file.hpp"
#include "delimited.hpp"
#include "formats.hpp"

namespace contagion::facial {
namespace detail {

std::string participant_from_path(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

}  // namespace detail

SourceFormat detect_format(std::string_view head, const std::string& source_name) {
  detail::LineReader lines(head);
  std::string_view line;
  for (int k = 0; k < 40 && lines.next(line); ++k) {
    const auto has = [&](std::string_view s) { return line.find(s) != std::string_view::npos; };
    if (line.rfind("#INFO", 0) == 0 || line.rfind("#METADATA", 0) == 0 || line.rfind("#DATA", 0) == 0)
      return SourceFormat::imotions_affdex;
    if (line.rfind("Row,Timestamp", 0) == 0 || line.rfind("\"Row\",\"Timestamp\"", 0) == 0)
      return SourceFormat::imotions_affdex;
    if (line.rfind("#Study", 0) == 0 || (has("EventSource") && has("Evidence")) || has("Joy Evidence"))
      return SourceFormat::imotions_facet;
    if (has("Video analysis detailed log") || (has("Video Time") && has("Neutral"))) return SourceFormat::facereader;
    if (has("FaceRectX") && has("FaceScore")) return SourceFormat::pyfeat;
    if (has("frame") && has("success") && (has("AU01_r") || has("confidence"))) return SourceFormat::openface;
  }
  throw Error(
      "cannot tell the export format from the header (OpenFace, iMotions FACET or AFFDEX, FaceReader, "
      "Py-Feat); give it with --format, or map the columns of a generic CSV",
      {source_name, 1});
}

FrameTable parse_frames(std::string_view text, const std::string& source_name, const ReadOptions& options) {
  const SourceFormat format = options.detect ? detect_format(text.substr(0, 65536), source_name) : options.format;
  FrameTable frames;
  switch (format) {
    case SourceFormat::openface:
      frames = detail::read_openface(text, source_name, options);
      break;
    case SourceFormat::imotions_facet:
      frames = detail::read_facet(text, source_name, options);
      break;
    case SourceFormat::imotions_affdex:
      frames = detail::read_affdex(text, source_name, options);
      break;
    case SourceFormat::facereader:
      frames = detail::read_facereader(text, source_name, options);
      break;
    case SourceFormat::pyfeat:
      frames = detail::read_pyfeat(text, source_name, options);
      break;
    case SourceFormat::generic:
      frames = detail::read_generic(text, source_name, options);
      break;
    case SourceFormat::video:
      throw UsageError("video files are read with 'contagion video', not as an export");
  }
  frames.source = source_name;
  frames.format = format;
  if (!options.participant.empty()) frames.participant = options.participant;
  if (frames.participant.empty()) frames.participant = detail::participant_from_path(source_name);
  frames.check();
  return frames;
}

FrameTable read_frames(const std::string& path, const ReadOptions& options) {
  return parse_frames(read_text_file(path, "export"), path, options);
}

std::string format_frames(const FrameTable& frames, SourceFormat format) {
  switch (format) {
    case SourceFormat::openface:
      return detail::write_openface(frames);
    case SourceFormat::imotions_facet:
      return detail::write_facet(frames);
    case SourceFormat::imotions_affdex:
      return detail::write_affdex(frames);
    case SourceFormat::facereader:
      return detail::write_facereader(frames);
    case SourceFormat::pyfeat:
      return detail::write_pyfeat(frames);
    case SourceFormat::generic:
      return detail::write_generic(frames);
    default:
      throw UsageError("frame tables are not written as video");
  }
}

void write_frames(const FrameTable& frames, SourceFormat format, const std::string& path) {
  const std::string text = format_frames(frames, format);
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary);
    if (!out) throw Error(fmt::format("cannot open {} for writing", temporary));
    out << text;
    if (!out.flush()) throw Error(fmt::format("cannot write {}", temporary));
  }
  std::filesystem::rename(temporary, path);
}

}  // namespace contagion::facial
