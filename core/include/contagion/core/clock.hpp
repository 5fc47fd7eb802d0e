#pragma once
#include <string>

namespace contagion {

/// The current UTC time as ISO 8601 with seconds, e.g. "2026-11-22T10:04:05Z".
std::string utc_timestamp();

}  // namespace contagion
