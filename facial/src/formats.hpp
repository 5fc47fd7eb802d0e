#pragma once
// One reader and one writer per export format, private to facial/ (readers.hpp dispatches).

#include <string>
#include <string_view>

#include "contagion/facial/frame_table.hpp"
#include "contagion/facial/readers.hpp"

namespace contagion::facial::detail {

FrameTable read_openface(std::string_view text, const std::string& source, const ReadOptions& options);
std::string write_openface(const FrameTable& frames);

FrameTable read_pyfeat(std::string_view text, const std::string& source, const ReadOptions& options);
std::string write_pyfeat(const FrameTable& frames);

FrameTable read_generic(std::string_view text, const std::string& source, const ReadOptions& options);
std::string write_generic(const FrameTable& frames);

FrameTable read_facet(std::string_view text, const std::string& source, const ReadOptions& options);
std::string write_facet(const FrameTable& frames);

FrameTable read_affdex(std::string_view text, const std::string& source, const ReadOptions& options);
std::string write_affdex(const FrameTable& frames);

FrameTable read_facereader(std::string_view text, const std::string& source, const ReadOptions& options);
std::string write_facereader(const FrameTable& frames);

/// The participant from a file name: the stem ("data/p07.csv" -> "p07").
std::string participant_from_path(const std::string& path);

}  // namespace contagion::facial::detail
