#pragma once
// A named parameter value as recorded in a run's provenance (HDF5 attributes, JSON).

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace contagion {

using ParameterValue = std::variant<double, std::int64_t, bool, std::string>;

struct Parameter {
  std::string name;  ///< dotted key, e.g. "model.epsilon"
  ParameterValue value;
};

using ParameterList = std::vector<Parameter>;

/// Human-readable form: numbers with full precision (round-trip), booleans as true/false.
std::string to_string(const ParameterValue& value);

/// The value of `name`, or nullptr when absent.
const ParameterValue* find_parameter(const ParameterList& list, const std::string& name);

}  // namespace contagion
