#include "contagion/core/clock.hpp"

#include <fmt/chrono.h>
#include <chrono>

namespace contagion {

std::string utc_timestamp() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(now));
}

}  // namespace contagion
