#pragma once
#include <string>

namespace contagion::cli {
/// bench/scenarios/demo_degroot.toml, embedded at build time.
const std::string& demo_scenario_text();
}  // namespace contagion::cli
