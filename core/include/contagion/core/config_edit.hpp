#pragma once
// Changing keys of a TOML document (sweeps, calibrated parameter files): the result is a
// complete TOML text that reproduces the changed configuration on its own.

#include <string>
#include <string_view>
#include <vector>

namespace contagion {

/// `key = value` with a dotted key ("model.epsilon") and the value as TOML value text
/// ("0.2", "true", "[1, 2]", "\"ring\""); a bare word that is not valid TOML ("ring") is
/// taken as a string.
struct KeyAssignment {
  std::string key;
  std::string value;
};

/// Parses `text`, sets every assignment (creating missing tables and keys) and writes the
/// document back as TOML. Comments and layout are not kept; every value is. Throws
/// contagion::Error naming `source_name` for a syntax error, and naming the key when a part
/// of its path is not a table or the value is not a valid TOML value.
std::string assign_config_keys(std::string_view text, const std::string& source_name,
                               const std::vector<KeyAssignment>& assignments);

}  // namespace contagion
