#pragma once
#include <string>

namespace contagion {

/// "0.1.0"
std::string version();
/// The commit the build was configured from, or "unknown".
std::string git_sha();
/// "contagion 0.1.0 (git 1a2b3c4d5e6f)": the created_by attribute of every output.
std::string created_by();

}  // namespace contagion
