#pragma once
#include <string>

namespace contagion {

/// The whole file as bytes. Throws contagion::Error naming the file ("cannot open <what> for
/// reading") when it cannot be opened or read.
std::string read_text_file(const std::string& path, const std::string& what = "file");

/// Writes `text` to "<path>.partial" and renames it over `path`: a reader never sees half a
/// file, and a failure leaves an existing `path` untouched. Throws contagion::Error.
void write_text_file(const std::string& path, const std::string& text);

}  // namespace contagion
