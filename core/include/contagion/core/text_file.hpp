#pragma once
#include <string>

namespace contagion {

/// The whole file as bytes. Throws contagion::Error naming the file ("cannot open <what> for
/// reading") when it cannot be opened or read.
std::string read_text_file(const std::string& path, const std::string& what = "file");

}  // namespace contagion
